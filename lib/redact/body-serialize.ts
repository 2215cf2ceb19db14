/** A (redacted) body written back in its own format under the size cap, cut between events, lines or fields. */
import type { DecodedBody } from '../decode/types';
import { parseJsonSafe } from '../decode/json';
import { utf8Length } from '../decode/text';
import { isObject } from '../util/is-object';

export interface Serialized {
  text: string;
  truncated: boolean;
}

export function serialize(format: DecodedBody['format'], value: unknown, cap: number): Serialized | undefined {
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
export function cutText(text: string, cap: number, truncated: boolean): Serialized {
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
