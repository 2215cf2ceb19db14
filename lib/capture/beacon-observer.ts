/**
 * The page-side beacon observer's pure parts: the client pages it runs on and how it turns what a page passes
 * to navigator.sendBeacon into the text the background reads. No browser API here: the content scripts
 * (entrypoints/beacon-witness.content.ts, beacon-relay.content.ts) call these.
 */
import { DEFAULT_CLIENT_HOSTS } from '../catalogue/hosts';
import { MAX_WITNESS_BODY } from './beacon';

/** Match patterns of the default client origins (custom origins are not known when the manifest is built). */
export const CLIENT_MATCHES: string[] = DEFAULT_CLIENT_HOSTS.map((h) => `*://${h}/*`);

/** The marker of the observer's window message, so the relay ignores every other message a page posts. */
export const WITNESS_MARK = 'telltale:beacon-witness';

/**
 * sendBeacon's data as text, with the type the browser would send, or undefined for a type not read (a
 * ReadableStream cannot be beaconed). Cut at MAX_WITNESS_BODY characters.
 */
export async function beaconText(data: unknown): Promise<{ body: string; mimeType?: string } | undefined> {
  const cut = (s: string) => s.slice(0, MAX_WITNESS_BODY);
  if (data === undefined || data === null) return { body: '' };
  if (typeof data === 'string') return { body: cut(data), mimeType: 'text/plain;charset=UTF-8' };
  if (data instanceof URLSearchParams) return { body: cut(data.toString()), mimeType: 'application/x-www-form-urlencoded;charset=UTF-8' };
  if (data instanceof Blob) return { body: cut(await data.slice(0, MAX_WITNESS_BODY * 4).text()), ...(data.type ? { mimeType: data.type } : {}) };
  if (data instanceof ArrayBuffer) return { body: cut(new TextDecoder().decode(data)) };
  if (ArrayBuffer.isView(data)) return { body: cut(new TextDecoder().decode(data)) };
  if (typeof FormData !== 'undefined' && data instanceof FormData) {
    const fields = [...data.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : `[file ${v.name}]`]);
    return { body: cut(new URLSearchParams(fields).toString()), mimeType: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  return undefined;
}
