/**
 * One cheap split of a request URL into the parts the engine matches on. `new URL()` costs more than the
 * whole host lookup and normalizes things we do not need (IDN, dot segments), so requests are split by
 * hand once, at the edge, and the query is parsed only when something asks for it.
 */
import { safeDecodeURIComponent } from '../decode/urlencoded';

export interface ParsedUrl {
  href: string;
  /** Lower-case scheme without ':' (e.g. "https"); empty when the URL has none. */
  scheme: string;
  /** Lower-case host without port, userinfo or trailing dot; IPv6 keeps its brackets. */
  host: string;
  /** Path starting with '/', as sent (case kept). */
  path: string;
  /** Query without '?', as sent; empty when absent. */
  query: string;
}

export function parseUrl(href: string): ParsedUrl {
  const url = String(href);
  const schemeEnd = url.indexOf('://');
  let scheme = '';
  let rest = 0;
  if (schemeEnd > 0 && /^[a-zA-Z][a-zA-Z0-9+.-]*$/.test(url.slice(0, schemeEnd))) {
    scheme = url.slice(0, schemeEnd).toLowerCase();
    rest = schemeEnd + 3;
  }
  let hostEnd = url.length;
  for (let i = rest; i < url.length; i++) {
    const c = url.charCodeAt(i);
    // '/', '?', '#', '\' end the authority (browsers treat '\' like '/').
    if (c === 47 || c === 63 || c === 35 || c === 92) {
      hostEnd = i;
      break;
    }
  }
  let authority = scheme ? url.slice(rest, hostEnd) : '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  let host = authority;
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    host = close > 0 ? host.slice(0, close + 1) : host;
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0) host = host.slice(0, colon);
  }
  host = host.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);

  const tail = scheme ? url.slice(hostEnd) : url;
  const hash = tail.indexOf('#');
  const beforeHash = hash >= 0 ? tail.slice(0, hash) : tail;
  const q = beforeHash.indexOf('?');
  let path = q >= 0 ? beforeHash.slice(0, q) : beforeHash;
  if (!path.startsWith('/')) path = '/' + path;
  return { href: url, scheme, host, path, query: q >= 0 ? beforeHash.slice(q + 1) : '' };
}

/** Most query parameters read from one URL: a hostile URL with 10,000 of them costs no more than this. */
export const MAX_QUERY_PARAMS = 256;

/**
 * Query parameters in order (at most `max`, MAX_QUERY_PARAMS unless a caller must list them all), decoded with form rules ('+' is a space); a malformed
 * escape is kept as sent. Empty parts (`a=1&&b=2`) are skipped. The one query parser: detection, the catalogue's
 * query conditions, custom field rules and the stored-URL redaction all count parameters this way.
 */
export function queryParams(query: string, max = MAX_QUERY_PARAMS): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!query) return out;
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq >= 0 ? part.slice(0, eq) : part;
    const value = eq >= 0 ? part.slice(eq + 1) : '';
    out.push([safeDecodeURIComponent(key), safeDecodeURIComponent(value)]);
    if (out.length >= max) break;
  }
  return out;
}

/** Lower-case set of the query's keys, for rule conditions. */
export function queryKeySet(query: string): Set<string> {
  const keys = new Set<string>();
  for (const [k] of queryParams(query)) keys.add(k.toLowerCase());
  return keys;
}

/**
 * How a URL is shown to people: host with its port, path and search, by the URL standard (IDN and dot segments
 * resolved). For display only; matching uses parseUrl. A string that is not a URL comes back whole as the path.
 */
export function displayParts(url: string): { host: string; path: string; search: string } {
  try {
    const u = new URL(url);
    return { host: u.host, path: u.pathname, search: u.search };
  } catch {
    return { host: '', path: url, search: '' };
  }
}

/** Origin (`scheme://host[:port]`) of a URL, or undefined for anything that is not http(s). */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}
