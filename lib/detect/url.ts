/** A URL split into host, path and query parameters without the URL constructor (faster, and never throws). */
import { safeDecodeURIComponent } from '../decode/urlencoded';

export interface SplitUrl {
  /** Lower-cased host name without port or brackets. */
  host: string;
  /** Raw path (still percent-encoded). */
  path: string;
  /** Decoded query parameters in order. */
  query: [name: string, value: string][];
}

// Collector URLs repeat request after request; their parts are read-only, so a split can be shared.
const recent = new Map<string, SplitUrl>();

/** The parts of `url`; the result is shared between calls and must not be modified. */
export function splitUrl(url: string): SplitUrl {
  if (typeof url !== 'string') return { host: '', path: '', query: [] };
  let out = recent.get(url);
  if (!out) {
    out = split(url);
    if (recent.size >= 256) recent.clear();
    recent.set(url, out);
  }
  return out;
}

function split(url: string): SplitUrl {
  const out: SplitUrl = { host: '', path: '', query: [] };
  const hash = url.indexOf('#');
  const u = hash >= 0 ? url.slice(0, hash) : url;
  const scheme = u.indexOf('://');
  let rest = u;
  if (scheme >= 0 && scheme < 32) {
    const start = scheme + 3;
    const slash = u.indexOf('/', start);
    const question = u.indexOf('?', start);
    let end = slash < 0 ? u.length : slash;
    if (question >= 0 && question < end) end = question;
    let authority = u.slice(start, end);
    const userinfo = authority.lastIndexOf('@');
    if (userinfo >= 0) authority = authority.slice(userinfo + 1);
    if (authority.startsWith('[')) {
      const close = authority.indexOf(']');
      out.host = (close > 0 ? authority.slice(1, close) : authority.slice(1)).toLowerCase();
    } else {
      const colon = authority.indexOf(':');
      out.host = (colon >= 0 ? authority.slice(0, colon) : authority).toLowerCase();
    }
    rest = u.slice(end);
  }
  const q = rest.indexOf('?');
  out.path = q >= 0 ? rest.slice(0, q) : rest;
  if (q >= 0) {
    for (const part of rest.slice(q + 1).split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const name = safeDecodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      out.query.push([name, eq < 0 ? '' : safeDecodeURIComponent(part.slice(eq + 1))]);
      if (out.query.length >= 256) break;
    }
  }
  return out;
}

/** `host` equals one of `domains` or is a subdomain of one. */
export function hostIn(host: string, domains: readonly string[]): boolean {
  for (const d of domains) {
    if (host === d) return true;
    if (host.length > d.length && host.endsWith(d) && host.charCodeAt(host.length - d.length - 1) === 0x2e) return true;
  }
  return false;
}
