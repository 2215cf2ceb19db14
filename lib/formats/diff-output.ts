/**
 * The JSON document of `telltale diff --json` (diff-output.schema.json), exactly
 * `{ added, removed, changed: [{ before, after }], summary }`, each flow with `item` or `kind` first.
 */
import type { DiffSummary, FlowDiff } from '../diff/compare';
import type { Flow } from '../diff/flows';

export interface DiffJson {
  added: Flow[];
  removed: Flow[];
  changed: { before: Flow; after: Flow }[];
  summary: DiffSummary;
}

/** The flow as printed: `item` or `kind` first, then the rest in schema order. */
function jsonFlow(f: Flow): Flow {
  const subject = f.item !== undefined ? { item: f.item } : { kind: f.kind! };
  return { ...subject, feature: f.feature, host: f.host, verdict: f.verdict, requests: f.requests, example: { ...f.example } };
}

export function diffJson(diff: FlowDiff<unknown>): DiffJson {
  return {
    added: diff.added.map((c) => jsonFlow(c.flow)),
    removed: diff.removed.map((c) => jsonFlow(c.flow)),
    changed: diff.changed.map((c) => ({ before: jsonFlow(c.before.flow), after: jsonFlow(c.after.flow) })),
    summary: diff.summary,
  };
}
