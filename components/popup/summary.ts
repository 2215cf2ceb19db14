/**
 * The facts behind the popup's first screen, computed from one scope aggregate alone: the verdict line, the
 * six items in display order with where each was carried, content and identifiers with their features and
 * hosts, and the losses named precisely.
 */
import { ITEM_IDS, type FeatureId, type ItemId, type Verdict } from '../../lib/policy/types';
import type { FlowAggregate, ScopeAggregate } from '../../lib/model';
import { isUndisclosed, verdictRank } from '../common/format';

export interface UndisclosedFlow {
  kind: 'item' | 'content';
  id: string;
  verdict: Verdict;
}

/**
 * Who put an item on the wire: `client` when a URL or body carried it (what the page's code chose to send),
 * `browser` when only headers or the connection did (what the browser sends with every request).
 */
export type Carrier = 'client' | 'browser';

export interface ItemRow {
  id: ItemId;
  flow?: FlowAggregate;
  carrier?: Carrier;
  /** Signals of this item seen only as hints (a weaker sign, e.g. the OS family without a version). */
  hints: FlowAggregate[];
}

export interface ScopeSummary {
  requests: number;
  itemsLeft: ItemId[];
  itemsTotal: number;
  /** Omitted and incorrect flows, worst first. */
  undisclosed: UndisclosedFlow[];
  /** Flows whose worst verdict is vague. */
  vague: number;
  gaps: number;
  /** Of `gaps`: not recorded at all, and recorded without headers or body; undefined when not told apart. */
  lost?: number;
  incomplete?: number;
  background: number;
  /** The six items: undisclosed first, then vague, clear, hinted, not seen. */
  rows: ItemRow[];
  /** Content and identifier flows, worst first. */
  contents: FlowAggregate[];
}

const CLIENT_PLACES = new Set(['url', 'body']);

/** `client` if any kept sample found the flow in a URL or body; `browser` if only headers or the connection. */
export function carrierOf(flow: FlowAggregate): Carrier {
  return flow.samples.some((s) => s.evidence.some((e) => CLIENT_PLACES.has(e.where))) ? 'client' : 'browser';
}

/** Distinct hosts of a flow's kept samples, most recent first. */
export function hostsOf(flow: FlowAggregate): string[] {
  return [...new Set(flow.samples.map((s) => s.host).reverse())].filter(Boolean);
}

/** Features in descending request count, so the main destination comes first. */
export function featuresOf(flow: FlowAggregate): FeatureId[] {
  return (Object.entries(flow.features) as Array<[FeatureId, number]>).sort((a, b) => b[1] - a[1]).map(([f]) => f);
}

function rowRank(row: ItemRow): number {
  if (row.flow) return 10 - verdictRank(row.flow.worst);
  return row.hints.length > 0 ? 20 : 30;
}

export function itemRows(agg: ScopeAggregate | null | undefined, itemOfSignal: (signal: string) => string | undefined): ItemRow[] {
  const hints = Object.values(agg?.hints ?? {});
  const rows = ITEM_IDS.map((id): ItemRow => {
    const flow = agg?.items[id];
    return {
      id,
      flow,
      carrier: flow ? carrierOf(flow) : undefined,
      hints: flow ? [] : hints.filter((h) => itemOfSignal(h.id) === id),
    };
  });
  // Stable: equal ranks keep the policy's item order.
  return rows.map((r, i) => ({ r, i })).sort((a, b) => rowRank(a.r) - rowRank(b.r) || a.i - b.i).map(({ r }) => r);
}

export function summarize(
  agg: ScopeAggregate | null | undefined,
  itemOfSignal: (signal: string) => string | undefined = () => undefined,
): ScopeSummary {
  const rows = itemRows(agg, itemOfSignal);
  if (!agg) {
    return { requests: 0, itemsLeft: [], itemsTotal: ITEM_IDS.length, undisclosed: [], vague: 0, gaps: 0, background: 0, rows, contents: [] };
  }
    const itemsLeft = ITEM_IDS.filter((id) => agg.items[id] !== undefined);
  const contents = sortFlows(Object.values(agg.contents));
  const itemFlows = ITEM_IDS.flatMap((id) => (agg.items[id] ? [agg.items[id]!] : []));
  const undisclosed: UndisclosedFlow[] = [
    ...itemFlows.filter((f) => isUndisclosed(f.worst)).map((f) => ({ kind: 'item' as const, id: f.id, verdict: f.worst })),
    ...contents.filter((f) => isUndisclosed(f.worst)).map((f) => ({ kind: 'content' as const, id: f.id, verdict: f.worst })),
  ].sort((a, b) => verdictRank(b.verdict) - verdictRank(a.verdict));
  const vague = [...itemFlows, ...contents].filter((f) => f.worst === 'vague').length;
  const incomplete = agg.incomplete;
  return {
    requests: agg.requests,
    itemsLeft,
    itemsTotal: ITEM_IDS.length,
    undisclosed,
    vague,
    gaps: agg.gaps,
    ...(incomplete !== undefined ? { incomplete, lost: Math.max(0, agg.gaps - incomplete) } : {}),
    background: agg.background ?? 0,
    rows,
    contents,
  };
}

/**
 * Content and identifier flows in display order: worst verdict first (so undisclosed flows lead), then the
 * most frequent, then by id for a stable order.
 */
export function sortFlows(flows: FlowAggregate[]): FlowAggregate[] {
  return [...flows].sort(
    (a, b) => verdictRank(b.worst) - verdictRank(a.worst) || b.requests - a.requests || a.id.localeCompare(b.id),
  );
}
