/**
 * Batching writer. Observations queue in memory and are flushed within `delayMs` (250 ms) in ONE readwrite
 * transaction over observations + aggregates, which also updates every affected scope aggregate. Inside the
 * transaction nothing but IndexedDB requests is awaited, so it cannot auto-commit half-way.
 *
 * If a flush fails, its observations are lost; the writer then records them as gaps in their scopes (in a
 * second, aggregates-only transaction), so a failed write is never silent.
 *
 * With `maxDelayMs` it waits until nothing was queued for `delayMs` (≤ `maxDelayMs`; ≤ `delayMs` once an `urgent`
 * observation, a count of gaps, a new page or a reset is queued), so a page's load does not share the machine
 * with the writes of its requests (journaled meanwhile).
 *
 * Observations are stored in their compact form (codec.ts), encoded once, when they are added (the background
 * journals that same record until it is committed); the aggregates and the flush result get the observations
 * as they were added.
 */
import type { Annotation, Observation, PageStart, ScopeAggregate, ScopeKey } from '../model';
import { unwrap, type IDBPTransaction } from 'idb';
import type { TelltaleDB, TelltaleDatabase } from './db';
import { addGaps, applyObservation, scopesOf } from './aggregate';
import { startPage } from './pages';
import { encodeObservation, urlOfRecord, type StoredObservation } from './codec';
import { results } from './results';

export const FLUSH_DELAY_MS = 250;
const MAX_BATCH = 500;

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

type WriteTx = IDBPTransaction<TelltaleDB, ('observations' | 'aggregates')[], 'readwrite'>;

type Op =
  | { kind: 'observation'; obs: Observation; options: AddOptions; encoded?: StoredObservation }
  | { kind: 'reset'; key: ScopeKey }
  | { kind: 'page'; key: ScopeKey; page: PageStart }
  | { kind: 'gaps'; keys: ScopeKey[]; n: number; time: number; counter?: 'dropped' };

export interface FlushResult {
  /** Observations now stored, with their ids. */
  stored: Observation[];
  /** Observations not stored because an identical record already was (`maybeStored`). */
  duplicates: Observation[];
  /** Aggregates written or deleted (undefined) by this flush. */
  aggregates: Map<ScopeKey, ScopeAggregate | undefined>;
}

export interface WriterOptions {
  delayMs?: number;
  /** Wait for `delayMs` without new operations, at most this long after the first (default: do not wait). */
  maxDelayMs?: number;
  maxBatch?: number;
  onFlushed?: (result: FlushResult) => void;
  onError?: (error: unknown, lost: Observation[]) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** A monotonic clock (default performance.now): a wall clock set back would hold the queue for the step. */
  now?: () => number;
}

export class ObservationWriter {
  private queue: Op[] = [];
  private timer: unknown;
  private chain: Promise<void> = Promise.resolve();
  /** When the queue's first and latest operations came, and whether one of them must not wait. */
  private firstAt = 0;
  private lastAt = 0;
  private urgent = false;
  private readonly delayMs: number;
  private readonly maxBatch: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly now: () => number;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly getDb: () => TelltaleDatabase | Promise<TelltaleDatabase>,
    private readonly options: WriterOptions = {},
  ) {
    this.delayMs = options.delayMs ?? FLUSH_DELAY_MS;
    this.maxBatch = options.maxBatch ?? MAX_BATCH;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.now = options.now ?? (() => performance.now());
  }

  /** Operations waiting for the next flush. */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Queues an observation; returns its stored form, or undefined when it cannot be encoded (the flush then
   * counts it as a gap). `encoded` is the stored form when the caller has it already (a record from the
   * journal of a stopped worker).
   */
  add(obs: Observation, options: AddOptions = {}, encoded?: StoredObservation): StoredObservation | undefined {
    if (!encoded) {
      try {
        encoded = encodeObservation(obs, { rawEvidence: options.rawEvidence });
      } catch {
        // Encoded again in the flush, where the failure loses the batch as gaps, never silently.
      }
    }
    this.enqueue({ kind: 'observation', obs, options, encoded }, options.urgent);
    return encoded;
  }

  /**
   * Deletes a scope's aggregate, in order with the observations around it (a tab navigated or closed). Written
   * soon like gap counts, as a new page is, so a page reading the store never shows the tab's old page for long.
   */
  resetScope(key: ScopeKey): void {
    this.enqueue({ kind: 'reset', key }, true);
  }

  /** A tab started a new top-level page: the current one moves to `earlier` (lib/store/pages.ts). */
  startPage(key: ScopeKey, page: PageStart): void {
    this.enqueue({ kind: 'page', key, page }, true);
  }

  /** Records requests that were seen but cannot be stored. */
  addGaps(keys: ScopeKey[], n: number, time: number = Date.now()): void {
    if (n > 0) this.enqueue({ kind: 'gaps', keys, n, time }, true);
  }

  /** Records requests deliberately not stored (over the per-page third-party cap), counted like gaps. */
  addDropped(keys: ScopeKey[], n: number, time: number = Date.now()): void {
    if (n > 0) this.enqueue({ kind: 'gaps', keys, n, time, counter: 'dropped' }, true);
  }

  /** Flushes everything queued so far and resolves when it is committed (or has failed). */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      this.clearTimer(this.timer);
      this.timer = undefined;
    }
    const ops = this.queue;
    this.queue = [];
    this.urgent = false;
    if (ops.length) this.chain = this.chain.then(() => this.write(ops));
    return this.chain;
  }

  private enqueue(op: Op, urgent = false): void {
    this.queue.push(op);
    this.lastAt = this.now();
    this.urgent ||= urgent;
    if (this.queue.length >= this.maxBatch) {
      void this.flush();
    } else if (this.timer === undefined) {
      this.firstAt = this.lastAt;
      this.wait(this.delayMs);
    }
  }

  private wait(ms: number): void {
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      const now = this.now();
      const left = Math.min(this.lastAt + this.delayMs, this.firstAt + (this.options.maxDelayMs ?? 0)) - now;
      if (left > 0 && !this.urgent) this.wait(left);
      else void this.flush();
    }, ms);
  }

  private async write(ops: Op[]): Promise<void> {
    try {
      const result = await this.transact(ops);
      this.options.onFlushed?.(result);
    } catch (error) {
      const lost = ops.flatMap((op) => (op.kind === 'observation' ? [op.obs] : []));
      await this.recordLoss(ops, lost).catch(() => undefined);
      this.options.onError?.(error, lost);
    }
  }

  private async transact(ops: Op[]): Promise<FlushResult> {
    // Encoded before the transaction (most when added): a failure here loses the batch as gaps, like a failed
    // write, and keeps the transaction short.
    const encoded = new Map<Op, StoredObservation>();
    for (const op of ops) {
      if (op.kind === 'observation') encoded.set(op, op.encoded ?? encodeObservation(op.obs, { rawEvidence: op.options.rawEvidence }));
    }
    const db = await this.getDb();
    const tx = db.transaction(['observations', 'aggregates'], 'readwrite');
    // Observed here so an abort is reported once, through the caller, never as an unhandled rejection.
    const done = tx.done.catch((e: unknown) => {
      throw e ?? new Error('transaction aborted');
    });
    done.catch(() => undefined);
    try {
      return await this.fill(tx, ops, encoded, done);
    } catch (error) {
      // Any failure, in IndexedDB or in our own code, must not let half a batch auto-commit.
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
      throw error;
    }
  }

  private async fill(tx: WriteTx, ops: Op[], encoded: ReadonlyMap<Op, StoredObservation>, done: Promise<void>): Promise<FlushResult> {
    const indexed = tx.objectStore('observations');
    // The per-record requests go to the bare IndexedDB API: idb's promise and listeners for each request
    // showed in burst profiles. A failed request aborts the transaction, which `done` reports.
    const observations = unwrap(indexed);
    const aggregates = unwrap(tx.objectStore('aggregates'));

    // Rebuilt records whose original may have been committed just before the worker stopped.
    const duplicates = new Set<Op>();
    await Promise.all(
      ops.map(async (op) => {
        if (op.kind !== 'observation' || !op.options.maybeStored) return;
        const existing = await indexed.index('by-request').getAll(op.obs.requestId);
        const url = urlOfRecord(encoded.get(op)!);
        if (existing.some((e) => urlOfRecord(e) === url && Math.abs(e.time - op.obs.time) < 600_000)) {
          duplicates.add(op);
        }
      }),
    );

    const toStore = ops.filter(
      (op): op is Extract<Op, { kind: 'observation' }> => op.kind === 'observation' && !duplicates.has(op),
    );
    const ids = results<number>(toStore.map((op) => observations.add(encoded.get(op)!)));

    const keys = new Set<ScopeKey>();
    for (const op of ops) {
      if (op.kind === 'observation') scopesOf(op.obs).forEach((k) => keys.add(k));
      else if (op.kind === 'reset' || op.kind === 'page') keys.add(op.key);
      else op.keys.forEach((k) => keys.add(k));
    }
    const keyList = [...keys];
    const [added, current] = await Promise.all([ids, results<ScopeAggregate | undefined>(keyList.map((k) => aggregates.get(k)))]);
    // Before the aggregates are updated: their samples name the observation by id.
    toStore.forEach((op, i) => (op.obs.id = added[i]));
    const state = new Map<ScopeKey, ScopeAggregate | undefined>(keyList.map((k, i) => [k, current[i]]));

    for (const op of ops) {
      if (op.kind === 'reset') {
        state.set(op.key, undefined);
      } else if (op.kind === 'page') {
        state.set(op.key, startPage(state.get(op.key), op.key, op.page));
      } else if (op.kind === 'gaps') {
        for (const k of op.keys) state.set(k, addGaps(state.get(k), k, op.n, op.time, op.counter));
      } else if (!duplicates.has(op)) {
        const shared = op.options.sharedAnnotation
          ? { ...op.obs, annotation: op.options.sharedAnnotation }
          : op.obs;
        for (const k of scopesOf(op.obs)) {
          state.set(k, applyObservation(state.get(k), k.startsWith('rec:') ? op.obs : shared, k));
        }
      }
    }

    for (const [k, agg] of state) {
      if (agg) aggregates.put(agg);
      else aggregates.delete(k);
    }
    await done;
    return {
      stored: toStore.map((op) => op.obs),
      duplicates: [...duplicates].map((op) => (op as Extract<Op, { kind: 'observation' }>).obs),
      aggregates: state,
    };
  }

  /** After a failed flush: count each lost observation as a gap in its scopes. */
  private async recordLoss(ops: Op[], lost: Observation[]): Promise<void> {
    const gapOps: Op[] = [];
    for (const obs of lost) gapOps.push({ kind: 'gaps', keys: scopesOf(obs), n: 1, time: obs.time });
    for (const op of ops) if (op.kind === 'gaps') gapOps.push(op);
    if (!gapOps.length) return;
    for (const obs of lost) delete obs.id;
    await this.transact(gapOps);
  }
}
