/**
 * Batching writer. Observations queue in memory and are flushed within `delayMs` (250 ms) in ONE readwrite
 * transaction over observations + aggregates, which also updates every affected scope aggregate. Inside the
 * transaction nothing but IndexedDB requests is awaited, so it cannot auto-commit half-way.
 *
 * If a flush fails, its observations are lost; the writer then records them as gaps in their scopes (in a
 * second, aggregates-only transaction), so a failed write is never silent.
 *
 * With `maxDelayMs` it waits for a pause in the traffic (write-queue.ts), so a page's load does not share the
 * machine with the writes of its requests (journaled meanwhile); urgent operations go at the plain `delayMs`.
 *
 * `addLater` queues an observation that is built only when its flush comes (the background classifies a request
 * without a body then, not while the page that made it is still loading). Built in queue order, so it lands in
 * order with the pages and resets around it.
 *
 * Observations are stored in their compact form (codec.ts), encoded once, when they are added (the background
 * journals that same record until it is committed); the aggregates and the flush result get the observations
 * as they were added.
 */
import type { Observation, PageStart, ScopeAggregate, ScopeKey } from '../model';
import { unwrap, type IDBPTransaction } from 'idb';
import type { TelltaleDB, TelltaleDatabase } from './db';
import { addGaps, applyObservation, scopesOf } from './aggregate';
import { startPage } from './pages';
import { encodeObservation, urlOfRecord, type StoredObservation } from './codec';
import { results } from './results';
import { WriteQueue } from './write-queue';
import { builtOps, type AddOptions, type Deferred, type Op, type Queued } from './write-ops';

export type { AddOptions, Deferred } from './write-ops';

export const FLUSH_DELAY_MS = 250;
const MAX_BATCH = 500;

type WriteTx = IDBPTransaction<TelltaleDB, ('observations' | 'aggregates')[], 'readwrite'>;

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
  /**
   * While this returns true, a pause in the traffic does not write the queue: only `maxDelayMs` or an urgent
   * operation does (the background holds the writes while a client page is still loading).
   */
  hold?: () => boolean;
  maxBatch?: number;
  onFlushed?: (result: FlushResult) => void;
  onError?: (error: unknown, lost: Observation[]) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** A monotonic clock (default performance.now): a wall clock set back would hold the queue for the step. */
  now?: () => number;
}

export class ObservationWriter {
  private readonly queue: WriteQueue<Queued>;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly getDb: () => TelltaleDatabase | Promise<TelltaleDatabase>,
    private readonly options: WriterOptions = {},
  ) {
    this.queue = new WriteQueue((ops) => void this.send(ops), {
      ...options,
      delayMs: options.delayMs ?? FLUSH_DELAY_MS,
      maxBatch: options.maxBatch ?? MAX_BATCH,
    });
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
    this.queue.push({ kind: 'observation', obs, options, encoded }, options.urgent);
    return encoded;
  }

  /**
   * Queues an observation built when its flush comes, in queue order (never urgent). `build` should not throw;
   * if it does, the error goes to `onError` with no observation lost, and the operation is skipped.
   */
  addLater(build: () => Deferred): void {
    this.queue.push({ kind: 'later', build });
  }

  /**
   * Deletes a scope's aggregate, in order with the observations around it (a tab navigated or closed). Written
   * soon like gap counts, as a new page is, so a page reading the store never shows the tab's old page for long.
   */
  resetScope(key: ScopeKey): void {
    this.queue.push({ kind: 'reset', key }, true);
  }

  /** A tab started a new top-level page: the current one moves to `earlier` (lib/store/pages.ts). */
  startPage(key: ScopeKey, page: PageStart): void {
    this.queue.push({ kind: 'page', key, page }, true);
  }

  /** Records requests that were seen but cannot be stored. */
  addGaps(keys: ScopeKey[], n: number, time: number = Date.now()): void {
    if (n > 0) this.queue.push({ kind: 'gaps', keys, n, time }, true);
  }

  /** Records requests deliberately not stored (over the per-page third-party cap), counted like gaps. */
  addDropped(keys: ScopeKey[], n: number, time: number = Date.now()): void {
    if (n > 0) this.queue.push({ kind: 'gaps', keys, n, time, counter: 'dropped' }, true);
  }

  /** Flushes everything queued so far and resolves when it is committed (or has failed). */
  flush(): Promise<void> {
    return this.send(this.queue.takeAll());
  }

  /** Writes these operations after those before them, building the deferred ones now, in order. */
  private send(taken: Queued[]): Promise<void> {
    const ops = builtOps(taken, (e) => this.options.onError?.(e, []));
    if (ops.length) this.chain = this.chain.then(() => this.write(ops));
    return this.chain;
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
