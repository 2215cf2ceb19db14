/** An observation: one annotated request as stored, with the redacted body a recording keeps. */
import type { Annotation } from './annotation';
import type { Header, ResourceType } from './request';

export interface Observation {
  /** Auto-increment key. */
  id?: number;
  /** webRequest requestId (unique per browser session), or `har:<file>#<index>` for imports. */
  requestId: string;
  time: number;
  tabId: number;
  frameId: number;
  /** Origin of the client page that made the request. */
  clientOrigin: string;
  url: string;
  method: string;
  type: ResourceType;
  /**
   * HTTP status; 0 when the request failed, was redirected or never completed; -1 when its answer was not
   * watched (in Chromium a script, style sheet, image, font or media request is recorded as its headers leave).
   */
  status: number;
  /** Request body size in bytes as seen at the edge (-1 unknown). */
  requestSize: number;
  /**
   * Request headers as stored: those that carry standard computer information or identify the client
   * (User-Agent, Accept-Language, Sec-CH-UA*, Content-Type, Content-Encoding, Origin, Referer reduced to its
   * origin) and any header the annotation found something in; Cookie/Authorization by name only.
   */
  headers: Header[];
  /** Headers sent but not stored (see `headers`). Absent when none was left out. */
  headersOmitted?: number;
  error?: string;
  /** Recording this observation belongs to, if one was running. */
  recordingId?: number;
  annotation: Annotation;
  /**
   * Phases of the request that Telltale did not see, because the service worker was stopped between them:
   * `body` (request body lost), `headers` (request headers lost), `completion` (no completed/error event).
   * Absent when every phase was seen. An observation missing `body` or `headers` counts as a gap.
   */
  incomplete?: MissingPhase[];
  /**
   * The request body, kept only for observations of a recording (the passive log stays body-less): redacted
   * (each content value and identifier replaced by its fingerprint or mask, standard computer information as
   * sent) unless the recording keeps raw evidence. Written into HAR exports as `request.postData`, so
   * `telltale check` on the export finds what the recording found.
   */
  body?: ObservationBody;
}

/** A request body as kept with an observation (lib/redact/body.ts makes it). */
export interface ObservationBody {
  /** The body as text: decoded (gzip inflated, UTF-8), or base64 when `encoding` says so (binary bodies). */
  text: string;
  encoding?: 'base64';
  /** Content-Type as sent, or one that makes the body's format explicit when none was sent. */
  mimeType?: string;
  /** Content values and identifiers are replaced by their fingerprints and masks. */
  redacted: boolean;
  /** Cut at the size cap (whole events or lines where the format allows), or the decoded body was. */
  truncated: boolean;
  /** The body was sent gzip-compressed; `text` is the inflated body. */
  gzip?: boolean;
}

export type MissingPhase = 'body' | 'headers' | 'completion';
