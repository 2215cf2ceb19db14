/** Bytes → text, tolerant of invalid UTF-8. */

// Non-fatal: invalid sequences become U+FFFD instead of throwing. One shared decoder; decode() is stateless
// when called without { stream: true }.
const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function utf8Decode(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * The length of the longest prefix of `bytes` (at most `cap`) that does not cut a UTF-8 sequence in two,
 * so a truncated body does not end in a spurious replacement character.
 */
export function utf8SafeCut(bytes: Uint8Array, cap: number): number {
  if (bytes.length <= cap) return bytes.length;
  let end = cap;
  // Back off over continuation bytes (10xxxxxx), at most 3, to the start of the cut sequence.
  for (let k = 0; k < 3 && end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80; k++) end--;
  return end;
}

// C0 control characters are exactly what this pattern looks for.
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/;

/**
 * Binary rather than text: a NUL in the first 1 KiB, or more than 5 % (and more than 4) of the characters are U+FFFD
 * replacement characters or C0 controls other than tab, CR, LF. Sampled over the first 64 Ki characters.
 */
export function looksBinary(bytes: Uint8Array, text: string): boolean {
  if (bytes.subarray(0, 1024).indexOf(0) >= 0) return true;
  const n = Math.min(text.length, 65536);
  if (n === 0) return false;
  // Text almost never holds one of these; one native search settles it without counting.
  if (!SUSPECT.test(n < text.length ? text.slice(0, n) : text)) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13)) bad++;
  }
  return bad > 4 && bad * 20 > n;
}

/** UTF-8 byte length of a string, without allocating. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
