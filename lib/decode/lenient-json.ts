/**
 * Near-JSON, as hand-written clients and documentation post it: a trailing comma before `}` or `]`, strings in
 * single quotes, `//` and `/* *\/` comments. When strict parsing fails, the text is rewritten once (linear, one
 * pass) into strict JSON and parsed again; the caller flags the body as read leniently, because what was read is
 * a guess at what the server made of it.
 *
 * Nothing else is repaired: unquoted keys, missing commas and truncated text stay invalid.
 */
import { parseJsonSafe, type JsonResult } from './json';

/** The text with trailing commas and comments dropped and single-quoted strings double-quoted. */
export function toStrictJson(text: string): string {
  let out = '';
  let from = 0;
  const n = text.length;
  let i = 0;
  const flush = (to: number): void => {
    out += text.slice(from, to);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = skipString(text, i, 0x22);
      continue;
    }
    if (c === 0x27 /* ' */) {
      const end = skipString(text, i, 0x27);
      flush(i);
      out += JSON.stringify(unescapeSingle(text.slice(i + 1, end - 1)));
      from = i = end;
      continue;
    }
    if (c === 0x2f /* / */ && (text.charCodeAt(i + 1) === 0x2f || text.charCodeAt(i + 1) === 0x2a)) {
      const block = text.charCodeAt(i + 1) === 0x2a;
      const end = block ? text.indexOf('*/', i + 2) : text.indexOf('\n', i + 2);
      flush(i);
      from = i = end < 0 ? n : end + (block ? 2 : 0);
      continue;
    }
    if (c === 0x2c /* , */) {
      let k = i + 1;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      const next = text.charCodeAt(k);
      if (next === 0x7d /* } */ || next === 0x5d /* ] */) {
        flush(i);
        from = i + 1;
      }
    }
    i++;
  }
  flush(n);
  return out;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Index just past the closing quote of the string starting at `start` (or the end of the text). */
function skipString(text: string, start: number, quote: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === quote) return i + 1;
  }
  return text.length;
}

/** The content of a single-quoted string: `\'` is a quote; other escapes are JSON's. */
function unescapeSingle(s: string): string {
  const parsed = parseJsonSafe(`"${s.replace(/\\'/g, "'").replace(/(^|[^\\])"/g, '$1\\"')}"`);
  return parsed.ok && typeof parsed.value === 'string' ? parsed.value : s;
}

/** Strict JSON first; then the lenient reading, marked. */
export function parseJsonLenient(text: string): JsonResult & { lenient?: true } {
  const strict = parseJsonSafe(text);
  if (strict.ok || strict.reason !== 'invalid-json') return strict;
  const fixed = toStrictJson(text);
  if (fixed === text) return strict;
  const again = parseJsonSafe(fixed);
  return again.ok ? { ...again, lenient: true } : strict;
}
