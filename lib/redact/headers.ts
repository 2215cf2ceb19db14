/** Credential headers: their names are kept (they show what was sent), never their values. */
import type { Header } from '../model';

/** The one list of headers whose values are credentials (lower-case). */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'cookie',
  'authorization',
  'proxy-authorization',
  // A response header, but HAR files from elsewhere can list it among a request's.
  'set-cookie',
]);
/** What a credential header's value becomes. */
export const REDACTED = '[redacted]';

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.toLowerCase());
}

/** A header as the browser hands it over: a text value, or bytes. */
export interface SentHeader {
  name: string;
  value?: string;
  binaryValue?: ArrayLike<number>;
}

/** Headers with credential values replaced by REDACTED and byte values read as Latin-1 text. */
export function redactHeaders(headers: readonly SentHeader[]): Header[] {
  return headers.map((h) => {
    if (isCredentialHeader(h.name)) return { name: h.name, value: REDACTED };
    if (h.value !== undefined) return { name: h.name, value: h.value };
    return { name: h.name, value: h.binaryValue ? String.fromCharCode(...Array.from(h.binaryValue)) : '' };
  });
}
