/**
 * The page-side messages. The one message the page-side beacon observer sends (entrypoints/beacon-witness-relay.content.ts), checked
 * before it is believed at all: it must come from this extension's content script in a tab whose page is a
 * client origin, and have exactly this shape. It is still only the page's word: the background uses it only to
 * fill a beacon body the browser did not hand over, matched to a request the browser did see, and marks it.
 */
import type { BeaconWitness } from './beacon';
import { MAX_WITNESS_BODY } from './beacon';
import { originOf } from '../util/url';

export const WITNESS_MESSAGE = 'beacon/witness';

export interface WitnessSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export function isWitnessMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === WITNESS_MESSAGE;
}

/** The witness, or undefined when the sender or the shape is not what the observer sends. */
export function parseWitness(
  message: unknown,
  sender: WitnessSender,
  extensionId: string,
  isClient: (origin: string | undefined) => boolean,
): BeaconWitness | undefined {
  if (sender.id !== extensionId || typeof sender.tab?.id !== 'number' || !isClient(originOf(sender.url))) return undefined;
  const m = message as Record<string, unknown>;
  const keys = Object.keys(m);
  if (keys.some((k) => !['type', 'url', 'body', 'mimeType', 'time'].includes(k))) return undefined;
  const { url, body, mimeType, time } = m;
  if (typeof url !== 'string' || url.length > 8192 || !originOf(url)) return undefined;
  if (typeof body !== 'string' || body.length > MAX_WITNESS_BODY) return undefined;
  if (mimeType !== undefined && (typeof mimeType !== 'string' || mimeType.length > 200)) return undefined;
  if (typeof time !== 'number' || !Number.isFinite(time)) return undefined;
  // A relative URL was resolved by the page; the browser records the absolute one.
  const witness: BeaconWitness = { tabId: sender.tab.id, url: new URL(url).href, body, time };
  if (mimeType) witness.mimeType = mimeType;
  return witness;
}

/**
 * The relay's other message: the top frame of a client page has fired its load event. The background holds its
 * own work on that tab's requests (classifying requests without a body, writing records) until then, at most
 * 2 s, so it does not compete with the page's load. Only a timing hint: nothing is recorded from it.
 */
export const PAGE_LOADED_MESSAGE = 'page/loaded';

export function isPageLoadedMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === PAGE_LOADED_MESSAGE;
}

/** The tab whose client page has loaded, or undefined when the sender or the shape is not the relay's. */
export function parsePageLoaded(
  message: unknown,
  sender: WitnessSender,
  extensionId: string,
  isClient: (origin: string | undefined) => boolean,
): number | undefined {
  if (sender.id !== extensionId || typeof sender.tab?.id !== 'number' || sender.frameId !== 0 || !isClient(originOf(sender.url))) return undefined;
  const keys = Object.keys(message as object);
  return keys.length === 1 && keys[0] === 'type' ? sender.tab.id : undefined;
}
