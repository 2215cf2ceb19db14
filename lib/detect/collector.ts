/** Gathers evidence for one request, deduplicated and capped (see limits.ts). */
import type { ContentSink, Evidence, EvidenceWhere, MatchedBy } from '../model';
import { MAX_EVIDENCE, MAX_EVIDENCE_PER_ID, MAX_EVIDENCE_VALUE } from './limits';

export interface ContentEvidence {
  kind: string;
  evidence: Evidence;
}

export type PathSource = string | { path(suffix: string): string };

/** Where scans put what they find: the request's Collector, or a Recorder that remembers it for replay. */
export interface EvidenceSink {
  /** Whether another entry for this signal or kind could still be kept (checked before building a value). */
  wants(id: string): boolean;
  add(
    id: string,
    isSignal: boolean,
    where: EvidenceWhere,
    matchedBy: MatchedBy,
    shape: string,
    value: string,
    path: PathSource,
    suffix?: string,
  ): void;
}

/** One entry as a scan offered it to a sink, its path resolved. */
export interface Offered {
  id: string;
  isSignal: boolean;
  where: EvidenceWhere;
  matchedBy: MatchedBy;
  shape: string;
  value: string;
  path: string;
}

/** What makes two entries the same, kept per signal or kind. */
interface Kept {
  matchedBy: MatchedBy;
  where: EvidenceWhere;
  shape: string;
  value: string;
}

export class Collector implements EvidenceSink {
  readonly signals: Evidence[] = [];
  readonly contents: ContentEvidence[] = [];
  // Per id at most MAX_EVIDENCE_PER_ID entries, so a linear scan is the cheapest dedupe: no key strings to
  // build and hash on the per-request hot path.
  private readonly kept = new Map<string, Kept[]>();
  private total = 0;

  constructor(private readonly sink?: ContentSink) {}

  /** Whether another entry for this signal or kind could still be kept (checked before building a value). */
  wants(id: string): boolean {
    // A sink hears of every hit, kept or not.
    if (this.sink) return true;
    return this.total < MAX_EVIDENCE && (this.kept.get(id)?.length ?? 0) < MAX_EVIDENCE_PER_ID;
  }

  /**
   * Adds one entry unless an identical one (same id, how, where, `shape` and value) is already kept or a cap
   * is reached. `shape` names the rule or needle and field, not the array positions, so repeats across the
   * events of a batch collapse into one. `path` is a string or a source whose `path(suffix)` is only called
   * for kept entries.
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
    if (this.sink && !isSignal) this.sink(id, where, (typeof path === 'string' ? path + suffix : path.path(suffix)) || where);
    const list = this.room(id, where, matchedBy, shape, value);
    if (!list) return false;
    list.push({ matchedBy, where, shape, value });
    this.emit(id, isSignal, where, matchedBy, value, (typeof path === 'string' ? path + suffix : path.path(suffix)) || where);
    return true;
  }

  /** Adds recorded entries in their order, exactly as if the scan that offered them ran again. */
  replay(offered: readonly Offered[]): void {
    for (let i = 0; i < offered.length; i++) {
      const o = offered[i]!;
      if (this.sink && !o.isSignal) this.sink(o.id, o.where, o.path || o.where);
      const list = this.room(o.id, o.where, o.matchedBy, o.shape, o.value);
      if (!list) continue;
      // An Offered has every field a Kept entry needs; keeping it saves a copy per replayed entry.
      list.push(o);
      this.emit(o.id, o.isSignal, o.where, o.matchedBy, o.value, o.path || o.where);
    }
  }

  /** The id's kept list when this entry is new and under the caps (the caller pushes it), else undefined. */
  private room(id: string, where: EvidenceWhere, matchedBy: MatchedBy, shape: string, value: string): Kept[] | undefined {
    if (this.total >= MAX_EVIDENCE) return undefined;
    let list = this.kept.get(id);
    if (list) {
      if (list.length >= MAX_EVIDENCE_PER_ID) return undefined;
      // Newest first: in a batch the same field usually repeats the entry just added.
      for (let i = list.length - 1; i >= 0; i--) {
        const k = list[i]!;
        if (k.shape === shape && k.value === value && k.matchedBy === matchedBy && k.where === where) return undefined;
      }
    } else {
      list = [];
      this.kept.set(id, list);
    }
    this.total++;
    return list;
  }

  private emit(id: string, isSignal: boolean, where: EvidenceWhere, matchedBy: MatchedBy, value: string, path: string): void {
    const v = value.length > MAX_EVIDENCE_VALUE ? `${value.slice(0, MAX_EVIDENCE_VALUE - 1)}…` : value;
    if (isSignal) this.signals.push({ where, path, value: v, matchedBy, signal: id });
    else this.contents.push({ kind: id, evidence: { where, path, value: v, matchedBy } });
  }
}

/**
 * Records every entry a scan offers, for replay into later requests' collectors. It wants everything: the
 * collector's caps and dedupe apply on replay, so a replayed scan keeps exactly what a fresh one would.
 */
export class Recorder implements EvidenceSink {
  readonly offered: Offered[] = [];

  wants(): boolean {
    return true;
  }

  add(
    id: string,
    isSignal: boolean,
    where: EvidenceWhere,
    matchedBy: MatchedBy,
    shape: string,
    value: string,
    path: PathSource,
    suffix = '',
  ): void {
    const p = typeof path === 'string' ? path + suffix : path.path(suffix);
    this.offered.push({ id, isSignal, where, matchedBy, shape, value, path: p });
  }
}
