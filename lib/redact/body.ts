/**
 * The request body as an observation keeps it, so an exported HAR can be checked again with the same result.
 *
 * Redacted (the default): every value detection found to be content or an identifier is replaced by what the
 * annotation shows for it, a fingerprint `[feedback-content: 120 chars, sha256:9f86d081884c]` or a mask
 * `u:8e…(38)` (redact.ts). Standard computer information stays as sent: it is what the product shows. The
 * placeholders are found again by detection (lib/redact/placeholder.ts, which detection reads), so classifying the redacted body gives
 * the same features, items, findings and verdicts as the original.
 *
 *   decoded body ──copy──► replace content at every path detection reported (ContentSink, beyond its caps)
 *                          └► and wherever the same content recurs in other strings
 *                ──serialize in the body's own format──► NDJSON lines / JSON / urlencoded / text / base64
 *                ──cap at KEPT_BODY_MAX_BYTES, cutting between events, lines or fields where it can
 *
 * Raw (recordings with raw evidence): the decoded body as sent, under the same cap.
 * gzip bodies are kept inflated (`gzip: true` says so); binary bodies as base64.
 */
import type { NormalizedRequest, ContentHit, ContentSink, ObservationBody } from '../model';
import type { DecodedBody } from '../decode/types';
import { gunzipBounded, isGzip } from '../decode/gzip';
import { parseJsonSafe } from '../decode/json';
import { utf8Length } from '../decode/text';
import { fingerprintContent, maskIdentifier } from './value';

/** Most bytes of body kept with one observation (16 KiB, counted as UTF-8 text, or as bytes before base64). */
export const KEPT_BODY_MAX_BYTES = 16 * 1024;

export type KeepBody = 'redacted' | 'raw';

/** Gathers the body's content hits from detection (a ContentSink); URL and header hits are not the body's. */
export class BodyHits {
  readonly list: ContentHit[] = [];
  readonly sink: ContentSink = (kind, where, path) => {
    if (where === 'body') this.list.push({ kind, path });
  };
}

/** Content kinds whose recurrences elsewhere are not swept: a stack recurs only where detection finds it anyway. */
const NOT_SWEPT = new Set(['error-report', 'memory-dump']);
/** Shortest content value looked for again in other strings; shorter ones ("5", "yes") recur by chance. */
const MIN_SWEPT_CHARS = 8;

const FALLBACK_MIME: Record<DecodedBody['format'], string> = {
  none: '',
  form: 'application/x-www-form-urlencoded',
  json: 'application/json',
  ndjson: 'application/x-json-stream',
  urlencoded: 'application/x-www-form-urlencoded',
  text: 'text/plain',
  binary: 'application/octet-stream',
};

export interface KeepOptions {
  mode: KeepBody;
  /** Content hits of the body (BodyHits.list); needed for `redacted`. */
  hits?: readonly ContentHit[];
  /** Whether a kind is an identifier (masked) rather than content (fingerprinted). */
  isIdentifier: (kind: string) => boolean;
  maxBytes?: number;
}

/**
 * The body to keep with an observation, or undefined when the request had none. Never throws: a body that
 * cannot be rebuilt is left out rather than kept unredacted.
 */
export function keptBody(request: NormalizedRequest, decoded: DecodedBody, options: KeepOptions): ObservationBody | undefined {
  try {
    return keep(request, decoded, options);
  } catch {
    return undefined;
  }
}

function keep(request: NormalizedRequest, decoded: DecodedBody, options: KeepOptions): ObservationBody | undefined {
  if (decoded.format === 'none') return undefined;
  const cap = options.maxBytes ?? KEPT_BODY_MAX_BYTES;
  const redact = options.mode === 'redacted';
  const hits = redact ? (options.hits ?? []) : [];
  const mimeType = mimeOf(request, decoded);
  const base: Base = { redacted: redact, ...(decoded.gzip ? { gzip: true } : {}), ...(mimeType ? { mimeType } : {}) };

  // The whole body is content (a feedback text, a stack, a dump): it is replaced as a whole.
  const whole = hits.find((h) => h.path === 'body');
  if (whole) {
    const text = placeholder(whole.kind, decoded.text ?? decoded.value ?? '', options.isIdentifier);
    return { ...base, text, truncated: decoded.truncated };
  }
  if (decoded.format === 'binary') return binary(request, decoded, cap, base);

  let value = decoded.value;
  let changed = false;
  if (hits.length > 0 && value !== undefined) {
    const r = new Replacer(options.isIdentifier);
    value = r.apply(decoded.format, value, hits);
    // A hit whose path does not lead to a placeholder would leave its content in clear: keep no body then.
    if (r.missed > 0) return undefined;
    changed = r.count > 0;
  } else if (hits.length > 0) {
    return undefined;
  }
  if (!changed && decoded.text !== undefined) {
    // Nothing to replace: the body as sent, byte for byte when it fits.
    if (utf8Length(decoded.text) <= cap) return { ...base, text: decoded.text, truncated: decoded.truncated };
    if (value === undefined || decoded.format === 'text') return { ...base, ...cutText(decoded.text, cap, decoded.truncated) };
  }
  const out = serialize(decoded.format, value, cap);
  if (!out) return undefined;
  return { ...base, text: out.text, truncated: out.truncated || decoded.truncated };
}

function mimeOf(request: NormalizedRequest, decoded: DecodedBody): string {
  if (decoded.format === 'form') return FALLBACK_MIME.form;
  const sent = request.body?.mimeType ?? request.headers?.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  return sent || FALLBACK_MIME[decoded.format];
}

/** Fingerprint (content) or mask (identifier) of a value, as the annotation shows it. */
function placeholder(kind: string, value: unknown, isIdentifier: (kind: string) => boolean): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return isIdentifier(kind) ? maskIdentifier(text) : fingerprintContent(kind, text);
}

type Base = Pick<ObservationBody, 'redacted' | 'gzip' | 'mimeType'>;

function binary(request: NormalizedRequest, decoded: DecodedBody, cap: number, base: Base): ObservationBody | undefined {
  const raw = request.body?.raw;
  if (!(raw instanceof Uint8Array)) return undefined;
  let bytes = raw;
  let truncated = decoded.truncated;
  if (decoded.gzip && isGzip(raw)) {
    const g = gunzipBounded(raw, cap + 1);
    bytes = g.bytes;
    truncated ||= g.truncated;
  }
  if (bytes.length > cap) {
    bytes = bytes.subarray(0, cap);
    truncated = true;
  }
  return { ...base, text: toBase64(bytes), encoding: 'base64', truncated };
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

// ---------------------------------------------------------------------------------------------------------
// Paths and replacement

type Segment = string | number;

/**
 * `body[2].ext.user.localId` → [2, 'ext', 'user', 'localId']; `body[0].tags["ai.user.id"]` → [0, 'tags',
 * 'ai.user.id'] (lib/detect/paths.ts). A `~urlencoded` / `~base64` layer suffix ends the path. Undefined for a
 * path that is not under `body` or does not parse.
 */
export function parseBodyPath(path: string): Segment[] | undefined {
  if (!path.startsWith('body')) return undefined;
  const segs: Segment[] = [];
  let i = 4;
  while (i < path.length) {
    const c = path[i];
    if (c === '~') break;
    if (c === '.') {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(path.slice(i + 1));
      if (!m) return undefined;
      segs.push(m[0]);
      i += 1 + m[0].length;
    } else if (c === '[' && path[i + 1] === '"') {
      // A JSON string literal: ends at the first quote not escaped by a backslash.
      let j = i + 2;
      while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
      if (path[j + 1] !== ']') return undefined;
      const parsed = parseJsonSafe(path.slice(i + 1, j + 1));
      if (!parsed.ok || typeof parsed.value !== 'string') return undefined;
      segs.push(parsed.value);
      i = j + 2;
    } else if (c === '[') {
      const m = /^\[(\d+)\]/.exec(path.slice(i));
      if (!m) return undefined;
      segs.push(Number(m[1]));
      i += m[0].length;
    } else return undefined;
  }
  return segs;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A deep copy with null-prototype objects, so that any key (even `__proto__`) is a plain entry. */
function copy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copy);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(v)) out[k] = copy(v[k]);
  return out;
}

/** Replaces content in a copy of a decoded value, remembering what it put in, and where. */
class Replacer {
  /** Raw content value → its placeholder, for the sweep. */
  private readonly seen = new Map<string, string>();
  /** Placeholders put in, so a path reported twice (by two rules) is not redacted twice. */
  private readonly produced = new Set<string>();
  /** Values replaced. */
  count = 0;
  /** Hits whose path led neither to a placeholder nor into one. */
  missed = 0;

  constructor(private readonly isIdentifier: (kind: string) => boolean) {}

  apply(format: DecodedBody['format'], value: unknown, hits: readonly ContentHit[]): unknown {
    const parsed: { kind: string; segs: Segment[] }[] = [];
    for (const h of hits) {
      const segs = parseBodyPath(h.path);
      if (segs && segs.length > 0) parsed.push({ kind: h.kind, segs });
      else this.missed++;
    }
    // Outer values first: once a parsed stack array is a placeholder, the frames inside it are gone with it.
    parsed.sort((a, b) => a.segs.length - b.segs.length);
    const form = format === 'form' || format === 'urlencoded';
    const root = copy(value);
    for (const h of parsed) {
      if (form) this.inForm(root, h.segs, h.kind);
      else this.at(root, h.segs, h.kind);
    }
    for (const h of parsed) if (!this.covered(root, h.segs, form)) this.missed++;
    if (this.seen.size > 0) this.sweep(root);
    return root;
  }

  /** Whether the value at `segs`, or one it lies in, is now a placeholder. */
  private covered(root: unknown, segs: readonly Segment[], form: boolean): boolean {
    let node = root;
    let i = 0;
    if (form) {
      const values = isObject(root) && typeof segs[0] === 'string' ? root[segs[0]] : undefined;
      if (!Array.isArray(values)) return false;
      i = values.length > 1 ? 2 : 1;
      node = values[values.length > 1 ? (segs[1] as number) : 0];
      if (i < segs.length && typeof node === 'string' && !this.produced.has(node)) {
        const parsed = parseJsonSafe(node);
        if (!parsed.ok) return false;
        node = parsed.value;
      }
    }
    for (; ; i++) {
      if (typeof node === 'string' && this.produced.has(node)) return true;
      if (i >= segs.length) return false;
      node = child(node, segs[i]!);
      if (node === undefined) return false;
    }
  }

  /** Replaces the value at `segs` below `root` (JSON and NDJSON bodies). */
  private at(root: unknown, segs: readonly Segment[], kind: string): void {
    let holder: unknown = root;
    for (let i = 0; i < segs.length - 1; i++) {
      holder = child(holder, segs[i]!);
      if (holder === undefined) return;
    }
    this.put(holder, segs[segs.length - 1]!, kind);
  }

  private put(holder: unknown, key: Segment, kind: string): void {
    if (!(Array.isArray(holder) || isObject(holder))) return;
    const current = child(holder, key);
    if (current === undefined || (typeof current === 'string' && this.produced.has(current))) return;
    const shown = placeholder(kind, current, this.isIdentifier);
    (holder as Record<string | number, unknown>)[key] = shown;
    this.produced.add(shown);
    this.count++;
    if (typeof current === 'string' && current.length >= MIN_SWEPT_CHARS && !NOT_SWEPT.has(kind)) this.seen.set(current, shown);
  }

  /**
   * Form and urlencoded records (key → values): `body.key` is the key's only value, `body.key[n]` one of
   * several; deeper steps are inside a value that holds JSON, which is parsed, redacted and written back.
   */
  private inForm(root: unknown, segs: readonly Segment[], kind: string): void {
    const key = segs[0];
    if (!isObject(root) || typeof key !== 'string') return;
    const values = root[key];
    if (!Array.isArray(values)) return;
    let n = 1;
    let index = 0;
    if (values.length > 1) {
      if (typeof segs[1] !== 'number') return;
      index = segs[1];
      n = 2;
    }
    if (n === segs.length) return this.put(values, index, kind);
    const text = values[index];
    if (typeof text !== 'string') return;
    const parsed = parseJsonSafe(text);
    if (!parsed.ok) return;
    const inner = copy(parsed.value);
    const before = this.count;
    this.at(inner, segs.slice(n), kind);
    if (this.count !== before) values[index] = JSON.stringify(inner);
  }

  /** The same content found elsewhere, inside or as other strings the rules do not name, is replaced too. */
  private sweep(v: unknown): unknown {
    if (typeof v === 'string') {
      if (v.length < MIN_SWEPT_CHARS) return v;
      let out = v;
      for (const [raw, shown] of this.seen) if (out.indexOf(raw) >= 0) out = out === raw ? shown : out.split(raw).join(shown);
      return out;
    }
    if (Array.isArray(v) || isObject(v)) {
      const c = v as Record<string | number, unknown>;
      for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) c[k] = this.sweep(c[k]);
    }
    return v;
  }
}

function child(holder: unknown, seg: Segment): unknown {
  if (Array.isArray(holder)) return typeof seg === 'number' ? holder[seg] : undefined;
  if (isObject(holder) && typeof seg === 'string' && Object.prototype.hasOwnProperty.call(holder, seg)) return holder[seg];
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Serialization under the cap

interface Serialized {
  text: string;
  truncated: boolean;
}

function serialize(format: DecodedBody['format'], value: unknown, cap: number): Serialized | undefined {
  switch (format) {
    case 'ndjson':
      return Array.isArray(value) ? joinWhole(value.map(ndjsonLine), '\n', cap) : undefined;
    case 'json': {
      const text = JSON.stringify(value);
      if (typeof text !== 'string') return undefined;
      if (utf8Length(text) <= cap) return { text, truncated: false };
      // An array keeps its first whole elements, so what is kept still parses.
      if (Array.isArray(value)) {
        const inner = joinWhole(value.map((e) => JSON.stringify(e) ?? 'null'), ',', cap - 2);
        if (inner.text) return { text: `[${inner.text}]`, truncated: true };
      }
      return cutText(text, cap, false);
    }
    case 'form':
    case 'urlencoded': {
      if (!isObject(value)) return undefined;
      const pairs: string[] = [];
      for (const key of Object.keys(value)) {
        const list = value[key];
        for (const v of Array.isArray(list) ? list : [list]) pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
      }
      return joinWhole(pairs, '&', cap);
    }
    default:
      return typeof value === 'string' ? cutText(value, cap, false) : undefined;
  }
}

/**
 * One NDJSON line: an event as JSON; a line that was not JSON as its text, unless that text would now read as
 * JSON (a line `"5"` kept its quotes and must keep them).
 */
function ndjsonLine(v: unknown): string {
  if (typeof v === 'string') return parseJsonSafe(v).ok ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? 'null';
}

/** Whole parts joined while they fit; a first part that alone is too long is cut. */
function joinWhole(parts: readonly string[], sep: string, cap: number): Serialized {
  let bytes = 0;
  let n = 0;
  for (; n < parts.length; n++) {
    const size = utf8Length(parts[n]!) + (n > 0 ? sep.length : 0);
    if (bytes + size > cap) break;
    bytes += size;
  }
  if (n === parts.length) return { text: parts.join(sep), truncated: false };
  if (n === 0) return cutText(parts[0] ?? '', cap, true);
  return { text: parts.slice(0, n).join(sep), truncated: true };
}

/** The longest prefix of `text` within `cap` UTF-8 bytes, never splitting a surrogate pair. */
function cutText(text: string, cap: number, truncated: boolean): Serialized {
  if (text.length <= cap / 3 || utf8Length(text) <= cap) return { text, truncated };
  let bytes = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + n > cap) break;
    bytes += n;
    if (pair) i++;
  }
  return { text: text.slice(0, i), truncated: true };
}
