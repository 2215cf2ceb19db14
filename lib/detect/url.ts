/** The URL parts detection reads: host (help and feedback hosts), raw path, and the decoded query parameters. */
import { safeDecodeURIComponent } from '../decode/urlencoded';
import { parseUrl } from '../util/url';

/** Most query parameters read from one URL. */
const MAX_QUERY_PARAMS = 256;

export interface SplitUrl {
  /** Lower-cased host name without port or brackets. */
  host: string;
  /** Raw path (still percent-encoded). */
  path: string;
  /** Decoded query parameters in order. */
  query: [name: string, value: string][];
}

/** Query parameters of a raw query string (without '?'), decoded with '+' as space, at most 256. */
export function queryOf(query: string): [name: string, value: string][] {
  const out: [string, string][] = [];
  if (!query) return out;
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = safeDecodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    out.push([name, eq < 0 ? '' : safeDecodeURIComponent(part.slice(eq + 1))]);
    if (out.length >= MAX_QUERY_PARAMS) break;
  }
  return out;
}

/** The parts of `url`, split by the engine's one URL parser (util/url.ts). Never throws. */
export function splitUrl(url: string): SplitUrl {
  if (typeof url !== 'string') return { host: '', path: '', query: [] };
  const parsed = parseUrl(url);
  const host = parsed.host.startsWith('[') ? parsed.host.slice(1, parsed.host.endsWith(']') ? -1 : undefined) : parsed.host;
  return { host, path: parsed.path, query: queryOf(parsed.query) };
}

/** `host` equals one of `domains` or is a subdomain of one. */
export function hostIn(host: string, domains: readonly string[]): boolean {
  for (const d of domains) {
    if (host === d) return true;
    if (host.length > d.length && host.endsWith(d) && host.charCodeAt(host.length - d.length - 1) === 0x2e) return true;
  }
  return false;
}
