/**
 * The engine's input: one normalized request, and this browser's own values to look for in it.
 * Plain data (structured-clone and JSON safe) so it crosses the service worker, IndexedDB, Node and HAR files.
 */
import type { MissingPhase } from './observation';

export interface Header {
  name: string;
  value: string;
}

/** Request body as webRequest or a HAR file hands it over. */
export interface RequestBody {
  /** Parsed urlencoded / multipart fields (webRequest `formData`). */
  formData?: Record<string, string[]>;
  /** Raw bytes, already concatenated from webRequest `raw[].bytes` or decoded from a HAR `postData`. */
  raw?: Uint8Array;
  /** Text as a HAR file carries it. */
  text?: string;
  /** Content-Type as known at the edge (header or HAR `mimeType`). */
  mimeType?: string;
  /** webRequest `requestBody.error`, or any reason the body could not be read. */
  error?: string;
}

/** Resource types, normalized across Chrome and Firefox (Firefox `beacon` and Chrome `ping` → `beacon`). */
export type ResourceType =
  | 'xmlhttprequest'
  | 'fetch'
  | 'beacon'
  | 'main_frame'
  | 'sub_frame'
  | 'script'
  | 'image'
  | 'websocket'
  | 'other';

/** One normalized request, the engine's input. */
export interface NormalizedRequest {
  url: string;
  method: string;
  headers: Header[];
  body?: RequestBody;
  /** Origin or URL of the document that made the request (Chrome `initiator`, Firefox `originUrl`/`documentUrl`). */
  initiator?: string;
  type: ResourceType;
  /** Epoch milliseconds. */
  time: number;
}

/** This browser's own values, so the engine can find them anywhere in a request ("by value"). */
export interface BrowserProfile {
  userAgent?: string;
  /** e.g. "Linux", "Windows", "macOS" (userAgentData.platform). */
  osName?: string;
  /** userAgentData high-entropy platformVersion, e.g. "10.0.0". */
  osVersion?: string;
  browserName?: string;
  /** Full browser version, e.g. "156.0.8078.73". */
  browserVersion?: string;
  /** navigator.languages, e.g. ["sv-SE", "sv", "en"]. */
  languages?: string[];
  /** Intl time zone, e.g. "Europe/Stockholm". */
  timeZone?: string;
  /** e.g. "1920x1080". */
  screenResolution?: string;
  /** userAgentData model, where known. */
  model?: string;
  architecture?: string;
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

/** A finished request, ready to be annotated and stored. */
export interface CapturedRequest {
  requestId: string;
  request: NormalizedRequest;
  tabId: number;
  frameId: number;
  clientOrigin: string;
  /**
   * HTTP status; 0 when the request failed, was redirected or never completed; NOT_WATCHED (-1,
   * lib/capture/captured.ts) when it was recorded as its headers left and its answer was not watched.
   */
  status: number;
  requestSize: number;
  error?: string;
  incomplete?: MissingPhase[];
  /** Rebuilt from the journal of a stopped worker: a record for it may already be stored. */
  restored?: boolean;
}
