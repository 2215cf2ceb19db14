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
import { MAX_THIRD_PARTY_PER_PAGE, type Observation, type PageStart } from '../../lib/store';

const CHROMIUM = !import.meta.env.FIREFOX;
const MAX_TRACKED_HEADER_IDS = 10_000;
/** Tabs whose page number, and pages whose third-party count, are kept (closed tabs leave theirs behind). */
const MAX_TRACKED_PAGES = 1_000;

/** A captured request as the engine should read it, and what its annotation must say it did not see. */
export interface Prepared {
  request: NormalizedRequest;
  mark: (a: Annotation) => Annotation;
  /** The cheap listener had its headers: those Chromium hides there are unseen. */
  unseenHeaders: boolean;
  /** The page whose third-party cap the request counts against (ScopeTracker.capPage). */
  capPage: string;
}

/** The annotation of a request whose headers came from the cheap listener names the headers it could not see. */
export function markHeadersUnseen(a: Annotation): Annotation {
  return { ...a, unseen: [...HEADERS_HIDDEN_WITHOUT_EXTRA] };
}

export class ScopeTracker {
  /** Third-party records stored per page (capPage), MAX_THIRD_PARTY_PER_PAGE each; the oldest pages go first. */
  private readonly thirdParty = new Map<string, number>();
  /** How many pages each tab has started here: the number of its current page. */
  private readonly pageNumbers = new Map<number, number>();
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

  /**
   * A tab closed or starts a new page: its third-party count starts over. The previous page's count is kept a
   * while, since its requests without a body may still be classified after the tab has moved on.
   */
  forgetTab(tabId: number): void {
    const n = (this.pageNumbers.get(tabId) ?? 0) + 1;
    this.pageNumbers.delete(tabId);
    this.pageNumbers.set(tabId, n);
    this.thirdParty.delete(`tab:${tabId}#${n - 2}`);
    if (this.pageNumbers.size > MAX_TRACKED_PAGES) this.pageNumbers.delete(this.pageNumbers.keys().next().value!);
  }

  /** The page a request is counted on for the third-party cap: its tab's page when it was captured. */
  capPage(c: Pick<CapturedRequest, 'tabId' | 'clientOrigin'>): string {
    return c.tabId >= 0 ? `tab:${c.tabId}#${this.pageNumbers.get(c.tabId) ?? 0}` : `worker:${c.clientOrigin}`;
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
    return { request, mark, unseenHeaders, capPage: this.capPage(c) };
  }

  /** Counts a third-party record against its page's cap (`capPage`); true when the cap is already reached. */
  overThirdPartyCap(obs: Observation, capPage: string): boolean {
    if (!obs.annotation.features.includes('third-party')) return false;
    const n = this.thirdParty.get(capPage) ?? 0;
    if (n >= MAX_THIRD_PARTY_PER_PAGE) return true;
    this.thirdParty.set(capPage, n + 1);
    if (this.thirdParty.size > MAX_TRACKED_PAGES) this.thirdParty.delete(this.thirdParty.keys().next().value!);
    return false;
  }
}
