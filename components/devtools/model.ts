/**
 * Pure derivations for the DevTools panel: which of the tab's observations the list shows (after a clear,
 * through the concern filter), in which order, and whether a new read changed anything.
 */
import type { Verdict } from '../../lib/policy/types';
import type { Observation } from '../../lib/model';
import { displayParts } from '../../lib/util/url';

/**
 * The list filter, named like `telltale check --fail-on`: `vague` keeps requests with a flow that is vague or
 * worse, `omitted` those with a flow the policy does not disclose (omitted or incorrect).
 */
export type Concern = 'all' | 'vague' | 'omitted';
export const CONCERNS: readonly Concern[] = ['all', 'vague', 'omitted'];

const RANK: Record<Verdict, number> = { clear: 0, vague: 1, omitted: 2, incorrect: 3 };

/** The least favourable verdict of any item or finding in the request; null when nothing left. */
export function worstVerdict(obs: Observation): Verdict | null {
  let worst: Verdict | null = null;
  for (const flow of [...obs.annotation.items, ...obs.annotation.findings]) {
    if (worst === null || RANK[flow.verdict] > RANK[worst]) worst = flow.verdict;
  }
  return worst;
}

export function matchesConcern(obs: Observation, concern: Concern): boolean {
  if (concern === 'all') return true;
  const worst = worstVerdict(obs);
  if (worst === null) return false;
  return RANK[worst] >= (concern === 'vague' ? RANK.vague : RANK.omitted);
}

/**
 * A clear is a cut in the view, not a delete: it remembers the newest observation id at that moment, and the
 * list shows only later ones. Ids are the store's auto-increment keys, so they grow with every write.
 */
export function afterClear(observations: readonly Observation[], clearedThrough: number | undefined): Observation[] {
  if (clearedThrough === undefined) return [...observations];
  return observations.filter((o) => (o.id ?? Infinity) > clearedThrough);
}

/** The id a clear cuts at: the newest id in the list (or the previous cut, if nothing newer came). */
export function clearCut(observations: readonly Observation[], previous: number | undefined): number | undefined {
  let max = previous;
  for (const o of observations) if (o.id !== undefined && (max === undefined || o.id > max)) max = o.id;
  return max;
}

/** Oldest first, like the Network panel: new requests appear at the bottom. Ties keep the store's order. */
export function oldestFirst(observations: readonly Observation[]): Observation[] {
  return [...observations].sort((a, b) => a.time - b.time || (a.id ?? 0) - (b.id ?? 0));
}

/** Rows the list shows: after the clear, through the filter, oldest first. */
export function visibleRows(observations: readonly Observation[], clearedThrough: number | undefined, concern: Concern): Observation[] {
  return oldestFirst(afterClear(observations, clearedThrough).filter((o) => matchesConcern(o, concern)));
}

/**
 * Whether two reads hold the same observations. A record is written once and never changed, so the ids say
 * it all; polling then re-renders only when something was added or removed (by retention).
 */
export function sameObservations(a: readonly Observation[] | undefined, b: readonly Observation[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.id !== b[i]!.id || a[i]!.requestId !== b[i]!.requestId) return false;
  return true;
}

export function hostAndPath(url: string): { host: string; path: string } {
  const { host, path, search } = displayParts(url);
  return { host, path: path + search };
}
