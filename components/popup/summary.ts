/** The facts behind the popup's one-line summary, computed from one scope aggregate. */
import { ITEM_IDS, type ItemId, type Verdict } from '../../lib/policy/types';
import type { FlowAggregate, ScopeAggregate } from '../../lib/model';
import { isUndisclosed, verdictRank } from '../common/format';

export interface UndisclosedFlow {
  kind: 'item' | 'content';
  id: string;
  verdict: Verdict;
}

export interface ScopeSummary {
  requests: number;
  itemsLeft: ItemId[];
  itemsTotal: number;
  /** Omitted and incorrect flows, worst first. */
  undisclosed: UndisclosedFlow[];
  gaps: number;
}

export function summarize(agg: ScopeAggregate | null | undefined): ScopeSummary {
  if (!agg) return { requests: 0, itemsLeft: [], itemsTotal: ITEM_IDS.length, undisclosed: [], gaps: 0 };
  const itemsLeft = ITEM_IDS.filter((id) => agg.items[id] !== undefined);
  const undisclosed: UndisclosedFlow[] = [
    ...ITEM_IDS.flatMap((id) => {
      const f = agg.items[id];
      return f && isUndisclosed(f.worst) ? [{ kind: 'item' as const, id, verdict: f.worst }] : [];
    }),
    ...sortFlows(Object.values(agg.contents))
      .filter((f) => isUndisclosed(f.worst))
      .map((f) => ({ kind: 'content' as const, id: f.id, verdict: f.worst })),
  ].sort((a, b) => verdictRank(b.verdict) - verdictRank(a.verdict));
  return { requests: agg.requests, itemsLeft, itemsTotal: ITEM_IDS.length, undisclosed, gaps: agg.gaps };
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
