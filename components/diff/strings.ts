/**
 * Strings of the report's comparison view, Swedish and English, kept beside it so the comparison can change
 * without touching the report's own table. Verdict names and the evidence pane use the report's translator.
 */
import type { Lang } from '../../lib/policy/types';

const en = {
  compare: 'Compare…',
  title: 'What changed',
  hint: 'Flows (an item or content kind, to one feature, at one destination) that are new, worse or gone.',
  before: 'Before',
  after: 'After',
  from: 'From',
  to: 'To',
  passiveLog: 'Passive log',
  back: 'Back to the report',
  loading: 'Comparing…',
  added: 'Added',
  worse: 'Worse verdict',
  removed: 'Removed',
  better: 'Better verdict',
  none: 'None.',
  at: 'at',
  example: 'e.g.',
  requests: '$1 requests',
  summary: 'Before: $1 flows in $2 requests. After: $3 flows in $4 requests. Unchanged: $5.',
  pick: 'Choose a flow to see the request it was seen in.',
  missing: 'That recording no longer exists.',
};

type Key = keyof typeof en;

const sv: Record<Key, string> = {
  compare: 'Jämför…',
  title: 'Vad som ändrats',
  hint: 'Flöden (en uppgift eller innehållstyp, till en funktion, hos en mottagare) som är nya, sämre eller borta.',
  before: 'Före',
  after: 'Efter',
  from: 'Från',
  to: 'Till',
  passiveLog: 'Passiv logg',
  back: 'Tillbaka till rapporten',
  loading: 'Jämför…',
  added: 'Tillkomna',
  worse: 'Sämre bedömning',
  removed: 'Borttagna',
  better: 'Bättre bedömning',
  none: 'Inga.',
  at: 'hos',
  example: 't.ex.',
  requests: '$1 förfrågningar',
  summary: 'Före: $1 flöden i $2 förfrågningar. Efter: $3 flöden i $4 förfrågningar. Oförändrade: $5.',
  pick: 'Välj ett flöde för att se förfrågan det sågs i.',
  missing: 'Den inspelningen finns inte längre.',
};

export const COMPARE_STRINGS: Record<Lang, Record<Key, string>> = { en, sv };

export function compareText(lang: Lang, key: Key, ...subs: Array<string | number>): string {
  return COMPARE_STRINGS[lang][key].replace(/\$(\d)/g, (_m, d: string) => String(subs[Number(d) - 1] ?? ''));
}
