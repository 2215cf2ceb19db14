/**
 * What Telltale asks the browser to hand over, per request (issue: watching must be nearly free). Chromium
 * charges for every listener that matches a request and for every option it asks for: `requestBody` copies
 * upload data, and `extraHeaders` routes the request's headers through the extension and makes Chromium show
 * it each CORS preflight too (a second request, with its own events, for every cross-origin POST).
 *
 *   event / option             asked for                                  why
 *   onBeforeRequest            types that can carry a body                the body is there and only there
 *     + requestBody
 *   onSendHeaders              every type                                 the request's first event where it has
 *     + requestHeaders                                                    no body: one event per script, style
 *                                                                         or image instead of three
 *   onSendHeaders              navigations and frames, and the help and   Accept-Language and Referer are the
 *     + extraHeaders           feedback families (FULL_HEADER_FAMILIES),  data there: the language asked for,
 *     (Chromium)               only while hidden headers are wanted       where the user came from
 *   onCompleted                types that can carry a body                the status of what sent data
 *   onErrorOccurred            every type                                 fires only when a request fails
 *
 * While any listener asks for `extraHeaders`, Chromium sends the headers of every request in the profile through
 * its header client, whatever the listener's filter; so the full-header listeners are there only while the user
 * asks for hidden headers or a recording runs (entrypoints/background/listeners.ts).
 *
 * Everything else is seen without `extraHeaders`: User-Agent and Sec-CH-UA* are visible, Accept-Language,
 * Referer, Origin and Cookie are named in `Annotation.unseen`. Telemetry collectors are among these: their
 * bodies carry the language and locale fields themselves, and leaving them out halves a telemetry burst's
 * events (no preflights).
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

/**
 * Endpoint families whose requests are watched with every header: help and feedback, where Accept-Language is
 * the language the user reads help in or writes feedback in, and the help page's Referer is the client page.
 */
export const FULL_HEADER_FAMILIES: readonly string[] = ['help', 'feedback'];

/** The catalogue rules whose hosts get the full-header listener. */
export function fullHeaderRules<R extends Pick<EndpointRule, 'family'>>(rules: readonly R[]): R[] {
  return rules.filter((r) => FULL_HEADER_FAMILIES.includes(r.family));
}

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
 * Match patterns for the hosts of endpoint rules (one per host, any path: the filter is
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

/**
 * The part of a URL a full-header decision depends on when every pattern is host-wide (`*://host/*`):
 * scheme, host and port, found without parsing the URL. Undefined when a pattern has a path.
 */
export function originKeyOf(url: string, patterns: readonly string[]): string | undefined {
  return allHostWide(patterns) ? originKey(url) : undefined;
}

/** Every pattern is host-wide (`*://host/*`), so whether it covers a URL depends only on its origin. */
export function allHostWide(patterns: readonly string[]): boolean {
  return patterns.every((p) => p.endsWith('/*') && p.indexOf('/', p.indexOf('://') + 3) === p.length - 2);
}

/** Scheme, host and port of a URL, found without parsing it; undefined without a scheme. */
export function originKey(url: string): string | undefined {
  const start = url.indexOf('://');
  if (start < 0) return undefined;
  const end = url.indexOf('/', start + 3);
  return end < 0 ? url : url.slice(0, end);
}
