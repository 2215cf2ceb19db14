/** The engine's output: one annotation per request, with the evidence path of every item and finding. */
import type { Destination, FeatureId, ItemId, Verdict } from '../policy/types';

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

/**
 * A signal that names something without its value: an OS family without a version, a browser name without a
 * version, a device class (lib/detect/RULES.md). Listed only when no evidence of the signal's item with a value
 * left in the request; otherwise its evidence is part of that item's. Never an item, never given a verdict.
 */
export interface Hint {
  /** The policy signal id, e.g. `os-name`; the policy ties it to its item (`os-version`). */
  signal: string;
  evidence: Evidence[];
}

/** Who receives a request: Microsoft, the organisation that runs its own (on-premises) server, or a stranger. */
export type { Destination };

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
  /** Hints whose item did not leave (empty when none; absent in annotations stored before hints existed). */
  hints: Hint[];
  /** Body decoding outcome. */
  body: {
    format: 'none' | 'form' | 'json' | 'ndjson' | 'urlencoded' | 'text' | 'binary';
    gzip: boolean;
    truncated: boolean;
    undecodable: boolean;
    /** Decoded size in bytes (before truncation), for display. */
    size: number;
    /** Near-JSON (a trailing comma, single quotes) read leniently: what was read is a best guess. */
    lenient?: true;
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
