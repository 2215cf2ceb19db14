/**
 * A captured request: what the phase merger hands on once a request has finished (or was given up on), and
 * how it is built from the phases seen, naming the ones it lost.
 */
import type { CapturedRequest, Header, MissingPhase, RequestBody, RequestStart } from '../model';
import { methodHasBody, toNormalizedRequest, webRequestBodySize } from './normalize';

export type { CapturedRequest } from '../model';

/** A request whose phases are still arriving: what the merger has of it so far. */
export interface PendingRequest extends RequestStart {
  /** Merger clock at the last phase, for eviction. */
  touchedAt: number;
  bodySeen: boolean;
  body?: RequestBody;
  headers?: Header[];
  /** The headers came from a listener that sees every header (in Chromium, one with `extraHeaders`). */
  fullHeaders?: boolean;
  restored: boolean;
}

/** `status` of a request recorded as its headers left, whose answer was not watched. */
export const NOT_WATCHED = -1;

/** The record of a pending request; `noCompletion` when it was given up on before its last phase. */
export function capturedFrom(p: PendingRequest, status: number, error?: string, noCompletion = false): CapturedRequest {
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
    requestSize: p.bodySeen ? webRequestBodySize(p.body) : -1,
  };
  if (error) captured.error = error;
  if (noCompletion) captured.error ??= 'no completion seen';
  if (incomplete.length) captured.incomplete = incomplete;
  if (p.restored) captured.restored = true;
  return captured;
}
