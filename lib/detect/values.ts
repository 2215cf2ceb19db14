/** Cheap tests on single values: IP addresses, stack traces, base64, language tags, word boundaries. */
import { utf8Decode, looksBinary } from '../decode/text';
import { MAX_BASE64_CHARS, MIN_BASE64_CHARS } from './limits';

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function isAlnum(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Dotted-quad IPv4, each part 0-255 without leading zeros. */
export function isIPv4(s: string): boolean {
  if (s.length < 7 || s.length > 15) return false;
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || value > 255 || (digits > 1 && s.charCodeAt(i - digits) === 0x30)) return false;
      parts++;
      digits = 0;
      value = 0;
    } else if (isDigit(c)) {
      if (++digits > 3) return false;
      value = value * 10 + (c - 0x30);
    } else return false;
  }
  return parts === 4;
}

/** IPv6 in full or `::`-compressed form, optionally ending in an IPv4 quad. */
export function isIPv6(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  let colons = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3a) colons++;
    else if (!isHex(c) && c !== 0x2e) return false;
  }
  if (colons < 2) return false;
  const double = s.indexOf('::');
  if (double >= 0 && s.indexOf('::', double + 1) >= 0) return false;
  const groups = s.split(':');
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] ?? '';
    if (g === '') continue; // part of `::` (checked above) or a leading/trailing colon of it
    if (i === groups.length - 1 && g.indexOf('.') >= 0) {
      if (!isIPv4(g)) return false;
      count += 2;
      continue;
    }
    if (g.length > 4) return false;
    for (let k = 0; k < g.length; k++) if (!isHex(g.charCodeAt(k))) return false;
    count++;
  }
  if (double < 0) return count === 8 && !s.startsWith(':') && !s.endsWith(':');
  // Only `::` may start or end the address; a lone leading/trailing colon is malformed.
  if ((s.startsWith(':') && !s.startsWith('::')) || (s.endsWith(':') && !s.endsWith('::'))) return false;
  return count < 8;
}

export function isIpAddress(s: string): boolean {
  // Most strings tested are versions, dates and ids: without a second ':' they cannot be IPv6.
  return isIPv4(s) || (s.indexOf(':', s.indexOf(':') + 1) > 0 && isIPv6(s));
}

/** Addresses that say nothing about the sender: unspecified and loopback. */
export function isUninformativeIp(s: string): boolean {
  return s === '0.0.0.0' || s.startsWith('127.') || s === '::' || s === '::1';
}

/**
 * A JavaScript stack trace: a V8/Chakra frame line `at f (https://x/y.js:1:2)` or a SpiderMonkey/JSC frame
 * `f@https://x/y.js:1:2`. The patterns are anchored at line starts and have no nested quantifiers, so a long
 * hostile string costs linear time.
 */
export function looksLikeStackTrace(s: string): boolean {
  if (s.length < 16) return false;
  const at = s.indexOf('at ');
  const sign = s.indexOf('@');
  if (at < 0 && sign < 0) return false;
  if (at >= 0 && /(?:^|\n)[ \t]*at [^\n]*?:\d+(?::\d+)?\)?[ \t]*(?:\r?\n|$)/.test(s)) return true;
  return sign >= 0 && /(?:^|\n)[^\n@\s]*@[^\n]*?:\d+:\d+[ \t]*(?:\r?\n|$)/.test(s);
}

/**
 * An error message: text that names an error or exception type (`TypeError: x is undefined`,
 * `NullReferenceException`, `Uncaught Error: …`). Used on generic `message` fields, which only count as
 * error-report content when they read like one.
 */
export function looksLikeErrorMessage(s: string): boolean {
  return s.length >= 6 && s.length <= 100_000 && /\b[A-Za-z]*(?:Error|Exception)\b/.test(s);
}

/** A BCP 47-like language tag: `sv`, `sv-SE`, `zh-Hant-TW`, `en_US`. */
export function isLanguageTag(s: string): boolean {
  return s.length >= 2 && s.length <= 35 && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(s);
}

/**
 * A string that may be base64 or base64url: long enough, only base64 characters, padding only at the end, and
 * mixed case (ordinary words, hex ids and GUIDs are not treated as base64).
 */
export function looksBase64(s: string): boolean {
  const n = s.length;
  if (n < MIN_BASE64_CHARS || n > MAX_BASE64_CHARS || n % 4 === 1) return false;
  let upper = false;
  let lower = false;
  let end = n;
  while (end > 0 && s.charCodeAt(end - 1) === 0x3d /* = */) end--;
  if (n - end > 2) return false;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) upper = true;
    else if (c >= 0x61 && c <= 0x7a) lower = true;
    else if (!(isDigit(c) || c === 0x2b || c === 0x2f || c === 0x2d || c === 0x5f)) return false;
  }
  return upper && lower;
}

const B64 = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
}
B64[0x2d] = 62; // '-' (base64url)
B64[0x5f] = 63; // '_' (base64url)

/** Base64 / base64url → bytes; stops at the first character outside the alphabet. */
export function base64ToBytes(s: string): Uint8Array {
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? (B64[c] ?? -1) : -1;
    if (v < 0) break;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** Base64 text decoded to readable text, or undefined when the bytes are not text. */
export function base64ToText(s: string): string | undefined {
  const bytes = base64ToBytes(s);
  if (bytes.length === 0) return undefined;
  const text = utf8Decode(bytes);
  return looksBinary(bytes, text) ? undefined : text;
}

/**
 * Whether `s[start, end)` stands on its own: not glued to letters or digits on either side, and, for a
 * value that starts or ends with a digit, not part of a longer dotted number ("10.0.0" is not inside "110.0.0.1").
 */
export function isWholeToken(s: string, start: number, end: number): boolean {
  if (start > 0) {
    const p = s.charCodeAt(start - 1);
    if (isAlnum(p) || p === 0x5f) return false;
    if (p === 0x2e && start > 1 && isDigit(s.charCodeAt(start - 2)) && isDigit(s.charCodeAt(start))) return false;
  }
  if (end < s.length) {
    const q = s.charCodeAt(end);
    if (isAlnum(q) || q === 0x5f) return false;
    if (q === 0x2e && end + 1 < s.length && isDigit(s.charCodeAt(end + 1)) && isDigit(s.charCodeAt(end - 1))) {
      return false;
    }
  }
  return true;
}
