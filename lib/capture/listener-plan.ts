/**
 * What Telltale asks the browser to hand over, per request (issue: watching must be nearly free). Chromium
 * charges for every option on every request a listener matches: `requestBody` copies upload data, and
 * `extraHeaders` routes the request's headers through the extension (measured on a 1,000-POST burst: 1.17×
 * with `requestHeaders` only, 1.36× without `extraHeaders`, 1.56× without `requestBody`, 1.69× with both).
 *
 *   option          asked for                                       why
 *   requestBody     navigations, frames, XHR/fetch, beacons, other   only these can carry an upload
 *   extraHeaders    navigations and frames on watched hosts, and     Accept-Language, Referer and Origin
 *   (Chromium)      every request to a catalogue endpoint family     matter where a feature's data leaves
 *   requestHeaders  every other request                              User-Agent and Sec-CH-UA* are visible
 *                                                                    without extraHeaders; the rest is
 *                                                                    named in Annotation.unseen
 *
 * Pure: the background turns these into listener filters; tests check them without a browser.
 */
import type { EndpointRule } from '../catalogue';

/**
 * The optional host permission behind the third-party switch: while granted, requests from client pages to
 * any host are visible. The switch is this permission; it keeps no state of its own.
 */
export const ALL_SITES: readonly string[] = ['*://*/*'];

/** Resource types whose requests can carry a body (a form POST navigates a frame; a fetch is `xmlhttprequest`). */
export const BODY_TYPES: readonly string[] = ['main_frame', 'sub_frame', 'xmlhttprequest', 'ping', 'beacon', 'csp_report', 'object', 'other'];

/** Navigations: their Referer and Accept-Language say where the user came from and in which language. */
export const NAVIGATION_TYPES: readonly string[] = ['main_frame', 'sub_frame'];

/**
 * Headers Chromium hands an `onSendHeaders` listener only with `extraHeaders`; a request observed without it
 * has them unseen, not absent.
 */
export const HEADERS_HIDDEN_WITHOUT_EXTRA: readonly string[] = ['accept-language', 'referer', 'origin', 'cookie'];

/**
 * The browser's own list of resource types split into those with and without bodies. The list comes from
 * the browser (`webRequest.ResourceType`), so no type is left out of both filters; types the browser does
 * not know are never put in a filter (Chromium rejects them).
 */
export function splitTypes(known: readonly string[]): { body: string[]; noBody: string[] } {
  return {
    body: known.filter((t) => BODY_TYPES.includes(t)),
    noBody: known.filter((t) => !BODY_TYPES.includes(t)),
  };
}

/**
 * Match patterns for the hosts of the catalogue's endpoint families (one per host, any path: the filter is
 * wider than a rule's path, never narrower). `*.suffix` covers the suffix's subdomains; `*` with a path
 * (on-premises UCWA) becomes a path pattern on any host; `label.*` (a first label on any domain) cannot be
 * said in a match pattern and is left to the navigation and cheap listeners.
 */
export function fullHeaderPatterns(rules: readonly Pick<EndpointRule, 'host' | 'path'>[]): string[] {
  const out = new Set<string>();
  for (const r of rules) {
    const host = r.host.trim().toLowerCase();
    if (host === '*') {
      if (r.path) out.add(`*://*${r.path.endsWith('*') ? r.path : `${r.path}*`}`);
    } else if (host.endsWith('.*') || host.includes('/') || host.slice(1).includes('*')) {
      continue;
    } else {
      out.add(`*://${host}/*`);
    }
  }
  return [...out].sort();
}
