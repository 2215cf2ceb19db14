/**
 * Standard base64 for bodies Telltale writes (HAR postData, kept binary bodies) and reads back. Detection's
 * own decoder (lib/detect/values.ts `base64ToBytes`) is lenient on purpose: base64url, and it stops at the
 * first character outside the alphabet, to look inside values that merely contain base64.
 */

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In pieces: String.fromCharCode(...) on a whole large body would overflow the argument stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of base64 text (whitespace ignored), or undefined when it is not base64. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}
