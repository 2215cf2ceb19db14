/** Gathers evidence for one request, deduplicated and capped (see limits.ts). */
import type { Evidence, EvidenceWhere, MatchedBy } from '../types';
import { MAX_EVIDENCE, MAX_EVIDENCE_PER_ID, MAX_EVIDENCE_VALUE } from './limits';

export interface ContentEvidence {
  kind: string;
  evidence: Evidence;
}

export type PathSource = string | { path(suffix: string): string };

export class Collector {
  readonly signals: Evidence[] = [];
  readonly contents: ContentEvidence[] = [];
  private readonly seen = new Set<string>();
  private readonly perId = new Map<string, number>();
  private total = 0;
  // The last id and value added per shape: in a batch the same field mostly repeats the same value, and this
  // turns those repeats into one Map lookup instead of building a dedupe key.
  private readonly last = new Map<string, { id: string; value: string }>();

  /** Whether another entry for this signal or kind could still be kept (checked before building a path). */
  wants(id: string): boolean {
    return this.total < MAX_EVIDENCE && (this.perId.get(id) ?? 0) < MAX_EVIDENCE_PER_ID;
  }

  /**
   * Adds one entry unless an identical one (same id, how, where, `shape` and value) is already kept or a cap
   * is reached. `shape` names the rule or needle and field, not the array positions, so repeats across the
   * events of a batch collapse into one. `path` is a string or a source whose `path(suffix)` is only called
   * for kept entries, so paths are formatted only for evidence that is kept.
   */
  add(
    id: string,
    isSignal: boolean,
    where: EvidenceWhere,
    matchedBy: MatchedBy,
    shape: string,
    value: string,
    path: PathSource,
    suffix = '',
  ): boolean {
    if (!this.wants(id)) return false;
    const prev = this.last.get(shape);
    if (prev && prev.id === id && prev.value === value) return false;
    if (prev) {
      prev.id = id;
      prev.value = value;
    } else this.last.set(shape, { id, value });
    const v = value.length > MAX_EVIDENCE_VALUE ? `${value.slice(0, MAX_EVIDENCE_VALUE - 1)}…` : value;
    const key = `${id}\u0000${matchedBy}\u0000${where}\u0000${shape}\u0000${v}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.perId.set(id, (this.perId.get(id) ?? 0) + 1);
    this.total++;
    const p = (typeof path === 'string' ? path + suffix : path.path(suffix)) || where;
    if (isSignal) this.signals.push({ where, path: p, value: v, matchedBy, signal: id });
    else this.contents.push({ kind: id, evidence: { where, path: p, value: v, matchedBy } });
    return true;
  }
}
