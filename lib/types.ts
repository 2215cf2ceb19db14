/**
 * The engine's public shapes: one normalized request in, one annotation out.
 * Everything here is plain data (structured-clone and JSON safe) so it crosses the service worker,
 * IndexedDB, Node and HAR files unchanged.
 */
import type { FeatureId, ItemId, Verdict } from './policy/types';

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

export type EvidenceWhere = 'url' | 'header' | 'body' | 'connection';
export type MatchedBy = 'key' | 'value' | 'header';

export interface Evidence {
  where: EvidenceWhere;
  /** e.g. `body[2].ext.os.ver`, `header:sec-ch-ua-platform`, `url:query.lcid`, `connection`. */
  path: string;
  /** Redacted preview by default; the raw value only when the caller asked for raw evidence. */
  value: string;
  matchedBy: MatchedBy;
  /** The policy signal id this evidence shows (e.g. `screen-resolution`). */
  signal?: string;
}

/** One standard-computer-information item that left in this request. */
export interface ItemFlow {
  item: ItemId;
  verdict: Verdict;
  /** Clause id justifying the verdict. */
  clause: string;
  evidence: Evidence[];
}

/** One content kind or identifier that left in this request. */
export interface Finding {
  kind: string;
  verdict: Verdict;
  clause: string;
  evidence: Evidence[];
}

export interface Annotation {
  policy: string;
  features: FeatureId[];
  purposes: string[];
  items: ItemFlow[];
  findings: Finding[];
  /** Body decoding outcome. */
  body: {
    format: 'none' | 'form' | 'json' | 'ndjson' | 'urlencoded' | 'text' | 'binary';
    gzip: boolean;
    truncated: boolean;
    undecodable: boolean;
    /** Decoded size in bytes (before truncation), for display. */
    size: number;
    /** Why the browser handed over no body although one was sent (lib/capture/beacon.ts). */
    unseen?: string;
    /** The body was read from a second witness, not from the browser's record: `page`, the page-side observer. */
    witness?: 'page';
  };
  /**
   * Request headers the browser did not show for this request (lower case), so an item that travels only
   * in them is unknown here rather than absent (Chromium without `extraHeaders`: lib/capture/listener-plan.ts).
   */
  unseen?: string[];
}
