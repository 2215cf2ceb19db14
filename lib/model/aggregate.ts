/**
 * Aggregates summarise observations per scope (a tab, a recording, the passive log) and are updated
 * incrementally on every write, so views read one small record instead of scanning observations.
 */
import type { Evidence } from './annotation';
import type { FeatureId, ItemId, Verdict } from '../policy/types';

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
  /**
   * Of `gaps`, the requests that were recorded but without their headers or body; the rest were not recorded
   * at all. Absent in aggregates written before it was counted.
   */
  incomplete?: number;
  /**
   * Preflights and static files (scripts, images) that carried nothing but what the browser sends with every
   * request. Counted here only, so they do not swell the request and flow counts.
   */
  background?: number;
}

export const MAX_SAMPLES = 20;
