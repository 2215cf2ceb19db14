import type { RequestBody } from '../model';
import { gunzipBounded, isGzip } from './gzip';
import { firstNonSpace, parseJsonSafe } from './json';
import { parseJsonLenient } from './lenient-json';
import { MAX_BODY_BYTES, MAX_NDJSON_LINES } from './limits';
import { looksBinary, utf8Decode, utf8Length, utf8SafeCut } from './text';
import type { BodyFormat, DecodeOptions, DecodeReason, DecodedBody } from './types';
import { looksUrlEncoded, parseUrlEncoded } from './urlencoded';

/**
 * Decodes a request body as webRequest or a HAR file hands it over: form data, raw bytes (gzip inflated,
 * UTF-8 read leniently) or text, then JSON / NDJSON / urlencoded / plain text. Synchronous, bounded by
 * MAX_BODY_BYTES (or `opts.maxBytes`), and never throws: anything unexpected becomes a flag on the result.
 */
export function decodeBody(body: RequestBody | undefined, opts?: DecodeOptions): DecodedBody {
  try {
    return decode(body, capOf(opts));
  } catch {
    // Nothing below is expected to throw; this keeps the promise if a runtime behaves unexpectedly.
    return { format: 'none', gzip: false, truncated: false, undecodable: true, size: 0 };
  }
}

function capOf(opts: DecodeOptions | undefined): number {
  const m = opts?.maxBytes;
  return typeof m === 'number' && m >= 0 && Number.isFinite(m) ? Math.floor(m) : MAX_BODY_BYTES;
}

function empty(): DecodedBody {
  return { format: 'none', gzip: false, truncated: false, undecodable: false, size: 0 };
}

function decode(body: RequestBody | undefined, cap: number): DecodedBody {
  if (!body || typeof body !== 'object') return empty();
  if (body.formData && typeof body.formData === 'object') return decodeForm(body.formData, cap);
  if (body.raw instanceof Uint8Array && body.raw.length > 0) return decodeBytes(body.raw, body.mimeType, cap);
  if (typeof body.text === 'string' && body.text.length > 0) return decodeText(body.text, body.mimeType, cap);
  // The browser could not hand the body over (Chrome reports sendBeacon bodies as requestBody.error): something
  // was sent that nobody read, which is not the same as no body at all.
  if (body.error) return { format: 'none', gzip: false, truncated: false, undecodable: true, size: 0, reason: 'body-error' };
  return empty();
}

/** webRequest formData: copied into a null-prototype record, values coerced to strings, bounded by the cap. */
function decodeForm(form: Record<string, string[]>, cap: number): DecodedBody {
  const value: Record<string, string[]> = Object.create(null);
  let size = 0;
  let truncated = false;
  for (const key of Object.keys(form)) {
    const list = form[key];
    const values = Array.isArray(list) ? list : [list];
    const kept: string[] = [];
    for (const v of values) {
      const s = typeof v === 'string' ? v : String(v);
      size += key.length + s.length + 2;
      if (size > cap) truncated = true;
      else kept.push(s);
    }
    if (kept.length > 0) value[key] = kept;
  }
  return { format: 'form', gzip: false, truncated, undecodable: false, size, value };
}

function decodeBytes(raw: Uint8Array, mimeType: string | undefined, cap: number): DecodedBody {
  let bytes = raw;
  let size = raw.length;
  let truncated = false;
  let gzip = false;
  let reason: DecodeReason | undefined;
  if (isGzip(raw)) {
    gzip = true;
    const g = gunzipBounded(raw, cap);
    bytes = g.bytes;
    size = g.size;
    truncated = g.truncated;
    if (g.failed) reason = 'gzip-error';
    if (g.failed && g.bytes.length === 0) {
      return { format: 'binary', gzip, truncated: false, undecodable: true, size: raw.length, reason };
    }
  }
  if (bytes.length > cap) {
    bytes = bytes.subarray(0, utf8SafeCut(bytes, cap));
    truncated = true;
  }
  const text = utf8Decode(bytes);
  const meta: Meta = { gzip, truncated, size, reason };
  // JSON that parses whole is text: it cannot hold NUL or other raw control characters, and without a
  // replacement character nothing was invalid UTF-8. Settling that first spares telemetry, nearly every body,
  // the binary test's pass over the text. Anything else is tested as before, then structured.
  const clean = cleanJson(text, mimeType, meta);
  if (clean) return clean;
  if (looksBinary(bytes, text)) {
    const out: DecodedBody = { format: 'binary', gzip, truncated, undecodable: true, size, text };
    if (reason) out.reason = reason;
    return out;
  }
  return structure(text, mimeType, meta);
}

/** The structured body when `text` is JSON or NDJSON that parses in full with no U+FFFD in it, else undefined. */
function cleanJson(text: string, mimeType: string | undefined, meta: Meta): DecodedBody | undefined {
  const first = firstNonSpace(text);
  const mime = typeof mimeType === 'string' ? mimeType.toLowerCase() : '';
  if (meta.reason || (first !== 0x7b && first !== 0x5b && !mime.includes('json'))) return undefined;
  if (text.indexOf('\ufffd') >= 0) return undefined;
  const out = structure(text, mimeType, meta);
  // Not a lenient read: its comments, dropped before parsing, could hold anything.
  const whole = (out.format === 'json' || out.format === 'ndjson') && out.value !== undefined && out.reason === meta.reason && !out.lenient;
  return whole ? out : undefined;
}

function decodeText(full: string, mimeType: string | undefined, cap: number): DecodedBody {
  const cut = utf8PrefixLength(full, cap);
  const truncated = cut < full.length;
  const text = truncated ? full.slice(0, cut) : full;
  // Size in UTF-8 bytes: counted exactly up to the cut, the rest estimated as one byte per character.
  const size = utf8Length(text) + (full.length - cut);
  return structure(text, mimeType, { gzip: false, truncated, size, reason: undefined });
}

/** Number of UTF-16 units of `text` whose UTF-8 encoding fits in `cap` bytes (never splitting a pair). */
function utf8PrefixLength(text: string, cap: number): number {
  if (text.length * 3 <= cap) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + n > cap) return i;
    bytes += n;
    if (pair) i++;
  }
  return text.length;
}

interface Meta {
  gzip: boolean;
  truncated: boolean;
  size: number;
  reason: DecodeReason | undefined;
}

function result(format: BodyFormat, text: string, meta: Meta, value?: unknown, reason?: DecodeReason): DecodedBody {
  const out: DecodedBody = {
    format,
    gzip: meta.gzip,
    truncated: meta.truncated,
    undecodable: false,
    size: meta.size,
    text,
  };
  if (value !== undefined) out.value = value;
  const why = meta.reason ?? reason;
  if (why) out.reason = why;
  return out;
}

/** Text → structured value, choosing the format from the MIME type first and the text's shape second. */
function structure(text: string, mimeType: string | undefined, meta: Meta): DecodedBody {
  const mime = typeof mimeType === 'string' ? mimeType.toLowerCase() : '';
  const first = firstNonSpace(text);
  if (first < 0) return result('text', text, meta);

  if (mime.includes('x-json-stream') || mime.includes('ndjson') || mime.includes('jsonl')) {
    return ndjson(text, meta);
  }
  if (first === 0x7b /* { */ || first === 0x5b /* [ */ || mime.includes('json')) {
    const parsed = parseJsonSafe(text);
    if (parsed.ok) return result('json', text, meta, parsed.value);
    // A JSON-looking body of several lines that is not one document is NDJSON sent with another MIME type
    // (1DS beacons go out as text/plain).
    if (parsed.reason === 'invalid-json' && first === 0x7b && hasLineStartingWithBrace(text)) {
      const lines = ndjson(text, meta);
      if (Array.isArray(lines.value) && lines.value.some((v) => typeof v === 'object' && v !== null)) return lines;
    }
    if (first === 0x7b || first === 0x5b) {
      if (parsed.reason === 'invalid-json' && !meta.truncated) {
        // Near-JSON (a trailing comma, single quotes): read leniently, and say so.
        const lenient = parseJsonLenient(text);
        if (lenient.ok) return { ...result('json', text, meta, lenient.value), lenient: true };
      }
      const why = parsed.reason === 'invalid-json' && meta.truncated ? 'truncated-json' : parsed.reason;
      return result('json', text, meta, undefined, why);
    }
  }
  if (mime.includes('x-www-form-urlencoded') || looksUrlEncoded(text)) {
    return result('urlencoded', text, meta, parseUrlEncoded(text));
  }
  return result('text', text, meta);
}

function hasLineStartingWithBrace(text: string): boolean {
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const c = firstNonSpace(text, i + 1);
    if (c === 0x7b) return true;
    if (c !== -1) return false;
  }
  return false;
}

/**
 * One JSON value per non-empty line; a line that is not JSON is kept as its text. Lines are found with
 * indexOf and parsed as slices of the text, each on its own: no copy of the body is made, and a bad line costs
 * only itself. (Measured on 1 MiB of 1DS events: as fast as one JSON.parse of all lines joined into an array,
 * and without the joined copy or the whole-body depth scan that had to come before it.) Each line's depth is
 * checked only when it holds more opening brackets than MAX_JSON_DEPTH (see fewOpeners).
 */
function ndjson(text: string, meta: Meta): DecodedBody {
  let truncated = meta.truncated;
  const events: unknown[] = [];
  let bad: DecodeReason | undefined;
  const n = text.length;
  for (let start = 0; start <= n; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    const line = trimmedSlice(text, start, end);
    start = end + 1;
    if (!line) continue;
    if (events.length >= MAX_NDJSON_LINES) {
      truncated = true;
      break;
    }
    const parsed = parseJsonSafe(line);
    if (parsed.ok) events.push(parsed.value);
    else {
      events.push(line);
      bad ??= parsed.reason;
    }
  }
  if (bad === 'invalid-json' && meta.truncated) bad = 'truncated-json';
  return result('ndjson', text, { ...meta, truncated }, events, bad);
}

/** `text.slice(start, end).trim()`, calling trim only when an end may be whitespace (any non-ASCII may be). */
function trimmedSlice(text: string, start: number, end: number): string {
  if (start >= end) return '';
  const a = text.charCodeAt(start);
  const b = text.charCodeAt(end - 1);
  const line = text.slice(start, end);
  return a <= 0x20 || a >= 0x7f || b <= 0x20 || b >= 0x7f ? line.trim() : line;
}
