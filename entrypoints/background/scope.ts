/**
 * What the pipeline tracks about a request's scope beyond its phases: which tab page a navigation starts, the
 * per-page third-party cap, the headers the cheap listener could not see, and the page-side beacon witnesses.
 * Module state only; what must survive a worker stop lives in the store (pages, dropped counts).
 */
import type { Annotation, NormalizedRequest } from '../../lib/model';
import type { CapturedRequest } from '../../lib/capture/captured';
import { clientOriginOf, type RawBeforeRequest } from '../../lib/capture/normalize';
import { originOf } from '../../lib/util/url';
import { BeaconWitnesses, beaconBodyUnseen, markBeaconBody, withWitnessBody, type BeaconWitness } from '../../lib/capture/beacon';
import { HEADERS_HIDDEN_WITHOUT_EXTRA } from '../../lib/capture/listener-plan';
import { MAX_THIRD_PARTY_PER_PAGE, type Observation, type PageStart, type ScopeKey } from '../../lib/store';

const CHROMIUM = !import.meta.env.FIREFOX;
const MAX_TRACKED_HEADER_IDS = 10_000;

/** A captured request as the engine should read it, and what its annotation must say it did not see. */
export interface Prepared {
  request: NormalizedRequest;
  mark: (a: Annotation) => Annotation;
  /** The cheap listener had its headers: those Chromium hides there are unseen. */
  unseenHeaders: boolean;
}

/** The annotation of a request whose headers came from the cheap listener names the headers it could not see. */
export function markHeadersUnseen(a: Annotation): Annotation {
  return { ...a, unseen: [...HEADERS_HIDDEN_WITHOUT_EXTRA] };
}

export class ScopeTracker {
  /** Third-party records stored on the current page, per tab or worker scope (MAX_THIRD_PARTY_PER_PAGE). */
  private readonly thirdParty = new Map<ScopeKey, number>();
  /** Requests whose headers came from the cheap listener: the headers Chromium hides there are unseen. */
  private readonly headersUnseen = new Set<string>();
  /** What the page-side observer saw sendBeacon carry, waiting for the matching request. */
  readonly witnesses = new BeaconWitnesses();

  /** `full`: the listener had every header; `tracked`: the merger is merging this request. */
  noteHeaders(requestId: string, full: boolean, tracked: boolean): void {
    if (full) this.headersUnseen.delete(requestId);
    else if (tracked) {
      if (this.headersUnseen.size >= MAX_TRACKED_HEADER_IDS) this.headersUnseen.clear();
      this.headersUnseen.add(requestId);
    }
  }

  /** A tab closed or starts a new page: its third-party count starts over. */
  forgetTab(tabId: number): void {
    this.thirdParty.delete(`tab:${tabId}`);
  }

  /**
   * The page a top-level navigation starts, with the client page whose link, form or window.open started it
   * when the page is not that client. Undefined for a prerender (not on screen) or an unusable URL.
   */
  pageStart(d: RawBeforeRequest & { documentLifecycle?: string }, customOrigins: readonly string[]): PageStart | undefined {
    if (d.type !== 'main_frame' || d.tabId < 0 || d.documentLifecycle === 'prerender') return undefined;
    const origin = originOf(d.url);
    if (!origin) return undefined;
    this.forgetTab(d.tabId);
    const page: PageStart = { navigation: d.requestId, origin, time: d.timeStamp };
    const client = clientOriginOf(d, customOrigins);
    if (client && client !== origin) page.openedFrom = client;
    return page;
  }

  /**
   * True for a Chromium beacon without a visible body whose page-side witness has not arrived yet. A Blob's
   * text is read asynchronously in the page, so its report can come just after the browser's record.
   */
  awaitsWitness(c: CapturedRequest): boolean {
    return beaconBodyUnseen(c.request, CHROMIUM) && !this.witnesses.has(c.tabId, c.request.url, c.request.time);
  }

  /**
   * The request as the engine should read it, and what its annotation must say about what was not seen: a
   * Chromium beacon body (filled from the page's witness when there is one) and headers hidden from the cheap
   * listener. The observer reports the call as sendBeacon is made, before the browser sends anything, so its
   * witness is normally here when the request completes (the pipeline holds a beacon briefly when it is not).
   */
  prepare(c: CapturedRequest): Prepared {
    let request = c.request;
    let witness: BeaconWitness | undefined;
    const beaconUnseen = beaconBodyUnseen(request, CHROMIUM);
    if (beaconUnseen) {
      witness = this.witnesses.take(c.tabId, request.url, request.time);
      if (witness) request = withWitnessBody(request, witness);
    }
    const unseenHeaders = this.headersUnseen.delete(c.requestId);
    const mark = (a: Annotation): Annotation => {
      const marked = beaconUnseen ? markBeaconBody(a, witness !== undefined) : a;
      return unseenHeaders ? markHeadersUnseen(marked) : marked;
    };
    return { request, mark, unseenHeaders };
  }

  /** Counts a third-party record against its page's cap; true when the cap is already reached. */
  overThirdPartyCap(obs: Observation): boolean {
    if (!obs.annotation.features.includes('third-party')) return false;
    const key: ScopeKey = obs.tabId >= 0 ? `tab:${obs.tabId}` : `worker:${obs.clientOrigin}`;
    const n = this.thirdParty.get(key) ?? 0;
    if (n >= MAX_THIRD_PARTY_PER_PAGE) return true;
    this.thirdParty.set(key, n + 1);
    return false;
  }
}
