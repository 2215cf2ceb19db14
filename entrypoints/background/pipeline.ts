/**
 * The capture controller: webRequest phases → PhaseMerger → classify → ObservationWriter, plus the state the
 * message handlers read and change (pause, running recording, custom origins, settings).
 */
import { browser } from 'wxt/browser';
import type { BrowserProfile, CapturedRequest } from '../../lib/model';
import { PhaseMerger } from '../../lib/capture/merger';
import { PageLoads } from '../../lib/capture/page-loads';
import { finishAtHeaders } from './listeners';
import { observationOf } from '../../lib/capture/observation';
import type { RawBeforeRequest, RawCompleted, RawDetails, RawError, RawSendHeaders } from '../../lib/capture/normalize';
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
  type Deferred,
  type FlushResult,
  type Observation,
  type Recording,
  type Settings,
  type StoredObservation,
  type TelltaleDatabase,
} from '../../lib/store';
import type { CustomRules } from '../../lib/classify/rules';
import { loadRules } from '../../lib/rules-store';
import type { JournalContents, JournaledCapture } from '../../lib/store/journal';
import { createJournal } from './journal';
import { EarlyArrivals } from './early-arrivals';
import { RetentionSchedule } from './retention-schedule';
import { collectProfile } from './profile';
import { captureContext, classifiedLater, loadEngine, type CaptureContext, type Engine } from './classifier';
import { showBadge } from './badge';
import { notifyFirstSeen } from './notify';
import { ScopeTracker, markHeadersUnseen, type Prepared } from './scope';

const CHROMIUM = !import.meta.env.FIREFOX;

/** Often enough that a request restored after a restart is stored soon after RESTORED_STALE_MS. */
const EVICT_EVERY_MS = 5_000;
const NOTIFIED_KEY = 'notifiedFlows';
/**
 * Writes (and the classifying of requests without a body) wait for a pause in the traffic and for loading client
 * pages' load events, at most this long; the journal holds the requests whole meanwhile. A page's assets are
 * recorded as their headers leave, early in its load: a pause alone came mid-load, while the page still fetched
 * and ran its scripts. A record the journal does not hold whole (raw evidence, a kept body) goes at 250 ms.
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
  /** Requests journaled before init finished (early-arrivals.ts). */
  private readonly early = new EarlyArrivals(this.journal, (id) => this.merger.has(id));
  private notified = new Set<string>();
  private readonly retentionSchedule = new RetentionSchedule(async () => {
    if (this.db && this.settings) await applyRetention(this.db, this.settings);
  });
  /** Pages, the third-party cap, unseen headers and beacon witnesses (scope.ts). */
  readonly scope = new ScopeTracker();
  /** The all-sites permission is granted (third-party destinations are visible). */
  thirdPartyVisible = false;
  /** Client pages still loading: the writer holds until they have (lib/capture/page-loads.ts). */
  private readonly loads = new PageLoads(WRITE_AT_MOST_AFTER_MS);

  constructor() {
    this.writer = new ObservationWriter(() => this.database(), {
      maxDelayMs: WRITE_AT_MOST_AFTER_MS,
      hold: () => this.loads.any(),
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
    const left = this.journal.load().catch((): JournalContents => ({ starts: [], records: [], captured: [] }));
    const rules = loadRules(browser.storage.local, (e) => console.error('stored rules ignored', e)).catch(() => undefined);
    const profile = collectProfile().catch(() => ({}));
    this.engine = loadEngine();
    await state;
    // Requests a stopped worker had started: merge their later phases if they still come, else store stubs.
    // Records it had finished but not committed: stored whole, unless they were committed after all.
    const { starts, records, captured } = await left;
    this.merger.restore(starts);
    for (const rec of records) this.restoreRecord(rec);
    this.rules = (await rules)?.rules;
    this.profile = await profile;
    for (const c of captured) this.restoreCaptured(c);
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
   * Called by the listeners as each event arrives, before it waits for `ready`: until init is done, the event
   * is journaled at once (early-arrivals.ts).
   */
  noteArrival(d: RawDetails): void {
    if (!this.initialized) this.early.note(d);
  }

  /** An event Telltale does not watch (its host is reachable only by a permission it does not use). */
  skipEarly(requestId: string): void {
    this.early.skip(requestId);
  }

  // The listeners call these after `ready`, in arrival order.
  onBeforeRequest(d: RawBeforeRequest): void {
    // A tab navigates: its page so far moves to "earlier on this tab" (lib/store/pages.ts).
    const page = this.scope.pageStart(d, this.settings?.customOrigins ?? []);
    if (page) {
      // Chromium's relay says when the page has loaded (Firefox has no relay: its writes wait for a pause only).
      if (CHROMIUM) this.loads.start(d.tabId);
      this.writer.startPage(`tab:${d.tabId}`, page);
      showBadge(d.tabId, undefined);
    }
    const redirected = this.merger.onBeforeRequest(d);
    this.handle(redirected);
    this.early.settle(d.requestId, redirected);
  }
  /** `full`: the listener had every header (in Chromium, `extraHeaders`). */
  onSendHeaders(d: RawSendHeaders, full = true): void {
    const { redirected, finished, fewer } = this.merger.onSendHeaders(d, full);
    if (fewer) return this.early.settle(d.requestId, undefined);
    // The earlier leg is handled before this leg's headers are noted: it keeps its own listener's mark.
    this.handle(redirected);
    this.scope.noteHeaders(d.requestId, full, this.merger.has(d.requestId) || finished !== undefined);
    this.handle(finished);
    this.early.settle(d.requestId, finished);
  }
  onCompleted(d: RawCompleted): void {
    const finished = this.merger.onCompleted(d);
    this.handle(finished);
    this.early.settle(d.requestId, finished);
  }
  onError(d: RawError): void {
    const finished = this.merger.onError(d);
    this.handle(finished);
    this.early.settle(d.requestId, finished);
  }

  /** The client page of this tab has fired its load event. */
  pageLoaded(tabId: number): void {
    this.loads.end(tabId);
  }

  /** A tab closed (or all data was deleted): its aggregate goes. */
  resetTab(tabId: number): void {
    this.loads.end(tabId);
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
    const prepared = this.scope.prepare(c);
    if (!this.capturing || !this.engine) {
      this.journal.remove([c.requestId]);
      return;
    }
    const context = captureContext(this.engine, this.recording);
    if (classifiedLater(c, context)) {
      this.journal.captured({ captured: c, unseenHeaders: prepared.unseenHeaders });
      this.writer.addLater(() => this.observe(c, prepared, context));
      return;
    }
    const d = this.observe(c, prepared, context);
    if ('gaps' in d) return this.writer.addDropped(d.gaps, 1, d.time);
    const encoded = this.writer.add(d.obs, d.options);
    // Until it is committed, the record itself stands in the journal, so a stop cannot take it. Not a record
    // with raw evidence or a kept body: raw values stay out of storage.session, and bodies could fill it. Those
    // keep their start entry, which a restart turns into an incomplete stub.
    if (encoded && !d.options?.urgent) this.journal.finished(c.requestId, encoded);
  }

  /** A captured request classified: its observation, or a third-party request over its page's cap. */
  private observe(c: CapturedRequest, { request, mark, capPage }: Prepared, context: CaptureContext): Deferred {
    const { raw, keep } = context;
    const classified = context.engine.classify(request, { profile: this.profile, rules: this.rules, organisationOrigins: this.settings?.customOrigins, raw, keep });
    const obs = observationOf(c, mark(classified.annotation));
    if (this.scope.overThirdPartyCap(obs, capPage)) {
      this.journal.remove([c.requestId]);
      return { gaps: scopesOf(obs), time: obs.time, counter: 'dropped' };
    }
    if (context.recordingId !== undefined) obs.recordingId = context.recordingId;
    if (classified.body) obs.body = classified.body;
    return {
      obs,
      options: {
        maybeStored: c.restored,
        // Nothing but the start entry keeps it across a stop (see handle).
        urgent: raw || obs.body !== undefined,
        // The store keeps URL and header values as sent only for a recording that keeps raw evidence.
        rawEvidence: raw,
        sharedAnnotation: raw ? mark(classified.redacted) : undefined,
      },
    };
  }

  /** A request without a body a stopped worker had finished but not classified: classified at the next flush. */
  private restoreCaptured({ captured, unseenHeaders }: JournaledCapture): void {
    if (!this.engine) return;
    const c: CapturedRequest = { ...captured, restored: true };
    const prepared: Prepared = { request: c.request, mark: unseenHeaders ? markHeadersUnseen : (a) => a, unseenHeaders, capPage: this.scope.capPage(c) };
    const context = captureContext(this.engine, this.recording);
    this.writer.addLater(() => this.observe(c, prepared, context));
  }

  private afterFlush(r: FlushResult): void {
    this.journal.remove([...r.stored, ...r.duplicates].map((o) => o.requestId));
    for (const [key, agg] of r.aggregates) {
      if (key.startsWith('tab:')) showBadge(Number(key.slice(4)), agg);
    }
    if (this.settings?.notifyUndisclosed) this.notifyFirstSeen(r.stored);
    this.retentionSchedule.stored(r.stored.length);
  }

  /** Applies the passive log's retention now (at start, and when settings change). */
  retention(): Promise<void> {
    return this.retentionSchedule.run();
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

