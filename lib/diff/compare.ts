/**
 * Two sets of flows → what was added, what was removed, and whose verdict changed. Ordered for reading:
 * the least favourable verdict first, then by item or kind, feature and destination, so the same two
 * captures always give the same list whatever order their requests came in.
 */
import type { DiffSummary } from '../formats/diff-output';
import { verdictRank, type CountedFlow, type Flow } from './flows';

export type { DiffSummary };

export interface FlowChange<Ref = undefined> {
  before: CountedFlow<Ref>;
  after: CountedFlow<Ref>;
}

export interface FlowDiff<Ref = undefined> {
  added: CountedFlow<Ref>[];
  removed: CountedFlow<Ref>[];
  /** Worse verdicts first, then better ones. */
  changed: FlowChange<Ref>[];
  summary: DiffSummary;
}

function subject(f: Flow): string {
  return f.item ?? f.kind ?? '';
}

/** Least favourable verdict first, then item / kind, feature, destination. */
export function compareFlows(a: Flow, b: Flow): number {
  const byVerdict = verdictRank(b.verdict) - verdictRank(a.verdict);
  if (byVerdict !== 0) return byVerdict;
  for (const [x, y] of [
    [subject(a), subject(b)],
    [a.feature, b.feature],
    [a.host, b.host],
  ] as const) {
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function isWorse(change: FlowChange<unknown>): boolean {
  return verdictRank(change.after.flow.verdict) > verdictRank(change.before.flow.verdict);
}

/** The difference from `before` to `after` (both keyed by flowKey, as FlowCounter.result() gives them). */
export function diffFlows<Ref>(before: ReadonlyMap<string, CountedFlow<Ref>>, after: ReadonlyMap<string, CountedFlow<Ref>>, requests = { before: 0, after: 0 }): FlowDiff<Ref> {
  const added: CountedFlow<Ref>[] = [];
  const removed: CountedFlow<Ref>[] = [];
  const worse: FlowChange<Ref>[] = [];
  const better: FlowChange<Ref>[] = [];
  let unchanged = 0;
  for (const [key, a] of after) {
    const b = before.get(key);
    if (!b) added.push(a);
    else if (b.flow.verdict === a.flow.verdict) unchanged++;
    else (verdictRank(a.flow.verdict) > verdictRank(b.flow.verdict) ? worse : better).push({ before: b, after: a });
  }
  for (const [key, b] of before) if (!after.has(key)) removed.push(b);
  const byFlow = (x: CountedFlow<Ref>, y: CountedFlow<Ref>) => compareFlows(x.flow, y.flow);
  const byAfter = (x: FlowChange<Ref>, y: FlowChange<Ref>) => compareFlows(x.after.flow, y.after.flow);
  added.sort(byFlow);
  removed.sort(byFlow);
  worse.sort(byAfter);
  better.sort(byAfter);
  return {
    added,
    removed,
    changed: [...worse, ...better],
    summary: {
      before: { requests: requests.before, flows: before.size },
      after: { requests: requests.after, flows: after.size },
      added: added.length,
      removed: removed.length,
      worse: worse.length,
      better: better.length,
      unchanged,
    },
  };
}
