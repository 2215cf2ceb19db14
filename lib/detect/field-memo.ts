/**
 * Remembered outcomes of body leaf fields. A telemetry batch repeats most fields in every event with the same
 * value (`ext.os.ver: "10.0"`, `ext.app.id: "teams-web"`), and the next batch of the page repeats them again. At
 * one key path a string or number meets the same key rule and the same value tests every time, and what they
 * find depends only on the profile's needles and on whether the host is a help host: one memo per such context
 * (memo.ts) keeps each (key path, value) pair's outcome, what it offered the collector, across bodies.
 * - The first time a body meets a remembered pair, every offer is made again at the new place, in its order: the
 *   request's collector applies its dedupe and caps exactly as to a fresh scan.
 * - Later in the same body nothing is offered again: the collector already kept or refused exactly those
 *   entries, and its dedupe and caps only ever refuse a repeat. The request's content sink, when it has one,
 *   still hears of each identifier and content entry at its new place: a kept body redacts every occurrence.
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

/** What working out one (key path, value) pair offered, and the last body that met it. */
export interface Outcome {
  offers: readonly Offer[];
  body: number;
}

/** Longest string value remembered (longer ones rarely repeat, and hashing them costs their length). */
export const FIELD_MEMO_MAX_CHARS = 256;
/** Most values remembered per key path, and per memo (past it the memo starts afresh). */
const MAX_PER_PATH = 256;
const MAX_PER_MEMO = 8192;

const NOTHING: readonly Offer[] = [];

/**
 * Passes entries on to the collector and keeps a copy of each, for the outcome of the field being worked out. It
 * wants every entry, whatever the collector's caps: a later body's collector may have room for it.
 */
class OfferRecorder implements EvidenceSink {
  target: EvidenceSink | undefined;
  private offers: Offer[] | undefined;

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

/** The outcomes kept at one key path by one memo, and how often they were asked for. */
export interface PathOutcomes {
  /** The memo they belong to: the key path tree is shared by every context, each with its own memo. */
  owner: FieldMemo;
  values: Map<string | number, Outcome>;
  /** The value found last, and its outcome: most paths hold one value throughout a batch. */
  last: string | number | undefined;
  lastOutcome: Outcome | undefined;
  hits: number;
  misses: number;
  /** The path's values hardly repeat: nothing more is kept or looked up by this memo. */
  off: boolean;
}

/**
 * After this many misses, a key path whose values hardly repeat (a sequence number, a timestamp) stops being
 * remembered: it would only fill the map and cost a lookup per field.
 */
const TRIAL_MISSES = 16;

export class FieldMemo {
  /** Key paths holding outcomes of this memo; detached when it starts afresh. */
  private readonly paths: KeyPath[] = [];
  private size = 0;
  private readonly recorder = new OfferRecorder();
  /** The body being walked (counted), and its request's content sink. */
  private body = 0;
  private sink: ContentSink | undefined;

  /** Starts a body; `sink` is its request's content sink, told of every identifier and content entry. */
  begin(sink: ContentSink | undefined): void {
    this.body++;
    this.sink = sink;
  }

  /** Ends the body: nothing of the request is held. */
  end(): void {
    this.sink = undefined;
    this.recorder.target = undefined;
    this.recorder.take();
  }

  /** The outcome of `value` at `path`; undefined when not known, or when `path` is not remembered at all. */
  lookup(path: KeyPath, value: string | number): Outcome | undefined {
    const memo = path.leafOutcomes;
    if (!memo || memo.owner !== this || memo.off) return undefined;
    // Comparing with the last value first spares hashing a fresh string when the path repeats one value.
    if (memo.last === value) {
      memo.hits++;
      return memo.lastOutcome;
    }
    const known = memo.values.get(value);
    if (!known) {
      memo.misses++;
      return undefined;
    }
    memo.hits++;
    memo.last = value;
    memo.lastOutcome = known;
    return known;
  }

  /** A sink for working out one field: it forwards to `target` and records. */
  record(target: EvidenceSink): EvidenceSink {
    this.recorder.target = target;
    return this.recorder;
  }

  /** Keeps what was recorded since record() as the outcome of `value` at `path`. */
  keep(path: KeyPath, value: string | number): void {
    const offers = this.recorder.take();
    if (this.size >= MAX_PER_MEMO) this.clear();
    let memo = path.leafOutcomes;
    if (!memo || memo.owner !== this) {
      memo = path.leafOutcomes = { owner: this, values: new Map(), last: undefined, lastOutcome: undefined, hits: 0, misses: 0, off: false };
      this.paths.push(path);
    } else if (memo.off || memo.values.size >= MAX_PER_PATH) return;
    else if (memo.misses >= TRIAL_MISSES && memo.hits * 4 < memo.misses) {
      memo.off = true;
      return;
    }
    const outcome: Outcome = { offers, body: this.body };
    memo.values.set(value, outcome);
    memo.last = value;
    memo.lastOutcome = outcome;
    this.size++;
  }

  /** Drops what record() recorded without keeping it. */
  discard(): void {
    this.recorder.take();
  }

  /** Forgets every outcome (when full). */
  clear(): void {
    for (const path of this.paths) if (path.leafOutcomes?.owner === this) path.leafOutcomes = undefined;
    this.paths.length = 0;
    this.size = 0;
  }

  /**
   * A remembered outcome met at `at`. The first time in a body, its offers go to `collector` as a fresh scan
   * would make them; later, only the content sink hears of its identifiers and content there, as Collector.add
   * would tell it (see the file comment).
   */
  replay(known: Outcome, at: PathSource & { path(suffix: string): string }, collector: EvidenceSink): void {
    const offers = known.offers;
    if (known.body !== this.body) {
      known.body = this.body;
      for (let i = 0; i < offers.length; i++) {
        const o = offers[i]!;
        collector.add(o.id, o.isSignal, o.where, o.matchedBy, o.shape, o.value, at, o.suffix);
      }
      return;
    }
    const sink = this.sink;
    if (!sink) return;
    for (let i = 0; i < offers.length; i++) {
      const o = offers[i]!;
      if (!o.isSignal) sink(o.id, o.where, at.path(o.suffix) || o.where);
    }
  }
}
