/**
 * Merges the webRequest phases of one request (before-request → send-headers → completed | error), keyed by
 * requestId, into one captured record.
 *
 * A phase can arrive without its predecessors: the MV3 service worker may have been stopped after the
 * earlier phases ran, taking their in-memory state with it. Such a request is still captured from what the
 * later phase carries (URL, method, tab, requesting page, status) and marked `incomplete` with the phases it
 * lost, so a record always says how much of the request it saw.
 */
import type { RequestStart } from '../model';
import { redactHeaders } from '../redact/headers';
import {
  bodyFrom,
  clientOriginOf,
  normalizeType,
  type RawBeforeRequest,
  type RawCompleted,
  type RawDetails,
  type RawError,
  type RawSendHeaders,
} from './normalize';
import { isClientOrigin } from './origins';
import { capturedFrom, NOT_WATCHED, type CapturedRequest, type PendingRequest } from './captured';

export interface PhaseMergerOptions {
  customOrigins?: readonly string[];
  /** A pending request with no phase for this long is finished as incomplete. */
  staleMs?: number;
  /** The same for a request restored from the journal of a stopped worker (see RESTORED_STALE_MS). */
  restoredStaleMs?: number;
  /** Upper bound on pending requests; the oldest are finished early beyond it. */
  maxPending?: number;
  /** Called when a request starts being tracked (any first phase), e.g. to journal it. */
  onStart?: (start: RequestStart) => void;
  /**
   * Requests of these browser resource types are finished when their headers are sent: no completion event is
   * watched for them (lib/capture/listener-plan.ts), and nothing of theirs leaves after the headers.
   */
  finishAtHeaders?: (type: string) => boolean;
  now?: () => number;
}

export const STALE_MS = 60_000;
/**
 * A restored request's later phases, if they come at all, come right after the new worker starts: the browser
 * queues the events that woke it. Waiting the full STALE_MS would keep its record out of the store (and out
 * of the popup's counts) for a minute after every restart.
 */
export const RESTORED_STALE_MS = 10_000;
const MAX_PENDING = 5_000;
/**
 * How many finished ids to remember, so a late phase does not create a second record: a completion after
 * eviction, or, after a worker restart, an earlier phase delivered after the completion.
 */
const MAX_CLOSED_IDS = 5_000;
/** Requesting pages seen at once are few (a client's tabs and frames); beyond this the memo starts over. */
const MAX_MEMO_PAGES = 256;

/**
 * A pending entry that this before-request phase belongs to, rather than ends: the entry has not seen its
 * own before-request phase and has the same URL (a redirect leg has the redirect target's URL). This happens
 * when the entry came from the journal of a worker that was stopped before it handled the phase, or from this
 * worker's own journal while it started, and when the browser, after a restart, delivers the queued events
 * of one request out of order (send-headers before before-request was seen in Chromium 156).
 */
function isSameLeg(p: PendingRequest, details: RawBeforeRequest): boolean {
  return !p.bodySeen && p.url === details.url;
}

export class PhaseMerger {
  private readonly pending = new Map<string, PendingRequest>();
  /** Recently finished request ids: a phase that arrives after its request was finished is not a new one. */
  private readonly closed = new Set<string>();
  private customOrigins: readonly string[];
  /** Client origin (null: none) by requesting page: parsing it per request showed in burst profiles. */
  private readonly clientOrigins = new Map<string, string | null>();
  private readonly staleMs: number;
  private readonly restoredStaleMs: number;
  private readonly maxPending: number;
  private readonly onStart?: (start: RequestStart) => void;
  private readonly finishAtHeaders: (type: string) => boolean;
  /** URL of each request finished at its headers, by id (bounded with `closed`): a later leg is a redirect. */
  private readonly finishedUrl = new Map<string, string>();
  private readonly now: () => number;

  constructor(options: PhaseMergerOptions = {}) {
    this.customOrigins = options.customOrigins ?? [];
    this.staleMs = options.staleMs ?? STALE_MS;
    this.restoredStaleMs = options.restoredStaleMs ?? RESTORED_STALE_MS;
    this.maxPending = options.maxPending ?? MAX_PENDING;
    this.onStart = options.onStart;
    this.finishAtHeaders = options.finishAtHeaders ?? (() => false);
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.pending.size;
  }

  /** True while a request is being merged (its record is not finished yet). */
  has(requestId: string): boolean {
    return this.pending.has(requestId);
  }

  setCustomOrigins(origins: readonly string[]): void {
    this.customOrigins = [...origins];
    this.clientOrigins.clear();
  }

  private clientOriginOf(details: RawDetails): string | undefined {
    // A document request's page is itself (pageOriginOf): its own URL, new each time, is not worth keeping.
    if (details.type === 'main_frame') return clientOriginOf(details, this.customOrigins);
    const page = `${details.initiator}\n${details.originUrl}\n${details.documentUrl}`;
    let origin = this.clientOrigins.get(page);
    if (origin === undefined) {
      origin = clientOriginOf(details, this.customOrigins) ?? null;
      if (this.clientOrigins.size >= MAX_MEMO_PAGES) this.clientOrigins.clear();
      this.clientOrigins.set(page, origin);
    }
    return origin ?? undefined;
  }

  /**
   * Returns a finished record only when this phase closes an earlier one: a second before-request phase
   * for the same id is a redirect, which ends the previous leg.
   */
  onBeforeRequest(details: RawBeforeRequest): CapturedRequest | undefined {
    const previous = this.pending.get(details.requestId);
    if (previous && isSameLeg(previous, details)) {
      previous.bodySeen = true;
      previous.body = bodyFrom(details.requestBody);
      previous.time = Math.min(previous.time, details.timeStamp);
      previous.touchedAt = this.now();
      return undefined;
    }
    const redirected = previous ? this.finish(previous, 0, 'redirected') : undefined;
    const p = this.begin(details, previous !== undefined);
    if (p) {
      p.bodySeen = true;
      p.body = bodyFrom(details.requestBody);
    }
    return redirected;
  }

  /**
   * Returns what this phase finishes: `redirected`, an earlier leg it closes, and `finished`, the request
   * itself when its type is finished at its headers. Requests of types that carry no body are watched without
   * before-request (lib/capture/listener-plan.ts), so their first phase is this one, and a redirect shows as
   * a second send-headers phase for the same id with the new URL. `full`: the listener saw every header;
   * `fewer`: this phase was ignored, since that request's headers came in full from the other listener.
   */
  onSendHeaders(details: RawSendHeaders, full = true): { redirected?: CapturedRequest; finished?: CapturedRequest; fewer?: true } {
    const previous = this.pending.get(details.requestId);
    // Both header listeners can report one request (while the full one is being switched on or off): the one
    // that saw fewer headers never replaces the one that saw all of them.
    if (!full && previous?.fullHeaders && previous.url === details.url) return { fewer: true };
    const redirected = previous?.headers && previous.url !== details.url ? this.finish(previous, 0, 'redirected') : undefined;
    const earlierUrl = this.finishedUrl.get(details.requestId);
    const newLeg = redirected !== undefined || (earlierUrl !== undefined && earlierUrl !== details.url);
    const p = (redirected ? undefined : previous) ?? this.begin(details, newLeg);
    if (!p) return { redirected };
    p.headers = redactHeaders(details.requestHeaders ?? []);
    p.fullHeaders = full;
    p.touchedAt = this.now();
    if (!this.finishAtHeaders(details.type)) return { redirected };
    const finished = this.finish(p, NOT_WATCHED);
    this.rememberClosed(p.requestId);
    this.finishedUrl.set(p.requestId, p.url);
    return { redirected, finished };
  }

  onCompleted(details: RawCompleted): CapturedRequest | undefined {
    return this.end(details, details.statusCode ?? 0);
  }

  onError(details: RawError): CapturedRequest | undefined {
    return this.end(details, 0, details.error ?? 'error');
  }

  /**
   * Takes over requests a stopped worker had started (from the journal). Their body and headers are gone
   * with that worker; a later phase still merges into them. Entries journaled before the previous worker
   * knew the custom origins are checked here, so a page that is not a client is dropped.
   */
  restore(starts: readonly RequestStart[]): void {
    for (const s of starts) {
      if (this.pending.has(s.requestId) || !isClientOrigin(s.clientOrigin, this.customOrigins)) continue;
      this.pending.set(s.requestId, {
        ...s,
        touchedAt: Math.min(this.now(), s.time),
        bodySeen: false,
        restored: true,
      });
    }
  }

  /** Finishes requests with no phase for `staleMs` (or beyond the size bound) as incomplete records. */
  evictStale(): CapturedRequest[] {
    const out: CapturedRequest[] = [];
    const now = this.now();
    const excess = this.pending.size - this.maxPending;
    let index = 0;
    // Map iteration follows insertion order, so the first `excess` entries are the oldest.
    for (const p of this.pending.values()) {
      if (p.touchedAt <= now - (p.restored ? this.restoredStaleMs : this.staleMs) || index < excess) {
        out.push(this.finish(p, 0, undefined, true));
        this.rememberClosed(p.requestId);
      }
      index++;
    }
    return out;
  }

  private rememberClosed(id: string): void {
    this.closed.add(id);
    if (this.closed.size > MAX_CLOSED_IDS) {
      const oldest = this.closed.values().next().value;
      if (oldest !== undefined) {
        this.closed.delete(oldest);
        this.finishedUrl.delete(oldest);
      }
    }
  }

  private begin(details: RawDetails, redirect: boolean): PendingRequest | undefined {
    if (!redirect && this.closed.has(details.requestId)) return undefined;
    const clientOrigin = this.clientOriginOf(details);
    if (!clientOrigin) return undefined;
    const p: PendingRequest = {
      requestId: details.requestId,
      url: details.url,
      method: details.method.toUpperCase(),
      type: normalizeType(details.type),
      tabId: details.tabId,
      frameId: details.frameId,
      clientOrigin,
      time: details.timeStamp,
      touchedAt: this.now(),
      bodySeen: false,
      restored: false,
    };
    this.pending.set(p.requestId, p);
    this.onStart?.({
      requestId: p.requestId,
      url: p.url,
      method: p.method,
      type: p.type,
      tabId: p.tabId,
      frameId: p.frameId,
      clientOrigin,
      time: p.time,
    });
    return p;
  }

  private end(details: RawDetails, status: number, error?: string): CapturedRequest | undefined {
    const p = this.pending.get(details.requestId) ?? this.begin(details, false);
    if (!p) return undefined;
    const captured = this.finish(p, status, error);
    this.rememberClosed(p.requestId);
    return captured;
  }

  private finish(p: PendingRequest, status: number, error?: string, noCompletion = false): CapturedRequest {
    this.pending.delete(p.requestId);
    return capturedFrom(p, status, error, noCompletion);
  }
}
