/**
 * What of a request's URL and headers is kept with an observation.
 *
 * - Headers: those that carry standard computer information or identify the client (KEPT_HEADERS), the
 *   credential headers by name only, and any header the annotation found something in; the others are
 *   counted, not kept. Referer keeps only its origin (its path and query can carry what the user typed).
 * - URL: a query parameter in which the annotation found content or an identifier (a finding whose evidence
 *   path is `url:query.<name>`) keeps the redacted preview instead of its value, e.g. a help search
 *   `query=turn+off+reading+pane` → `query=%5Bhelp-query%3A%2022%20chars%2C%20sha256%3A…%5D`. A header in
 *   which a finding was made keeps the preview the same way. A recording that keeps raw evidence keeps both.
 * - Every header value and the URL are capped at MAX_STORED_CHARS, with a marker saying how long they were,
 *   so a hostile 1 MB header costs 2 KB, not 1 MB, per record.
 */
import type { Annotation, Evidence, Header } from '../model';
import { safeDecodeURIComponent } from '../decode/urlencoded';
import { redactedKind } from './placeholder';
import { originOf } from '../util/url';
import { isCredentialHeader, REDACTED } from './headers';

export const MAX_STORED_CHARS = 2048;

/** Headers kept whatever the annotation says (lower-case); `sec-ch-ua*` by prefix. */
export const KEPT_HEADERS: ReadonlySet<string> = new Set([
  'user-agent',
  'accept-language',
  'content-type',
  'content-encoding',
  'origin',
  'referer',
]);
const KEPT_PREFIX = 'sec-ch-ua';

/** `s` cut at `max` characters, with the original length said: `…[cut, 1048576 chars]`. */
export function capText(s: string, max = MAX_STORED_CHARS): string {
  if (s.length <= max) return s;
  // Already cut (a record rewritten): cutting again would lose the length it said.
  const cut = CUT_MARK.exec(s);
  if (cut && s.length - cut[0].length === max) return s;
  return `${s.slice(0, max)}…[cut, ${s.length} chars]`;
}
const CUT_MARK = /…\[cut, \d+ chars\]$/;

function findingEvidence(annotation: Annotation | undefined): Evidence[] {
  const findings = annotation?.findings;
  if (!Array.isArray(findings)) return [];
  return findings.flatMap((f) => (Array.isArray(f?.evidence) ? f.evidence : []));
}

function headersNamedBy(annotation: Annotation | undefined): Set<string> {
  const names = new Set<string>();
  const flows = [...(annotation?.items ?? []), ...(annotation?.findings ?? [])];
  for (const flow of flows) {
    for (const e of flow?.evidence ?? []) {
      if (typeof e?.path === 'string' && e.path.startsWith('header:')) names.add(e.path.slice(7).toLowerCase());
    }
  }
  return names;
}

export interface StoredHeaders {
  headers: Header[];
  /** Headers sent but not kept. */
  omitted: number;
}

export function storedHeaders(headers: readonly Header[], annotation: Annotation | undefined, raw: boolean): StoredHeaders {
  const named = headersNamedBy(annotation);
  // A finding in a header: the header keeps the finding's preview, as the annotation shows it.
  const previews = new Map<string, string>();
  if (!raw) {
    for (const e of findingEvidence(annotation)) {
      if (typeof e?.path !== 'string' || !e.path.startsWith('header:')) continue;
      const name = e.path.slice(7).toLowerCase();
      if (!previews.has(name)) previews.set(name, String(e.value));
    }
  }
  const kept: Header[] = [];
  let omitted = 0;
  for (const h of headers) {
    const name = String(h?.name ?? '');
    const lower = name.toLowerCase();
    let value = String(h?.value ?? '');
    // Kept by name with the value redacted: that credentials were sent is part of the record.
    if (isCredentialHeader(lower)) value = REDACTED;
    else if (!KEPT_HEADERS.has(lower) && !lower.startsWith(KEPT_PREFIX) && !named.has(lower)) {
      omitted++;
      continue;
    } else if (previews.has(lower)) value = previews.get(lower)!;
    else if (lower === 'referer') value = originOf(value) ?? '';
    kept.push({ name: capText(name, 256), value: capText(value) });
  }
  return { headers: kept, omitted };
}

/**
 * The parameter an evidence path `url:query.<name>[n]…` points at: its decoded name and occurrence, or
 * undefined when the path is not a query path. Names are `.ident` or `["any \"json\" string"]` (paths.ts).
 */
export function queryParamOf(path: string): { name: string; occurrence: number } | undefined {
  const root = 'url:query';
  if (!path.startsWith(root)) return undefined;
  let at = root.length;
  let name: string;
  if (path[at] === '.') {
    const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(path.slice(at + 1));
    if (!m) return undefined;
    name = m[0];
    at += 1 + name.length;
  } else if (path.startsWith('["', at)) {
    // The JSON string ends at the first '"' not escaped by an odd run of backslashes.
    let end = at + 2;
    while (end < path.length) {
      if (path[end] === '\\') end += 2;
      else if (path[end] === '"') break;
      else end++;
    }
    if (path[end + 1] !== ']') return undefined;
    try {
      name = JSON.parse(path.slice(at + 1, end + 1)) as string;
    } catch {
      return undefined;
    }
    at = end + 2;
  } else {
    return undefined;
  }
  const index = /^\[(\d+)\]/.exec(path.slice(at));
  return { name, occurrence: index ? Number(index[1]) : 0 };
}

/** The URL with the value of each query parameter holding content or an identifier replaced by its preview. */
export function storedUrl(url: string, annotation: Annotation | undefined, raw: boolean): string {
  const text = String(url ?? '');
  if (!raw) {
    const replace = new Map<string, string>();
    for (const e of findingEvidence(annotation)) {
      const param = typeof e?.path === 'string' ? queryParamOf(e.path) : undefined;
      if (!param) continue;
      const key = `${param.occurrence}\u0000${param.name}`;
      if (!replace.has(key)) replace.set(key, String(e.value));
    }
    if (replace.size > 0) return capText(replaceQueryValues(text, replace));
  }
  return capText(text);
}

function replaceQueryValues(url: string, replace: ReadonlyMap<string, string>): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  const seen = new Map<string, number>();
  // Counted as lib/util/url.ts queryParams counts them: empty parts skipped, names decoded.
  const parts = query.split('&').map((part) => {
    if (!part) return part;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const name = safeDecodeURIComponent(rawName);
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    const preview = replace.get(`${n}\u0000${name}`);
    if (preview === undefined) return part;
    // A value that already is a redacted preview (a re-imported export) stays as it is, not redacted twice.
    if (eq >= 0 && isRedactedPreview(safeDecodeURIComponent(part.slice(eq + 1)))) return part;
    return `${rawName}=${encodeURIComponent(preview)}`;
  });
  return `${url.slice(0, q + 1)}${parts.join('&')}${hash < 0 ? '' : url.slice(hash)}`;
}

/** A content fingerprint (`[kind: n chars, sha256:…]`) or an identifier mask (`3f2a…(36)`) made by lib/redact/value.ts. */
function isRedactedPreview(value: string): boolean {
  return redactedKind(value) !== undefined || /^[^…]{0,4}…\(\d+\)$/.test(value);
}
