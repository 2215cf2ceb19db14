/**
 * sendBeacon bodies in Chromium. Chromium hands an extension the body of a `ping` request when the page gave
 * sendBeacon a string, an ArrayBuffer / typed array or FormData, and hands nothing when it gave a Blob
 * (`text/plain` or `application/json`): the request and its headers are seen, the body is not (FIELD-NOTES;
 * test/e2e/scope.e2e.test.ts checks it in real Chromium). The Application Insights SDK beacons a Blob.
 *
 * Where nothing arrived, the annotation says exactly that (`body.unseen`), never `undecodable`: nothing was
 * read badly, nothing was handed over. A second witness can fill the gap: the page-side observer
 * (entrypoints/beacon-witness*.content.ts) reports what the page passed to sendBeacon, and the background
 * matches it to the webRequest record by tab, URL and time. A body read from that witness is marked
 * `body.witness: 'page'`, because the page, not the network layer, vouched for it.
 */
import type { Annotation, NormalizedRequest } from '../model';

export const BEACON_BODY_UNSEEN = 'beacon body not visible to extensions in Chromium';

/** True for a Chromium beacon whose body the browser did not hand over (a Blob was beaconed). */
export function beaconBodyUnseen(request: NormalizedRequest, chromium: boolean): boolean {
  if (!chromium || request.type !== 'beacon' || request.method !== 'POST') return false;
  const b = request.body;
  return !b || (!(b.raw && b.raw.byteLength > 0) && !b.formData && !b.text);
}

/** What the page-side observer saw one sendBeacon call carry. */
export interface BeaconWitness {
  tabId: number;
  url: string;
  /** The body as text (UTF-8 for strings and Blobs, form fields urlencoded), capped by the observer. */
  body: string;
  /** Blob.type, or the type sendBeacon itself would send. */
  mimeType?: string;
  /** The page's clock when sendBeacon was called (epoch ms). */
  time: number;
}

/** How far apart the page's call and the browser's record of one beacon may be. */
export const WITNESS_WINDOW_MS = 10_000;
const MAX_WITNESSES = 200;
export const MAX_WITNESS_BODY = 64 * 1024;

/** Witnesses waiting for their webRequest record, bounded; each is used at most once. */
export class BeaconWitnesses {
  private list: BeaconWitness[] = [];

  add(w: BeaconWitness): void {
    this.list.push(w);
    if (this.list.length > MAX_WITNESSES) this.list.splice(0, this.list.length - MAX_WITNESSES);
  }

  get size(): number {
    return this.list.length;
  }

  /** The earliest unused witness for this tab and URL within the window, removed from the list. */
  take(tabId: number, url: string, time: number): BeaconWitness | undefined {
    const i = this.find(tabId, url, time);
    if (i < 0) return undefined;
    return this.list.splice(i, 1)[0];
  }

  has(tabId: number, url: string, time: number): boolean {
    return this.find(tabId, url, time) >= 0;
  }

  private find(tabId: number, url: string, time: number): number {
    return this.list.findIndex((w) => w.tabId === tabId && w.url === url && Math.abs(w.time - time) <= WITNESS_WINDOW_MS);
  }
}

/** The request as the engine should read it, with the body the page reported in place of the missing one. */
export function withWitnessBody(request: NormalizedRequest, w: BeaconWitness): NormalizedRequest {
  return { ...request, body: { text: w.body, ...(w.mimeType ? { mimeType: w.mimeType } : {}) } };
}

/** Marks the annotation: the body was not visible, or was read from the page's witness. */
export function markBeaconBody(annotation: Annotation, witnessed: boolean): Annotation {
  return witnessed
    ? { ...annotation, body: { ...annotation.body, witness: 'page', unseen: BEACON_BODY_UNSEEN } }
    : { ...annotation, body: { ...annotation.body, undecodable: false, unseen: BEACON_BODY_UNSEEN } };
}
