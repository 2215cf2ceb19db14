/**
 * Aggregates summarise observations per scope (a tab, a recording, the passive log) and are updated
 * incrementally on every write, so views read one small record instead of scanning observations.
 */
import type { Evidence } from './annotation';
import type { FeatureId, ItemId, Verdict } from '../policy/types';

/**
 * Key of an aggregate: `tab:<tabId>`, `rec:<recordingId>`, `log`, or `worker:<client origin>` for what a
 * client origin's service worker or web workers sent (no tab: webRequest reports them with tabId -1).
 */
export type ScopeKey = `tab:${number}` | `rec:${number}` | 'log' | `worker:${string}`;

/** A top-level navigation as the background sees it start (the tab's new page). */
export interface PageStart {
  /** requestId of the navigation; a redirect keeps it, so every leg of a chain is one page. */
  navigation: string;
  /** Origin of the page loaded (of the latest leg of a redirect chain). */
  origin: string;
  /** The client page whose link, form or window.open started the navigation, when the page is not that client. */
  openedFrom?: string;
  time: number;
}

/** The page a tab shows: where it came from and what the navigation that brought it carried. */
export interface PageInfo extends PageStart {
  /** Features, items and content kinds the navigation request(s) carried, once recorded. */
  sent?: { features: FeatureId[]; items: ItemId[]; contents: string[] };
}

/** A page the tab showed before it navigated on, kept in summary ("earlier on this tab"). */
export interface EarlierPage {
  origin?: string;
  openedFrom?: string;
  firstSeen: number;
  lastSeen: number;
  requests: number;
  gaps: number;
  features: Partial<Record<FeatureId, number>>;
  /** Least favourable verdict per item / content kind seen on that page. */
  items: Partial<Record<ItemId, Verdict>>;
  contents: Record<string, Verdict>;
  undisclosedSeen: boolean;
}

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
  /** Item id, content-kind / identifier id, or (in ScopeAggregate.hints) signal id. */
  id: string;
  requests: number;
  features: Partial<Record<FeatureId, number>>;
  /** Empty for a hint: a hint has no verdict (then `worst` is `clear` and `clause` empty, never shown). */
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
  /**
   * Hints by signal id (`os-name`, `browser-name`, `device-class`): requests in which a signal named something
   * without its value and that item did not leave (lib/detect/RULES.md). Absent in aggregates from before hints.
   */
  hints?: Record<string, FlowAggregate>;
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
  /**
   * Third-party requests seen but not recorded because the page went over the per-page cap (a hostile page
   * firing at random hosts). Absent when none was dropped.
   */
  dropped?: number;
  /** Tab scopes: the page the tab shows now, when its navigation was seen. */
  page?: PageInfo;
  /** Tab scopes: the pages it showed before, oldest first, at most MAX_EARLIER_PAGES. */
  earlier?: EarlierPage[];
}

export const MAX_SAMPLES = 20;

/**
 * Third-party records kept per page of a tab (or per client origin's workers). A hostile client page firing
 * at thousands of random hosts fills no more than this; the rest are counted in the scope's `dropped`.
 */
export const MAX_THIRD_PARTY_PER_PAGE = 200;
