/**
 * Merges the webRequest phases of one request (before-request → send-headers → completed | error), keyed by
 * requestId, into one captured record.
 *
 * A phase can arrive without its predecessors: the MV3 service worker may have been stopped after the
 * earlier phases ran, taking their in-memory state with it. Such a request is still captured from what the
 * later phase carries (URL, method, tab, requesting page, status) and marked `incomplete` with the phases it
 * lost, so a record always says how much of the request it saw.
 */
import type { Header, NormalizedRequest, RequestBody, ResourceType } from '../types';
import type { MissingPhase } from '../store/types';
import {
  bodyFrom,
  bodySize,
  clientOriginOf,
  methodHasBody,
  normalizeType,
  redactHeaders,
  toNormalizedRequest,
  type RawBeforeRequest,
  type RawCompleted,
  type RawDetails,
  type RawError,
  type RawSendHeaders,
} from './normalize';

/** A finished request, ready to be annotated and stored. */
export interface CapturedRequest {
  requestId: string;
  request: NormalizedRequest;
  tabId: number;
  frameId: number;
  clientOrigin: string;
  /** HTTP status; 0 when the request failed, was redirected or never completed. */
  status: number;
  requestSize: number;
  error?: string;
  incomplete?: MissingPhase[];
  /** Rebuilt from the journal of a stopped worker: a record for it may already be stored. */
  restored?: boolean;
}

/** What is known about a request when its first phase is seen; also what the journal keeps. */
export interface RequestStart {
  requestId: string;
  url: string;
  method: string;
  type: ResourceType;
  tabId: number;
  frameId: number;
  clientOrigin: string;
  time: number;
}

interface Pending extends RequestStart {
  /** Merger clock at the last phase, for eviction. */
  touchedAt: number;
  bodySeen: boolean;
  body?: RequestBody;
  headers?: Header[];
  restored: boolean;
}

export interface PhaseMergerOptions {
  customOrigins?: readonly string[];
  /** A pending request with no phase for this long is finished as incomplete. */
  staleMs?: number;
  /** Upper bound on pending requests; the oldest are finished early beyond it. */
  maxPending?: number;
  /** Called when a request starts being tracked (any first phase), e.g. to journal it. */
  onStart?: (start: RequestStart) => void;
  now?: () => number;
}

export const STALE_MS = 60_000;
const MAX_PENDING = 5_000;
/** How many finished-by-eviction ids to remember, so a late completion does not create a second record. */
const MAX_EVICTED_IDS = 2_000;

export class PhaseMerger {
  private readonly pending = new Map<string, Pending>();
  private readonly evicted = new Set<string>();
  private customOrigins: readonly string[];
  private readonly staleMs: number;
  private readonly maxPending: number;
  private readonly onStart?: (start: RequestStart) => void;
  private readonly now: () => number;

  constructor(options: PhaseMergerOptions = {}) {
    this.customOrigins = options.customOrigins ?? [];
    this.staleMs = options.staleMs ?? STALE_MS;
    this.maxPending = options.maxPending ?? MAX_PENDING;
    this.onStart = options.onStart;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.pending.size;
  }

  setCustomOrigins(origins: readonly string[]): void {
    this.customOrigins = [...origins];
  }

  /**
   * Returns a finished record only when this phase closes an earlier one: a second before-request phase
   * for the same id is a redirect, which ends the previous leg.
   */
  onBeforeRequest(details: RawBeforeRequest): CapturedRequest | undefined {
    const previous = this.pending.get(details.requestId);
    const redirected = previous ? this.finish(previous, 0, 'redirected') : undefined;
    const p = this.begin(details, previous !== undefined);
    if (p) {
      p.bodySeen = true;
      p.body = bodyFrom(details.requestBody);
    }
    return redirected;
  }

  onSendHeaders(details: RawSendHeaders): void {
    const p = this.pending.get(details.requestId) ?? this.begin(details, false);
    if (!p) return;
    p.headers = redactHeaders(details.requestHeaders ?? []);
    p.touchedAt = this.now();
  }

  onCompleted(details: RawCompleted): CapturedRequest | undefined {
    return this.end(details, details.statusCode ?? 0);
  }

  onError(details: RawError): CapturedRequest | undefined {
    return this.end(details, 0, details.error ?? 'error');
  }

  /**
   * Takes over requests a stopped worker had started (from the journal). Their body and headers are gone
   * with that worker; a later phase still merges into them.
   */
  restore(starts: readonly RequestStart[]): void {
    for (const s of starts) {
      if (this.pending.has(s.requestId)) continue;
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
    const cutoff = this.now() - this.staleMs;
    const excess = this.pending.size - this.maxPending;
    let index = 0;
    // Map iteration follows insertion order, so the first `excess` entries are the oldest.
    for (const p of this.pending.values()) {
      if (p.touchedAt <= cutoff || index < excess) {
        out.push(this.finish(p, 0, undefined, true));
        this.rememberEvicted(p.requestId);
      }
      index++;
    }
    return out;
  }

  private rememberEvicted(id: string): void {
    this.evicted.add(id);
    if (this.evicted.size > MAX_EVICTED_IDS) {
      const oldest = this.evicted.values().next().value;
      if (oldest !== undefined) this.evicted.delete(oldest);
    }
  }

  private begin(details: RawDetails, redirect: boolean): Pending | undefined {
    if (!redirect && this.evicted.has(details.requestId)) return undefined;
    const clientOrigin = clientOriginOf(details, this.customOrigins);
    if (!clientOrigin) return undefined;
    const p: Pending = {
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
    if (this.evicted.delete(details.requestId)) return undefined;
    const p = this.pending.get(details.requestId) ?? this.begin(details, false);
    if (!p) return undefined;
    return this.finish(p, status, error);
  }

  private finish(p: Pending, status: number, error?: string, noCompletion = false): CapturedRequest {
    this.pending.delete(p.requestId);
    const incomplete: MissingPhase[] = [];
    if (!p.bodySeen && methodHasBody(p.method)) incomplete.push('body');
    if (!p.headers) incomplete.push('headers');
    if (noCompletion) incomplete.push('completion');
    const headers = p.headers ?? [];
    let body = p.body;
    if (!p.bodySeen && methodHasBody(p.method)) {
      // Tell the decoder the body exists but was not seen, so the annotation says `undecodable`.
      body = { error: 'body not seen: the service worker was stopped before this request was captured' };
    }
    const captured: CapturedRequest = {
      requestId: p.requestId,
      request: toNormalizedRequest({ ...p, headers, body }),
      tabId: p.tabId,
      frameId: p.frameId,
      clientOrigin: p.clientOrigin,
      status,
      requestSize: p.bodySeen ? bodySize(p.body) : -1,
    };
    if (error) captured.error = error;
    if (noCompletion) captured.error ??= 'no completion seen';
    if (incomplete.length) captured.incomplete = incomplete;
    if (p.restored) captured.restored = true;
    return captured;
  }
}
