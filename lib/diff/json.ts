/** A difference as the JSON document `telltale diff --json` prints (lib/formats/diff-output.schema.json). */
import type { DiffJson, Flow } from '../formats/diff-output';
import type { FlowDiff } from './compare';

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
