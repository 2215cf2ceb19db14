/**
 * Every host list Telltale keeps, in one place: which pages are clients, which hosts are Microsoft's, where
 * help and feedback go, and which hosts the extension asks permission for. wxt.config.ts builds the manifest
 * from HOST_PERMISSIONS; lib/capture, lib/detect and the catalogue read the rest. Match them with HostSet.
 */
import microsoftDomains from './microsoft-domains.json';
import { HostSet } from './host-set';

/** Microsoft's own domains, each with all its subdomains (see microsoft-domains.json for the sources). */
export const MICROSOFT_DOMAINS: readonly string[] = microsoftDomains.domains;

/** Client pages, as HostSet patterns: `*.` covers the domain itself and every subdomain, anything else one host. */
export const DEFAULT_CLIENT_HOSTS: readonly string[] = [
  '*.office.com',
  '*.office365.com',
  'outlook.live.com',
  '*.live.com',
  'teams.microsoft.com',
  '*.teams.microsoft.com',
  '*.lync.com',
  '*.skype.com',
  '*.sharepoint.com',
  'onedrive.live.com',
  '*.cloud.microsoft',
];

/** Online-help hosts (each with its subdomains), where generic parameter names like `q` are help queries. */
export const HELP_HOSTS: readonly string[] = [
  'support.office.com',
  'support.microsoft.com',
  'support.content.office.net',
  'ocsa.officeapps.live.com',
  'officeclient.microsoft.com',
  'go.microsoft.com',
  'learn.microsoft.com',
];

/** Online-feedback hosts (each with its subdomains), where a plain-text body is the feedback itself. */
export const FEEDBACK_HOSTS: readonly string[] = ['sas.office.microsoft.com', 'petrol.office.microsoft.com', 'ocv.microsoft.com'];

/**
 * The domains the manifest asks host permission for, each as `*://*.<domain>/*`. An extension sees a request
 * only with permission for the page that made it and for its destination, so these cover every default client
 * host and the collectors the catalogue names for web clients; test/unit/lib/catalogue checks both. They stay
 * this few on purpose: the rest of Microsoft's domains (and every other site) come in through the optional
 * all-sites permission, asked for only when the user turns it on.
 */
export const HOST_PERMISSION_DOMAINS: readonly string[] = [
  'microsoft.com',
  'office.com',
  'office365.com',
  'office.net',
  'live.com',
  'lync.com',
  'skype.com',
  'sharepoint.com',
  'cloud.microsoft',
  'visualstudio.com',
  'azure.com',
  'microsoftonline.com',
];

/** Manifest match patterns for HOST_PERMISSION_DOMAINS. */
export const HOST_PERMISSIONS: readonly string[] = HOST_PERMISSION_DOMAINS.map((d) => `*://*.${d}/*`);

/** The lists as sets, built once. */
export const CLIENT_HOST_SET = new HostSet(DEFAULT_CLIENT_HOSTS);
export const HELP_HOST_SET = HostSet.ofDomains(HELP_HOSTS);
export const FEEDBACK_HOST_SET = HostSet.ofDomains(FEEDBACK_HOSTS);
export const PERMITTED_HOST_SET = HostSet.ofDomains(HOST_PERMISSION_DOMAINS);

const organisations = new WeakMap<readonly string[], HostSet>();

/**
 * The organisation's own hosts: the host of each custom client origin and its subdomains (an on-premises Lync
 * Web App and the servers below it). Only what the user added: a sibling host needs its own origin, because
 * without the public-suffix list a parent domain could be a whole country's.
 */
export function organisationHosts(customOrigins: readonly string[]): HostSet {
  let set = organisations.get(customOrigins);
  if (!set) {
    const hosts: string[] = [];
    for (const origin of customOrigins) {
      try {
        hosts.push(`*.${new URL(origin).hostname}`);
      } catch {
        // Settings hold only parsed origins; anything else names no host.
      }
    }
    set = new HostSet(hosts);
    organisations.set(customOrigins, set);
  }
  return set;
}
