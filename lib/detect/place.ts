/** Where a scan is (evidence root, scope and key path) and the per-request state the scan carries. */
import type { EvidenceWhere } from '../model';
import type { EvidenceSink } from './collector';
import type { FieldMemo } from './field-memo';
import type { NeedleMatch, Needles } from './needles';
import { formatPath, type Segment } from './paths';
import { keyRoot, type KeyPath } from './rule-index';

export interface ScanState {
  /** The request's Collector, or a Recorder while a recurring header or URL is scanned for the memo. */
  collector: EvidenceSink;
  needles: Needles | undefined;
  /** The request goes to an online-help host (help-only rules apply). */
  help: boolean;
  leaves: number;
  /** Index of the telemetry event being walked, or -1. */
  event: number;
  eventRoots: Map<object, number> | undefined;
  /** Indexes of the events found to be errors; created on the first. */
  errorEvents: Set<number> | undefined;
  /** Needle results for the short strings of this body: the events of a batch repeat most of their values. */
  bodyStrings: Map<string, NeedleMatch[] | null> | undefined;
  /** Short body strings seen so far, and whether they are quiet (see isQuiet). */
  quiet: Map<string, boolean> | undefined;
  /** for-in over decoded objects visits their own keys only (see ownKeysOnly in scan.ts). */
  ownKeysOnly: boolean;
  /** Outcomes of body leaf fields, per key path and value, for this request's context (field-memo.ts); set for the body walk. */
  fieldMemo: FieldMemo | undefined;
  /** How many times an event was marked an error so far (an outcome that marks one is not remembered). */
  errorMarks: number;
}

/**
 * Where a walk is: its evidence root and scope, the key path so far (`segs`, for evidence paths), and the
 * logical key path (`node`, for rule lookup). `segs` is an array with an explicit length (`segN`) because
 * shrinking an array's `length` is slow in V8's hot loops.
 */
export class Place {
  segs: Segment[] = [];
  segN = 0;
  /** Lower-cased key segments (dotted keys split), without array indices, with the rule that applies there. */
  node: KeyPath;

  constructor(
    readonly where: EvidenceWhere,
    /** `body`, `url:query`, `url:path`, `header:<name>`. */
    readonly root: string,
    readonly scope: 'body' | 'query' = 'body',
  ) {
    this.node = keyRoot(scope);
  }

  pushSeg(s: Segment): void {
    this.segs[this.segN++] = s;
  }

  /** Starts again at the scope's root with one key, e.g. a query parameter or a form field. */
  resetTo(key: string): void {
    this.segN = 0;
    this.pushSeg(key);
    this.node = keyRoot(this.scope).child(key);
  }

  lastKey(): string {
    return this.node.last;
  }

  path(suffix = ''): string {
    return formatPath(this.root, this.segs, this.segN) + suffix;
  }
}

export function place(where: EvidenceWhere, root: string, scope: 'body' | 'query' = 'body'): Place {
  return new Place(where, root, scope);
}
