/** The operations the writer (writer.ts) queues, and how a deferred observation becomes one to write. */
import type { Annotation, Observation, PageStart, ScopeKey } from '../model';
import type { StoredObservation } from './codec';

export interface AddOptions {
  /**
   * Annotation to aggregate in the tab and log scopes instead of the observation's own. Used when a recording
   * keeps raw evidence: the raw values stay in the recording (and are deleted with it), the long-lived
   * scopes get the redacted annotation.
   */
  sharedAnnotation?: Annotation;
  /** The record was rebuilt after a worker restart and may already be stored; skip it if so. */
  maybeStored?: boolean;
  /**
   * The observation's recording keeps raw evidence: its URL and header values are stored as sent. Otherwise
   * query parameters and headers holding content or identifiers keep only their redacted previews.
   */
  rawEvidence?: boolean;
  /** Nothing else keeps the observation across a worker stop: with `maxDelayMs`, flush at the plain delay. */
  urgent?: boolean;
}

/**
 * What a deferred observation becomes when its flush comes: the observation, or one request counted in these
 * scopes as a gap (`addGaps`) or as deliberately not stored (`counter: 'dropped'`, as `addDropped`).
 */
export type Deferred = { obs: Observation; options?: AddOptions } | { gaps: ScopeKey[]; time: number; counter?: 'dropped' };

export type Op =
  | { kind: 'observation'; obs: Observation; options: AddOptions; encoded?: StoredObservation }
  | { kind: 'reset'; key: ScopeKey }
  | { kind: 'page'; key: ScopeKey; page: PageStart }
  | { kind: 'gaps'; keys: ScopeKey[]; n: number; time: number; counter?: 'dropped' };
/** A queued operation: one to write, or an observation built when its flush comes (`addLater`). */
export type Queued = Op | { kind: 'later'; build: () => Deferred };

/** The operations with each deferred observation built; a builder that throws is reported and skipped. */
export function builtOps(ops: readonly Queued[], onError: (error: unknown) => void): Op[] {
  const out: Op[] = [];
  for (const op of ops) {
    if (op.kind !== 'later') {
      out.push(op);
      continue;
    }
    let d: Deferred;
    try {
      d = op.build();
    } catch (error) {
      onError(error);
      continue;
    }
    if ('obs' in d) out.push({ kind: 'observation', obs: d.obs, options: d.options ?? {} });
    else out.push({ kind: 'gaps', keys: d.gaps, n: 1, time: d.time, counter: d.counter });
  }
  return out;
}
