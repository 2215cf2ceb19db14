/** The options page's UI strings in both languages, kept beside the page until they move to _locales. */
export type OptionsLang = 'sv' | 'en';

export const STRINGS = {
  title: { en: 'Telltale settings', sv: 'Telltale-inställningar' },
  retention: { en: 'Passive log retention', sv: 'Lagring av den löpande loggen' },
  retentionHelp: {
    en: 'Observations in the passive log are deleted after this many days, and beyond this many observations (oldest first). Recordings are kept until you delete them.',
    sv: 'Observationer i den löpande loggen raderas efter så här många dagar och utöver så här många observationer (äldst först). Inspelningar sparas tills du raderar dem.',
  },
  days: { en: 'Days', sv: 'Dagar' },
  maxObservations: { en: 'Maximum observations', sv: 'Högsta antal observationer' },
  save: { en: 'Save', sv: 'Spara' },
  saved: { en: 'Saved.', sv: 'Sparat.' },
  origins: { en: 'Custom client origins', sv: 'Egna klientursprung' },
  originsHelp: {
    en: 'Add the address of a web client Telltale does not know, such as an on-premises Lync Web App (lyncweb.example.com). Your browser asks you to allow access to that site; removing it gives the access back.',
    sv: 'Lägg till adressen till en webbklient som Telltale inte känner till, till exempel en lokal Lync Web App (lyncweb.example.com). Webbläsaren ber dig tillåta åtkomst till webbplatsen; tar du bort den lämnas åtkomsten tillbaka.',
  },
  add: { en: 'Add', sv: 'Lägg till' },
  remove: { en: 'Remove', sv: 'Ta bort' },
  noOrigins: { en: 'No custom origins.', sv: 'Inga egna ursprung.' },
  badOrigin: { en: 'Not a web address.', sv: 'Inte en webbadress.' },
  denied: { en: 'Access to the site was not allowed.', sv: 'Åtkomst till webbplatsen tilläts inte.' },
  thirdParties: { en: 'Third parties', sv: 'Tredje part' },
  notifications: { en: 'Notifications', sv: 'Aviseringar' },
  notifyLabel: {
    en: 'Notify me the first time information leaves that the policy does not disclose',
    sv: 'Avisera mig första gången information skickas som policyn inte redovisar',
  },
  data: { en: 'Stored data', sv: 'Sparade data' },
  deleteAll: { en: 'Delete all data', sv: 'Radera alla data' },
  deleteConfirm: {
    en: 'Delete every observation and recording? This cannot be undone.',
    sv: 'Radera alla observationer och inspelningar? Det går inte att ångra.',
  },
  deleted: { en: 'All data deleted.', sv: 'Alla data raderade.' },
  error: { en: 'Error', sv: 'Fel' },
} satisfies Record<string, Record<OptionsLang, string>>;

export type StringId = keyof typeof STRINGS;

export function pickLang(languages: readonly string[]): OptionsLang {
  return languages[0]?.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}
