/** What the phase merger (merger.ts) hands on: one finished request, ready to be annotated and stored. */
import type { MissingPhase, NormalizedRequest } from '../model';

/** `status` of a request recorded as its headers left, whose answer was not watched. */
export const NOT_WATCHED = -1;

/** A finished request, ready to be annotated and stored. */
export interface CapturedRequest {
  requestId: string;
  request: NormalizedRequest;
  tabId: number;
  frameId: number;
  clientOrigin: string;
  /**
   * HTTP status; 0 when the request failed, was redirected or never completed; NOT_WATCHED when it was
   * recorded as its headers left and its answer was not watched (`finishAtHeaders`).
   */
  status: number;
  requestSize: number;
  error?: string;
  incomplete?: MissingPhase[];
  /** Rebuilt from the journal of a stopped worker: a record for it may already be stored. */
  restored?: boolean;
}
