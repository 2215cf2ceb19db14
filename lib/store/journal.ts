/**
 * The journal: what a stopped service worker leaves for the next one, kept in a key-value area that outlives
 * the worker (`storage.session` in the extension; any `JournalArea` in tests).
 *
 * One entry per request, under `open:<requestId>`, in one of three forms:
 *   start     [url, method, type, tabId, frameId, clientOrigin, time]   the request is being merged
 *   record    { r: <stored observation> }                              its record waits in the writer's queue
 *   captured  { q: <captured request>, u?: 1 }                         finished without a body, waiting to be
 *                                                                      classified (`u`: headers partly unseen)
 * The record (or, for a request without a body, the captured request) replaces the start once the request is
 * finished, and the entry is removed once the record is committed to IndexedDB. So a stop loses neither the
 * requests being merged (the next worker stores them as incomplete stubs, or merges their later phases) nor the
 * finished requests not yet written (the next worker classifies or writes them whole).
 *
 * Writes are cheap by design; one `set` per request was the largest share of the worker's own time during a
 * burst, and in later profiles each call's own cost was most of the journal's share. Entries made within
 * `delayMs` go out as one `set`; a request that starts and is committed within one batch is never written.
 * Removals wait longer (`removeDelayMs`) and go out as one `remove`: an entry left a little longer costs the
 * next worker only a duplicate check (a committed record is not stored twice), while every call saved counts. Each entry is stored as one JSON string: Chromium converts a
 * stored value element by element when the call is made, which for a nested record cost several times what
 * JSON.stringify does. `flush()` sends at once (while the worker starts, when every event counts).
 */
import type { CapturedRequest, RequestStart, ResourceType } from '../model';
import type { StoredObservation } from './codec';

/** The part of `storage.session` (or `storage.local`) the journal uses. */
export interface JournalArea {
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  get(keys: null): Promise<Record<string, unknown>>;
}

export interface JournalOptions {
  /** How long new entries gather before they are sent (default JOURNAL_BATCH_MS). */
  delayMs?: number;
  /** How long removals gather before they are sent (default JOURNAL_REMOVE_MS). */
  removeDelayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** A finished request without a body, journaled until its record is committed. */
export interface JournaledCapture {
  captured: CapturedRequest;
  /** The cheap listener had its headers: those Chromium hides there are unseen. */
  unseenHeaders: boolean;
}

/**
 * What a previous worker left: requests it had started, records it had finished but not committed, and requests
 * without a body it had finished but not classified.
 */
export interface JournalContents {
  starts: RequestStart[];
  records: StoredObservation[];
  captured: JournaledCapture[];
}

/**
 * Short against the writer's wait (250 ms at the least), so a record queued for IndexedDB is journaled before it
 * is written. Each `storage.session` call's own cost dominates, so this interval sets the journal's cost during a
 * burst: 100 ms instead of 25 ms cut a 1,000-POST burst by about 10 % (A/B). The price is the window a stop can
 * take with it: a request begun and finished within one batch before a stop leaves no trace (README, "Nothing lost
 * silently").
 */
export const JOURNAL_BATCH_MS = 100;
/** Removals are not urgent: a stale entry is recognised as committed when the next worker reads it. */
export const JOURNAL_REMOVE_MS = 1_000;
const PREFIX = 'open:';

type StartEntry = [url: string, method: string, type: ResourceType, tabId: number, frameId: number, origin: string, time: number];
type RecordEntry = { r: StoredObservation };
type CapturedEntry = { q: CapturedRequest; u?: 1 };

export class Journal {
  /** Entries to set in the next batch, by key, as JSON text. */
  private sets = new Map<string, string>();
  /** Keys to remove in the next batch. */
  private removes = new Set<string>();
  /** Keys the area holds (written by this worker, or left by the previous one): only these need a remove. */
  private readonly held = new Set<string>();
  private timer: unknown;
  private removeTimer: unknown;
  private readonly delayMs: number;
  private readonly removeDelayMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly area: () => JournalArea | undefined,
    options: JournalOptions = {},
  ) {
    this.delayMs = options.delayMs ?? JOURNAL_BATCH_MS;
    this.removeDelayMs = options.removeDelayMs ?? JOURNAL_REMOVE_MS;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** A request started being merged. */
  start(s: RequestStart): void {
    this.put(s.requestId, [s.url, s.method, s.type, s.tabId, s.frameId, s.clientOrigin, s.time]);
  }

  /** A request's record is queued for IndexedDB: the next worker can write it whole. */
  finished(requestId: string, record: StoredObservation): void {
    this.put(requestId, { r: record });
  }

  /**
   * A request without a body is finished; it is classified when the writer's flush comes, and this entry stands
   * for it meanwhile (its headers with credential values already replaced, as the merger keeps them).
   */
  captured(c: JournaledCapture): void {
    const entry: CapturedEntry = { q: c.captured };
    if (c.unseenHeaders) entry.u = 1;
    this.put(c.captured.requestId, entry);
  }

  /** The requests' records are committed (or counted as gaps), or they will not be stored. */
  remove(requestIds: readonly string[]): void {
    for (const id of requestIds) {
      const key = PREFIX + id;
      this.sets.delete(key);
      if (this.held.delete(key)) this.removes.add(key);
    }
    if (this.removes.size && this.removeTimer === undefined) {
      this.removeTimer = this.setTimer(() => {
        this.removeTimer = undefined;
        this.sendRemoves();
      }, this.removeDelayMs);
    }
  }

  /** Sends everything batched now, entries and removals. */
  flush(): void {
    this.sendSets();
    this.sendRemoves();
  }

  private sendSets(): void {
    if (this.timer !== undefined) {
      this.clearTimer(this.timer);
      this.timer = undefined;
    }
    if (!this.sets.size) return;
    const items = Object.fromEntries(this.sets);
    for (const key of this.sets.keys()) this.held.add(key);
    this.sets = new Map();
    this.area()?.set(items).catch(() => undefined);
  }

  private sendRemoves(): void {
    if (this.removeTimer !== undefined) {
      this.clearTimer(this.removeTimer);
      this.removeTimer = undefined;
    }
    if (!this.removes.size) return;
    const keys = [...this.removes];
    this.removes = new Set();
    this.area()?.remove(keys).catch(() => undefined);
  }

  /** What the previous worker left, oldest first; its keys are then this journal's to remove. */
  async load(): Promise<JournalContents> {
    const area = this.area();
    if (!area) return { starts: [], records: [], captured: [] };
    const all = await area.get(null);
    const starts: RequestStart[] = [];
    const records: StoredObservation[] = [];
    const captured: JournaledCapture[] = [];
    for (const [key, stored] of Object.entries(all)) {
      if (!key.startsWith(PREFIX)) continue;
      const requestId = key.slice(PREFIX.length);
      const value = parsed(stored);
      if (Array.isArray(value) && value.length === 7) {
        const [url, method, type, tabId, frameId, clientOrigin, time] = value as StartEntry;
        starts.push({ requestId, url, method, type, tabId, frameId, clientOrigin, time });
      } else if (isRecordEntry(value, requestId)) {
        records.push(value.r);
      } else if (isCapturedEntry(value, requestId)) {
        captured.push({ captured: value.q, unseenHeaders: value.u === 1 });
      } else {
        continue;
      }
      // Not if this worker has already replaced or removed the entry since.
      if (!this.sets.has(key) && !this.removes.has(key)) this.held.add(key);
    }
    starts.sort((a, b) => a.time - b.time);
    records.sort((a, b) => a.time - b.time);
    captured.sort((a, b) => a.captured.request.time - b.captured.request.time);
    return { starts, records, captured };
  }

  private put(requestId: string, entry: StartEntry | RecordEntry | CapturedEntry): void {
    const key = PREFIX + requestId;
    this.removes.delete(key);
    this.sets.set(key, JSON.stringify(entry));
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      this.sendSets();
    }, this.delayMs);
  }
}

/** Entries are stored as JSON text (older workers stored the start tuple as it is). */
function parsed(stored: unknown): unknown {
  if (typeof stored !== 'string') return stored;
  try {
    return JSON.parse(stored);
  } catch {
    return undefined;
  }
}

function isRecordEntry(value: unknown, requestId: string): value is RecordEntry {
  const r = (value as RecordEntry | null)?.r;
  return typeof r === 'object' && r !== null && r.requestId === requestId && Array.isArray(r.x) && Array.isArray(r.r);
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A captured entry as this journal writes it: every field the record is built from, of its type; no body. */
function isCapturedEntry(value: unknown, requestId: string): value is CapturedEntry {
  const q = (value as { q?: unknown } | null)?.q as Partial<CapturedRequest> | undefined;
  if (typeof q !== 'object' || q === null || q.requestId !== requestId) return false;
  const r = q.request;
  if (typeof r !== 'object' || r === null || r.body !== undefined) return false;
  const fields = isText(r.url) && isText(r.method) && isText(r.type) && isNumber(r.time) && (r.initiator === undefined || isText(r.initiator));
  const headers = Array.isArray(r.headers) && r.headers.every((h: unknown) => isText((h as { name?: unknown })?.name) && isText((h as { value?: unknown }).value));
  const where = isNumber(q.tabId) && isNumber(q.frameId) && isText(q.clientOrigin) && isNumber(q.status) && isNumber(q.requestSize);
  const rest = (q.error === undefined || isText(q.error)) && (q.incomplete === undefined || (Array.isArray(q.incomplete) && q.incomplete.every(isText)));
  return fields && headers && where && rest;
}
