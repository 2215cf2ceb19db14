/**
 * Client origins: the pages whose requests Telltale records (Office / Lync / Teams web clients, listed in
 * lib/catalogue/hosts.ts), plus origins the user adds, such as an on-premises Lync Web App.
 */
import { CLIENT_HOST_SET } from '../catalogue/hosts';
import { originOf } from '../util/url';

/**
 * True when `origin` is a client origin: its host matches a default client host, or it equals one of the
 * user's custom origins (custom origins are exact origins, compared by scheme, host and port).
 */
export function isClientOrigin(origin: string | undefined, custom: readonly string[] = []): boolean {
  if (!origin) return false;
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return false;
  }
  if (CLIENT_HOST_SET.has(host)) return true;
  return custom.includes(origin);
}

/**
 * Turns what a user typed ("lyncweb.example.com", "https://lyncweb.example.com/path") into an origin,
 * or undefined when it is not a usable http(s) host. A bare host means https.
 */
export function parseCustomOrigin(input: string): string | undefined {
  const text = input.trim();
  if (!text) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  const origin = originOf(withScheme);
  if (!origin) return undefined;
  const host = new URL(origin).hostname;
  // A host needs a dot (or be localhost) to be a real site; this also rejects typos such as "https://".
  if (!host.includes('.') && host !== 'localhost') return undefined;
  return origin;
}

/** The host permission pattern that covers one custom origin (match patterns carry no port). */
export function permissionPatternFor(origin: string): string {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
}
