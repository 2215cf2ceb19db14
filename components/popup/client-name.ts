/**
 * The product a client origin is, for the lines "opened from Lync Web App" and "earlier on this tab". Most
 * specific rule first; a custom origin (added on the options page) is an on-premises Lync Web App.
 */

/** `*.` matches the domain itself and every subdomain; anything else matches exactly. */
function hostMatches(host: string, rule: string): boolean {
  if (!rule.startsWith('*.')) return host === rule;
  const base = rule.slice(2);
  return host === base || host.endsWith(`.${base}`);
}

const NAMES: ReadonlyArray<readonly [rule: string, name: string]> = [
  ['outlook.office.com', 'Outlook on the web'],
  ['outlook.office365.com', 'Outlook on the web'],
  ['outlook.live.com', 'Outlook.com'],
  ['onedrive.live.com', 'OneDrive'],
  ['teams.microsoft.com', 'Microsoft Teams'],
  ['*.teams.microsoft.com', 'Microsoft Teams'],
  ['*.lync.com', 'Lync Web App'],
  ['*.skype.com', 'Skype'],
  ['*.sharepoint.com', 'SharePoint'],
  ['*.office.com', 'Office on the web'],
  ['*.office365.com', 'Office on the web'],
  ['*.cloud.microsoft', 'Microsoft 365'],
  ['*.live.com', 'Microsoft account'],
];

export function clientName(origin: string, customOrigins: readonly string[] = []): string {
  if (customOrigins.includes(origin)) return 'Lync Web App';
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return origin;
  }
  return NAMES.find(([rule]) => hostMatches(host, rule))?.[1] ?? host;
}

/** `scheme://host[:port]` shown as its host (and port): what a user recognises in the address bar. */
export function shortOrigin(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}
