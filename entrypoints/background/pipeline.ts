/**
 * The capture controller: webRequest phases → PhaseMerger → classify → ObservationWriter, plus the state the
 * message handlers read and change (pause, running recording, custom origins, settings).
 */
import { browser } from 'wxt/browser';
import type { BrowserProfile } from '../../lib/model';
import { PhaseMerger } from '../../lib/capture/merger';
import type { CapturedRequest } from '../../lib/capture/captured';
import { finishAtHeaders } from './listeners';
import { observationOf } from '../../lib/capture/observation';
import {
  clientOriginOf,
  navigationOpenerOf,
  normalizeType,
  pageOriginOf,
  type RawBeforeRequest,
  type RawCompleted,
  type RawDetails,
  type RawError,
  type RawSendHeaders,
} from '../../lib/capture/normalize';
import {
  applyRetention,
  getMeta,
  getRunningRecording,
  getSettings,
  ObservationWriter,
  openTelltaleDB,
  setMeta,
  decodeObservation,
  scopesOf,
  type FlushResult,
  type Observation,
  type Recording,
  type Settings,
  type StoredObservation,
  type TelltaleDatabase,
} from '../../lib/store';
import type { CustomRules } from '../../lib/classify/rules';
import { loadRules } from '../../lib/rules-store';
import { createJournal } from './journal';
import { collectProfile } from './profile';
import { loadEngine, type Engine } from './classifier';
import { showBadge } from './badge';
import { notifyFirstSeen } from './notify';
import { ScopeTracker } from './scope';

/** Often enough that a request restored after a restart is stored soon after RESTORED_STALE_MS. */
const EVICT_EVERY_MS = 5_000;
const RETENTION_EVERY_MS = 3_600_000;
const RETENTION_EVERY_WRITES = 2_000;
const NOTIFIED_KEY = 'notifiedFlows';
/**
 * Writes wait for a pause in the traffic (the writer's 250 ms without a new record), at most this long: a page
 * loading its assets is not slowed by the writes of its own requests, whose records stand whole in the journal
 * meanwhile. A record the journal does not hold whole (raw evidence, a kept body) goes at the plain 250 ms.
 */
const WRITE_AT_MOST_AFTER_MS = 2_000;
/** How long a Chromium beacon with no visible body waits for the page-side observer's report of its body. */
const WITNESS_WAIT_MS = 400;

export class RequestPipeline {
  db?: TelltaleDatabase;
  engine?: Engine;
  profile: BrowserProfile = {};
  settings?: Settings;
  recording?: Recording;
  /** Custom rules imported on the options page (lib/rules-store), applied to every request classified. */
  rules?: CustomRules;
  readonly journal = createJournal();
  readonly merger = new PhaseMerger({ onStart: (s) => this.capturing && this.journal.start(s), finishAtHeaders });
  readonly writer: ObservationWriter;
  readonly ready: Promise<void>;
  /** False until init has finished (successfully or not): events are then journaled as they arrive. */
  private initialized = false;
  /** Requests journaled before init finished, until the merger has taken them over or turned them down. */
  private readonly early = new Set<string>();
  private notified = new Set<string>();
  private writesSinceRetention = 0;
  private lastRetention = 0;
  /** Pages, the third-party cap, unseen headers and beacon witnesses (scope.ts). */
  readonly scope = new ScopeTracker();
  /** The all-sites permission is granted (third-party destinations are visible). */
  thirdPartyVisible = false;

  constructor() {
    this.writer = new ObservationWriter(() => this.database(), {
      maxDelayMs: WRITE_AT_MOST_AFTER_MS,
      onFlushed: (r) => this.afterFlush(r),
      onError: (e, lost) => {
        console.error(`write failed, ${lost.length} requests counted as gaps`, e);
        this.journal.remove(lost.map((o) => o.requestId));
      },
    });
    this.ready = this.init()
      .catch((e) => console.error('background init failed', e))
      .finally(() => (this.initialized = true));
    setInterval(() => this.evict(), EVICT_EVERY_MS);
  }

  /** Records while the passive log runs, or while a recording runs even if the log is paused. */
  get capturing(): boolean {
    return !this.settings?.paused || this.recording !== undefined;
  }

  async database(): Promise<TelltaleDatabase> {
    this.db ??= await openTelltaleDB();
    return this.db;
  }

  /**
   * Everything a worker needs before it handles its first event, read side by side: the shorter this is, the
   * fewer events a worker stopped while starting can take with it (they are journaled as they arrive).
   */
  private async init(): Promise<void> {
    const state = this.database().then(async (db) => {
      const [settings, recording, notified] = await Promise.all([getSettings(db), getRunningRecording(db), getMeta<string[]>(db, NOTIFIED_KEY)]);
      this.settings = settings;
      this.merger.setCustomOrigins(settings.customOrigins);
      this.recording = recording;
      this.notified = new Set(notified ?? []);
    });
    const left = this.journal.load().catch(() => ({ starts: [], records: [] }));
    const rules = loadRules(browser.storage.local, (e) => console.error('stored rules ignored', e)).catch(() => undefined);
    const profile = collectProfile().catch(() => ({}));
    this.engine = loadEngine();
    await state;
    // Requests a stopped worker had started: merge their later phases if they still come, else store stubs.
    // Records it had finished but not committed: stored whole, unless they were committed after all.
    const { starts, records } = await left;
    this.merger.restore(starts);
    for (const rec of records) this.restoreRecord(rec);
    this.rules = (await rules)?.rules;
    this.profile = await profile;
    // No eviction here: the events that woke this worker are queued behind `ready` and may still complete
    // restored requests; the interval evicts what they leave.
    void this.retention();
  }

  /** A record a stopped worker finished and journaled but did not commit. */
  private restoreRecord(rec: StoredObservation): void {
    try {
      this.writer.add(decodeObservation(rec), { maybeStored: true }, rec);
    } catch (e) {
      console.error('journaled record unreadable', e);
      this.journal.remove([rec.requestId]);
    }
  }

  /**
   * Called by the listeners as each event arrives, before it waits for `ready`. Init takes a few hundred
   * milliseconds (DB, settings, engine); a worker stopped within them took its queued events with it, and
   * the merger never journaled them. So until init is done, the journal entry is written here, at once.
   * The custom origins are not known yet: every requesting page is journaled, and restore() filters.
   */
  noteArrival(d: RawDetails): void {
    if (this.initialized || this.early.has(d.requestId)) return;
    // A navigation a custom origin's page started is journaled under that page; restore() filters.
    const clientOrigin = clientOriginOf(d) ?? navigationOpenerOf(d) ?? pageOriginOf(d);
    if (!clientOrigin) return;
    this.early.add(d.requestId);
    this.journal.start({
      requestId: d.requestId,
      url: d.url,
      method: d.method.toUpperCase(),
      type: normalizeType(d.type),
      tabId: d.tabId,
      frameId: d.frameId,
      clientOrigin,
      time: d.timeStamp,
    });
    this.journal.flush();
  }

  /** An event Telltale does not watch (its host is reachable only by a permission it does not use). */
  skipEarly(requestId: string): void {
    if (this.early.delete(requestId) && !this.merger.has(requestId)) this.journal.remove([requestId]);
  }

  /** An early journal entry the merger did not take (not a client page) would otherwise stay for good. */
  private settleEarly(requestId: string, finished: CapturedRequest | undefined): void {
    if (!this.early.delete(requestId)) return;
    if (!finished && !this.merger.has(requestId)) this.journal.remove([requestId]);
  }

  // The listeners call these after `ready`, in arrival order.
  onBeforeRequest(d: RawBeforeRequest): void {
    // A tab navigates: its page so far moves to "earlier on this tab" (lib/store/pages.ts).
    const page = this.scope.pageStart(d, this.settings?.customOrigins ?? []);
    if (page) {
      this.writer.startPage(`tab:${d.tabId}`, page);
      showBadge(d.tabId, undefined);
    }
    const redirected = this.merger.onBeforeRequest(d);
    this.handle(redirected);
    this.settleEarly(d.requestId, redirected);
  }
  /** `full`: the listener had every header (in Chromium, `extraHeaders`). */
  onSendHeaders(d: RawSendHeaders, full = true): void {
    const { redirected, finished } = this.merger.onSendHeaders(d);
    // The earlier leg is handled before this leg's headers are noted: it keeps its own listener's mark.
    this.handle(redirected);
    this.scope.noteHeaders(d.requestId, full, this.merger.has(d.requestId) || finished !== undefined);
    this.handle(finished);
    this.settleEarly(d.requestId, finished);
  }
  onCompleted(d: RawCompleted): void {
    const finished = this.merger.onCompleted(d);
    this.handle(finished);
    this.settleEarly(d.requestId, finished);
  }
  onError(d: RawError): void {
    const finished = this.merger.onError(d);
    this.handle(finished);
    this.settleEarly(d.requestId, finished);
  }

  /** A tab closed (or all data was deleted): its aggregate goes. */
  resetTab(tabId: number): void {
    this.writer.resetScope(`tab:${tabId}`);
    this.scope.forgetTab(tabId);
    showBadge(tabId, undefined);
  }

  private evict(): void {
    if (!this.engine) return;
    for (const c of this.merger.evictStale()) this.handle(c);
  }

  private handle(c: CapturedRequest | undefined, waited = false): void {
    if (!c) return;
    // The journal holds the request meanwhile, so a stop in between loses nothing.
    if (!waited && this.scope.awaitsWitness(c)) {
      setTimeout(() => this.handle(c, true), WITNESS_WAIT_MS);
      return;
    }
    const { request, mark } = this.scope.prepare(c);
    if (!this.capturing || !this.engine) {
      this.journal.remove([c.requestId]);
      return;
    }
    const rec = this.recording;
    const raw = rec?.rawEvidence === true;
    // A recording keeps each request's body (redacted unless it keeps raw evidence); the passive log keeps none.
    const keep = rec ? (raw ? 'raw' : 'redacted') : undefined;
    const classified = this.engine.classify(request, { profile: this.profile, rules: this.rules, organisationOrigins: this.settings?.customOrigins, raw, keep });
    const { body } = classified;
    const obs = observationOf(c, mark(classified.annotation));
    if (this.scope.overThirdPartyCap(obs)) {
      this.writer.addDropped(scopesOf(obs), 1, obs.time);
      this.journal.remove([c.requestId]);
      return;
    }
    if (rec?.id !== undefined) obs.recordingId = rec.id;
    if (body) obs.body = body;
    const journaled = !raw && !obs.body;
    const encoded = this.writer.add(obs, {
      maybeStored: c.restored,
      urgent: !journaled,
      // The store keeps URL and header values as sent only for a recording that keeps raw evidence.
      rawEvidence: raw,
      sharedAnnotation: raw ? mark(classified.redacted) : undefined,
    });
    // Until it is committed, the record itself stands in the journal, so a stop cannot take it. Not a record
    // with raw evidence or a kept body: raw values stay out of storage.session, and bodies could fill it. Those
    // keep their start entry, which a restart turns into an incomplete stub.
    if (encoded && journaled) this.journal.finished(c.requestId, encoded);
  }

  private afterFlush(r: FlushResult): void {
    this.journal.remove([...r.stored, ...r.duplicates].map((o) => o.requestId));
    for (const [key, agg] of r.aggregates) {
      if (key.startsWith('tab:')) showBadge(Number(key.slice(4)), agg);
    }
    if (this.settings?.notifyUndisclosed) this.notifyFirstSeen(r.stored);
    this.writesSinceRetention += r.stored.length;
    if (this.writesSinceRetention >= RETENTION_EVERY_WRITES || Date.now() - this.lastRetention > RETENTION_EVERY_MS) {
      void this.retention();
    }
  }

  async retention(): Promise<void> {
    if (!this.db || !this.settings) return;
    this.writesSinceRetention = 0;
    this.lastRetention = Date.now();
    await applyRetention(this.db, this.settings).catch((e) => console.error('retention failed', e));
  }

  /** One notification per (item or content kind, features) the first time it is seen undisclosed. */
  private notifyFirstSeen(stored: Observation[]): void {
    if (notifyFirstSeen(stored, this.notified) && this.db) void setMeta(this.db, NOTIFIED_KEY, [...this.notified]).catch(() => undefined);
  }

  /** Forgets which flows were notified (after all data was deleted). */
  resetNotified(): void {
    this.notified.clear();
  }
}

