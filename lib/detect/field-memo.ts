/**
 * Remembered outcomes of a body's leaf fields. A telemetry batch repeats most fields in every event with the
 * same value (`ext.os.ver: "10.0"`, `ext.app.id: "teams-web"`). At one key path a string or number meets the
 * same key rule and the same value tests every time, and what they find depends on nothing else that changes
 * within a body (the host and the profile are the request's). So each (key path, value) pair is worked out once
 * per body, and later occurrences replay what it offered the collector:
 * - a signal entry is not offered again: the collector already kept or refused exactly that entry, and its
 *   dedupe and caps only ever refuse a repeat;
 * - identifier and content entries are not offered again either (the collector would refuse them as repeats, for
 *   the same reason), but the request's content sink, when it has one, hears of each at its new place: a kept
 *   body redacts every occurrence. Without a content sink nothing is recorded: a remembered field costs nothing.
 * An outcome that marked an error event is not kept: the mark belongs to the event it was found in.
 */
import type { ContentSink, EvidenceWhere, MatchedBy } from '../model';
import type { EvidenceSink, PathSource } from './collector';
import type { KeyPath } from './rule-index';

/** One entry offered to the collector, without its path (the place it is replayed at gives that). */
export interface Offer {
  id: string;
  isSignal: boolean;
  where: EvidenceWhere;
  matchedBy: MatchedBy;
  shape: string;
  value: string;
  suffix: string;
}

/** Longest string value remembered (longer ones rarely repeat, and hashing them costs their length). */
export const FIELD_MEMO_MAX_CHARS = 256;
/** Most values remembered per key path, and per body. */
const MAX_PER_PATH = 256;
const MAX_PER_BODY = 8192;

const NOTHING: readonly Offer[] = [];

/** Passes entries on to the collector and keeps a copy of each, for the outcome of the field being worked out. */
class OfferRecorder implements EvidenceSink {
  target: EvidenceSink | undefined;
  private offers: Offer[] | undefined;

  wants(id: string): boolean {
    return this.target!.wants(id);
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
    (this.offers ??= []).push({ id, isSignal, where, matchedBy, shape, value, suffix });
    this.target!.add(id, isSignal, where, matchedBy, shape, value, path, suffix);
  }

  /** The entries recorded since the last call. */
  take(): readonly Offer[] {
    const offers = this.offers ?? NOTHING;
    this.offers = undefined;
    return offers;
  }
}

/** The outcomes kept at one key path in one body, and how often they were asked for. */
export interface PathOutcomes {
  values: Map<string | number, readonly Offer[]>;
  /** The value found last, and its outcome: most paths hold one value throughout a batch. */
  last: string | number | undefined;
  lastOffers: readonly Offer[];
  hits: number;
  misses: number;
  /** The path's values hardly repeat: nothing more is kept or looked up in this body. */
  off: boolean;
}

/**
 * After this many misses, a key path whose values hardly repeat (a sequence number, a session id, a timestamp)
 * stops being remembered for the rest of the body: it would only fill the map and cost a lookup per field.
 */
const TRIAL_MISSES = 16;

export class FieldMemo {
  /** Key paths holding outcomes of this body; they are detached in clear(), because the tree outlives the body. */
  private readonly paths: KeyPath[] = [];
  private size = 0;
  private readonly recorder = new OfferRecorder();

  /** `sink`: the request's content sink, told of every identifier and content entry of a remembered field. */
  constructor(private readonly sink: ContentSink | undefined) {}

  /** The outcome of `value` at `path`; undefined when not known, or when `path` is not remembered at all. */
  lookup(path: KeyPath, value: string | number): readonly Offer[] | undefined {
    const memo = path.leafOutcomes;
    if (!memo || memo.off) return undefined;
    // Comparing with the last value first spares hashing a fresh string when the path repeats one value.
    if (memo.last === value) {
      memo.hits++;
      return memo.lastOffers;
    }
    const known = memo.values.get(value);
    if (!known) {
      memo.misses++;
      return undefined;
    }
    memo.hits++;
    memo.last = value;
    memo.lastOffers = known;
    return known;
  }

  /** A sink for working out one field: it forwards to `target` and records (only what a content sink needs). */
  record(target: EvidenceSink): EvidenceSink {
    if (!this.sink) return target;
    this.recorder.target = target;
    return this.recorder;
  }

  /** Keeps what was recorded since record() as the outcome of `value` at `path`. */
  keep(path: KeyPath, value: string | number): void {
    const offers = this.sink ? this.recorder.take() : NOTHING;
    if (this.size >= MAX_PER_BODY) return;
    let memo = path.leafOutcomes;
    if (!memo) {
      memo = path.leafOutcomes = { values: new Map(), last: undefined, lastOffers: NOTHING, hits: 0, misses: 0, off: false };
      this.paths.push(path);
    } else if (memo.off || memo.values.size >= MAX_PER_PATH) return;
    else if (memo.misses >= TRIAL_MISSES && memo.hits * 4 < memo.misses) {
      memo.off = true;
      return;
    }
    memo.values.set(value, offers);
    memo.last = value;
    memo.lastOffers = offers;
    this.size++;
  }

  /** Drops what record() recorded without keeping it. */
  discard(): void {
    this.recorder.take();
  }

  clear(): void {
    for (const path of this.paths) path.leafOutcomes = undefined;
    this.paths.length = 0;
    this.size = 0;
    this.recorder.target = undefined;
  }

  /**
   * A remembered outcome met again at `at`: the content sink hears of its identifiers and content there, as
   * Collector.add would tell it (see the file comment).
   */
  replay(offers: readonly Offer[], at: { path(suffix: string): string }): void {
    const sink = this.sink;
    if (!sink) return;
    for (let i = 0; i < offers.length; i++) {
      const o = offers[i]!;
      if (!o.isSignal) sink(o.id, o.where, at.path(o.suffix) || o.where);
    }
  }
}
