/** The engine's output: one annotation per request, with the evidence path of every item and finding. */
import type { FeatureId, ItemId, Verdict } from '../policy/types';

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

/** Who receives a request: Microsoft, the organisation that runs its own (on-premises) server, or a stranger. */
export type Destination = 'microsoft' | 'organisation' | 'third-party';

export interface Annotation {
  policy: string;
  /**
   * Who received the request, by its host (lib/catalogue): Microsoft, the organisation's own server (an
   * on-premises Lync, or a host of a custom client origin), or a third party. Absent in annotations stored
   * before it existed.
   */
  destination?: Destination;
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
  };
}

/**
 * Told of every content value or identifier detection finds, before dedupe and caps, with its evidence path:
 * what a body kept with an observation must redact.
 */
export type ContentSink = (kind: string, where: EvidenceWhere, path: string) => void;

/** One content value or identifier in the body: its kind and evidence path (`body[2].ext.user.localId`). */
export interface ContentHit {
  kind: string;
  path: string;
}
