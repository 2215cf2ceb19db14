/**
 * Strings of the DevTools panel and the rules import, Swedish and English. The evidence pane is the report's,
 * so keys this table does not have fall back to the report's table (then English, then the key itself).
 * `$1`, `$2` are substitutions.
 */
import type { Lang } from '../../lib/policy/types';
import type { Substitutions, Translate } from '../common/i18n';
import { reportTranslator } from '../report/strings';

type Table = Record<string, string>;

const en: Table = {
  panelTitle: 'Telltale',
  panelTab: 'Tab $1',
  panelNoTab: 'No inspected tab.',
  panelShow: 'Show',
  panelShowAll: 'All requests',
  panelShowVague: 'Vague, omitted or incorrect',
  panelShowOmitted: 'Omitted or incorrect',
  panelClear: 'Clear',
  panelClearHint: 'Empties this list. Nothing stored is deleted: the log and recordings keep these requests.',
  panelExportHar: 'Export HAR',
  panelExportHint: 'The requests in this list (without the filter), as a HAR file that telltale check reads.',
  panelExported: 'Exported $1 ($2 requests).',
  panelExportEmpty: 'Nothing to export.',
  panelCount: '$1 of $2 requests',
  panelLimit: 'Showing the newest $1 requests of this tab.',
  panelEmpty: 'No requests from this tab yet. Telltale lists requests to the Microsoft endpoints it knows and to custom origins.',
  panelEmptyFiltered: 'No request in the list matches the filter.',
  panelList: 'Requests of the inspected tab',
  panelNoFeature: 'no known feature',
  panelNoFlows: 'nothing from the policy',
  panelError: 'Could not read the requests: $1',
  panelCleared: 'Cleared. New requests appear as they are made.',
  selectRequest: 'Select a request in the list to see its evidence.',
  rulesTitle: 'Custom rules',
  rulesHelp:
    'A JSON rules file describes your own client’s telemetry: extra endpoints mapped to features, and extra field names mapped to items, content kinds or identifiers. It is the same file telltale check --rules FILE takes.',
  rulesImport: 'Import rules file…',
  rulesNone: 'No custom rules; only the built-in endpoints and fields are used.',
  rulesInForce: 'In force: $1, imported $2 — $3 endpoint rules, $4 field rules.',
  rulesShow: 'Show the file',
  rulesRemove: 'Remove custom rules',
  rulesRemoved: 'Custom rules removed.',
  rulesImported: 'Imported $1: $2 endpoint rules, $3 field rules. They apply to requests seen from now on.',
  rulesError: 'Could not import $1: $2. The previous rules stay in force.',
  rulesReading: 'Reading $1…',
};

const sv: Table = {
  panelTitle: 'Telltale',
  panelTab: 'Flik $1',
  panelNoTab: 'Ingen granskad flik.',
  panelShow: 'Visa',
  panelShowAll: 'Alla förfrågningar',
  panelShowVague: 'Vaga, utelämnade eller felaktiga',
  panelShowOmitted: 'Utelämnade eller felaktiga',
  panelClear: 'Rensa',
  panelClearHint: 'Tömmer listan. Inget sparat raderas: loggen och inspelningarna behåller förfrågningarna.',
  panelExportHar: 'Exportera HAR',
  panelExportHint: 'Förfrågningarna i listan (utan filtret), som en HAR-fil som telltale check läser.',
  panelExported: 'Exporterade $1 ($2 förfrågningar).',
  panelExportEmpty: 'Inget att exportera.',
  panelCount: '$1 av $2 förfrågningar',
  panelLimit: 'Visar flikens $1 senaste förfrågningar.',
  panelEmpty: 'Inga förfrågningar från fliken ännu. Telltale listar förfrågningar till de Microsoft-adresser den känner till och till egna ursprung.',
  panelEmptyFiltered: 'Ingen förfrågan i listan matchar filtret.',
  panelList: 'Den granskade flikens förfrågningar',
  panelNoFeature: 'ingen känd funktion',
  panelNoFlows: 'inget ur policyn',
  panelError: 'Kunde inte läsa förfrågningarna: $1',
  panelCleared: 'Rensat. Nya förfrågningar visas när de görs.',
  selectRequest: 'Välj en förfrågan i listan för att se dess bevis.',
  rulesTitle: 'Egna regler',
  rulesHelp:
    'En JSON-fil med regler beskriver din egen klients telemetri: fler adresser kopplade till funktioner och fler fältnamn kopplade till uppgifter, innehållstyper eller identifierare. Det är samma fil som telltale check --rules FILE tar.',
  rulesImport: 'Importera regelfil…',
  rulesNone: 'Inga egna regler; bara de inbyggda adresserna och fälten används.',
  rulesInForce: 'Gäller: $1, importerad $2 — $3 adressregler, $4 fältregler.',
  rulesShow: 'Visa filen',
  rulesRemove: 'Ta bort egna regler',
  rulesRemoved: 'Egna regler borttagna.',
  rulesImported: 'Importerade $1: $2 adressregler, $3 fältregler. De gäller förfrågningar från och med nu.',
  rulesError: 'Kunde inte importera $1: $2. De tidigare reglerna gäller fortfarande.',
  rulesReading: 'Läser $1…',
};

export const DEVTOOLS_STRINGS: Record<Lang, Table> = { en, sv };

/** The panel's translator: its own table, then the report's (for the evidence pane and verdicts). */
export function devtoolsTranslator(lang: Lang): Translate {
  const table = DEVTOOLS_STRINGS[lang];
  const report = reportTranslator(lang);
  return (key: string, substitutions?: Substitutions) => {
    const message = table[key];
    if (message === undefined) return report(key, substitutions);
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return message.replace(/\$(\d)/g, (_m, d: string) => String(subs[Number(d) - 1] ?? ''));
  };
}
