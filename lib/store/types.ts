/**
 * Stored shapes. An observation is one annotated request; aggregates summarise observations per scope
 * (a tab, a recording, the passive log) and are updated incrementally on every write, so views read one
 * small record instead of scanning observations.
 */
import type { Annotation, Evidence, Header, ResourceType } from '../types';
import type { FeatureId, ItemId, Verdict } from '../policy/types';

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

/** A request body as kept with an observation (lib/classify/redact-body.ts makes it). */
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

/** Key of an aggregate: `tab:<tabId>`, `rec:<recordingId>` or `log`. */
export type ScopeKey = `tab:${number}` | `rec:${number}` | 'log';

/** A bounded sample of where an item or content kind was seen, for the evidence view. */
export interface EvidenceSample {
  observationId: number;
  time: number;
  host: string;
  path: string;
  features: FeatureId[];
  evidence: Evidence[];
}

export interface FlowAggregate {
  /** Item id, or content-kind / identifier id. */
  id: string;
  requests: number;
  features: Partial<Record<FeatureId, number>>;
  verdicts: Partial<Record<Verdict, number>>;
  /** Least favourable verdict seen. */
  worst: Verdict;
  /** Clause id of the least favourable verdict seen. */
  clause: string;
  purposes: string[];
  firstSeen: number;
  lastSeen: number;
  /** Most recent samples, at most MAX_SAMPLES. */
  samples: EvidenceSample[];
}

export interface ScopeAggregate {
  key: ScopeKey;
  requests: number;
  features: Partial<Record<FeatureId, number>>;
  items: Partial<Record<ItemId, FlowAggregate>>;
  contents: Record<string, FlowAggregate>;
  /** True once any flow with verdict `omitted` or `incorrect` was seen. */
  undisclosedSeen: boolean;
  firstSeen: number;
  lastSeen: number;
  /** Requests the browser reported but that were not recorded (service worker stopped mid-request). */
  gaps: number;
}

export const MAX_SAMPLES = 20;

export interface Recording {
  id?: number;
  title: string;
  notes: string;
  startedAt: number;
  endedAt?: number;
  browser: string;
  extensionVersion: string;
  policyId: string;
  /** Unredacted evidence values, opt-in with a warning. */
  rawEvidence: boolean;
  /** Set for an imported HAR file: its file name. Absent for recordings made in the browser. */
  importedFrom?: string;
}
