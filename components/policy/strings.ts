/**
 * The policy page's own UI strings. They live here rather than in public/_locales because the page switches
 * language on the spot, independent of the browser's UI language that browser.i18n is fixed to.
 */
import type { Lang, Verdict } from '../../lib/policy/types';

export interface PolicyStrings {
  language: string;
  otherLanguage: string;
  lastUpdated: string;
  contents: string;
  intro: string;
  features: string;
  does: string;
  collects: string;
  use: string;
  choice: string;
  purposes: string;
  items: string;
  signalsOfItem: string;
  signals: string;
  signal: string;
  item: string;
  precision: string;
  named: string;
  broad: string;
  why: string;
  contentKinds: string;
  contentIntro: string;
  identifiers: string;
  identifiersIntro: string;
  choices: string;
  disclosures: string;
  disclosuresIntro: string;
  disclosuresTable: string;
  anyItem: string;
  anyFeature: string;
  signalsTable: string;
  subject: string;
  clauses: string;
  clausesIntro: string;
  clause: string;
  source: string;
  showSource: string;
  original: string;
  note: string;
  usedBy: string;
  verdicts: Record<Verdict, string>;
  verdictMeaning: Record<Verdict, string>;
}

export const POLICY_STRINGS: Record<Lang, PolicyStrings> = {
  sv: {
    language: 'Språk',
    otherLanguage: 'English',
    lastUpdated: 'Senast uppdaterad',
    contents: 'Innehåll',
    intro:
      'Policyn som Telltale bedömer nätverksförfrågningar mot: varje funktion med sina meningar ur originaltexten, standardinformationen om datorn, ändamålen och vilka val du har.',
    features: 'Funktioner',
    does: 'Vad funktionen gör',
    collects: 'Information som samlas in, behandlas eller överförs',
    use: 'Hur informationen används',
    choice: 'Valmöjlighet',
    purposes: 'Ändamål',
    items: 'Standardinformation om datorn',
    signalsOfItem: 'Uppgifter som räknas hit',
    signals: 'Uppgifter och hur policyn täcker dem',
    signal: 'Uppgift',
    item: 'Del av standardinformationen',
    precision: 'Täckning',
    named: 'Nämns i policyn',
    broad: 'Bara en vid term',
    why: 'Varför',
    contentKinds: 'Innehåll och identifierare',
    contentIntro: 'Innehåll som policyn nämner. Det är inte standardinformation om datorn.',
    identifiers: 'Identifierare som policyn aldrig nämner',
    identifiersIntro: 'Hänvisningen pekar på den mening de faller utanför.',
    choices: 'Dina val',
    disclosures: 'Bedömningar',
    disclosuresIntro: 'Vad policyn säger när en uppgift skickas till en funktion, och meningen som bedömningen vilar på.',
    disclosuresTable: 'Tabell över bedömningar',
    anyItem: 'All standardinformation om datorn',
    anyFeature: 'alla funktioner',
    signalsTable: 'Tabell över uppgifter',
    subject: 'Uppgift',
    clauses: 'Policyns text, mening för mening',
    clausesIntro: 'Varje mening som Telltale stöder sig på, citerad en gång och numrerad (§). Resten av sidan hänvisar hit med numret.',
    clause: 'Mening',
    source: 'Originaltexten',
    showSource: 'Visa hela originaltexten (svenska)',
    original: 'Svenskt original',
    note: 'Tolkning',
    usedBy: 'Gäller',
    verdicts: { clear: 'Tydligt', vague: 'Vagt', omitted: 'Utelämnat', incorrect: 'Felaktigt' },
    verdictMeaning: {
      clear: 'Funktionens egen text, eller den allmänna meningen om standardinformation, nämner uppgiften.',
      vague: 'Bara en vid term täcker uppgiften.',
      omitted: 'Ingen mening i policyn täcker uppgiften.',
      incorrect: 'Policyn säger att det inte sker.',
    },
  },
  en: {
    language: 'Language',
    otherLanguage: 'Svenska',
    lastUpdated: 'Last updated',
    contents: 'Contents',
    intro:
      'The policy Telltale judges network requests against: each feature with its sentences from the original text, the standard computer information, the purposes and the choices you have.',
    features: 'Features',
    does: 'What this feature does',
    collects: 'Information collected, processed or transmitted',
    use: 'Use of information',
    choice: 'Choice',
    purposes: 'Purposes',
    items: 'Standard computer information',
    signalsOfItem: 'Details counted here',
    signals: 'Details and how the policy covers them',
    signal: 'Detail',
    item: 'Part of standard computer information',
    precision: 'Coverage',
    named: 'Named in the policy',
    broad: 'Only a broad term',
    why: 'Why',
    contentKinds: 'Content and identifiers',
    contentIntro: 'Content the policy names. It is not standard computer information.',
    identifiers: 'Identifiers the policy never names',
    identifiersIntro: 'The reference points at the sentence they fall outside.',
    choices: 'Your choices',
    disclosures: 'Verdicts',
    disclosuresIntro: 'What the policy says when a detail is sent to a feature, and the sentence the verdict rests on.',
    disclosuresTable: 'Table of verdicts',
    anyItem: 'All standard computer information',
    anyFeature: 'any feature',
    signalsTable: 'Table of details',
    subject: 'Detail',
    clauses: 'The policy text, sentence by sentence',
    clausesIntro: 'Every sentence Telltale relies on, quoted once and numbered (§). The rest of the page refers here by number.',
    clause: 'Clause',
    source: 'Original text',
    showSource: 'Show the whole original text (Swedish)',
    original: 'Swedish original',
    note: 'Reading',
    usedBy: 'Applies to',
    verdicts: { clear: 'Clear', vague: 'Vague', omitted: 'Omitted', incorrect: 'Incorrect' },
    verdictMeaning: {
      clear: "The feature's own text, or the general sentence on standard computer information, names it.",
      vague: 'Only a broad term covers it.',
      omitted: 'No sentence of the policy covers it.',
      incorrect: 'The policy says it does not happen.',
    },
  },
};
