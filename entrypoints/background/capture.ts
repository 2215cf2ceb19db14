/**
 * The capture controller: webRequest phases → PhaseMerger → classify → ObservationWriter, plus the state the
 * message handlers read and change (pause, running recording, custom origins, settings).
 */
import { browser } from 'wxt/browser';
import { PhaseMerger, type CapturedRequest } from '@/lib/capture/merger';
import { observationOf } from '@/lib/capture/observation';
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
} from '@/lib/capture/normalize';
import {
  applyRetention,
  getMeta,
  getRunningRecording,
  getSettings,
  ObservationWriter,
  openTelltaleDB,
  setMeta,
  type FlushResult,
  type Observation,
  type Recording,
  type Settings,
  type TelltaleDatabase,
} from '@/lib/store';
import type { CustomRules } from '@/lib/classify/rules';
import type { Annotation, BrowserProfile, NormalizedRequest } from '@/lib/types';
import { originOf } from '@/lib/capture/origins';
import { BeaconWitnesses, beaconBodyUnseen, markBeaconBody, withWitnessBody, type BeaconWitness } from '@/lib/capture/beacon';
import { HEADERS_HIDDEN_WITHOUT_EXTRA } from '@/lib/capture/listener-plan';
import { MAX_THIRD_PARTY_PER_PAGE, scopesOf, type PageStart, type ScopeKey } from '@/lib/store';
import { loadRules } from '@/lib/rules-store';
import { journalAdd, journalLoad, journalRemove } from './journal';
import { collectProfile } from './profile';
import { loadEngine, type Engine } from './engine';
import { showBadge } from './badge';
import { notifyFirstSeen } from './notify';

/** Often enough that a request restored after a restart is stored soon after RESTORED_STALE_MS. */
const EVICT_EVERY_MS = 5_000;
const RETENTION_EVERY_MS = 3_600_000;
const RETENTION_EVERY_WRITES = 2_000;
const NOTIFIED_KEY = 'notifiedFlows';
const MAX_TRACKED_HEADER_IDS = 10_000;
const CHROMIUM = !import.meta.env.FIREFOX;

export class Capture {
  db?: TelltaleDatabase;
  engine?: Engine;
  profile: BrowserProfile = {};
  settings?: Settings;
  recording?: Recording;
  /** Custom rules imported on the options page (lib/rules-store), applied to every request classified. */
  rules?: CustomRules;
  readonly merger = new PhaseMerger({ onStart: (s) => this.capturing && journalAdd(s) });
  readonly writer: ObservationWriter;
  readonly ready: Promise<void>;
  /** False until init has finished (successfully or not): events are then journaled as they arrive. */
  private initialized = false;
  /** Requests journaled before init finished, until the merger has taken them over or turned them down. */
  private readonly early = new Set<string>();
  private notified = new Set<string>();
  /** Third-party records stored on the current page, per tab or worker scope (MAX_THIRD_PARTY_PER_PAGE). */
  private readonly thirdParty = new Map<ScopeKey, number>();
  /** Requests whose headers came from the cheap listener: the headers Chromium hides there are unseen. */
  private readonly headersUnseen = new Set<string>();
  /** What the page-side observer saw sendBeacon carry, waiting for the matching request. */
  readonly witnesses = new BeaconWitnesses();
  /** The all-sites permission is granted (third-party destinations are visible). */
  thirdPartyVisible = false;
  private writesSinceRetention = 0;
  private lastRetention = 0;

  constructor() {
    this.writer = new ObservationWriter(() => this.database(), {
      onFlushed: (r) => this.afterFlush(r),
      onError: (e, lost) => {
        console.error(`write failed, ${lost.length} requests counted as gaps`, e);
        journalRemove(lost.map((o) => o.requestId));
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

  private async init(): Promise<void> {
    const db = await this.database();
    this.settings = await getSettings(db);
    this.merger.setCustomOrigins(this.settings.customOrigins);
    this.recording = await getRunningRecording(db);
    this.notified = new Set((await getMeta<string[]>(db, NOTIFIED_KEY)) ?? []);
    // Requests a stopped worker had started: merge their later phases if they still come, else store stubs.
    this.merger.restore(await journalLoad().catch(() => []));
    this.rules = (await loadRules(browser.storage.local, (e) => console.error('stored rules ignored', e)).catch(() => undefined))?.rules;
    [this.profile, this.engine] = await Promise.all([collectProfile().catch(() => ({})), loadEngine()]);
    // No eviction here: the events that woke this worker are queued behind `ready` and may still complete
    // restored requests; the interval evicts what they leave.
    void this.retention();
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
    journalAdd({
      requestId: d.requestId,
      url: d.url,
      method: d.method.toUpperCase(),
      type: normalizeType(d.type),
      tabId: d.tabId,
      frameId: d.frameId,
      clientOrigin,
      time: d.timeStamp,
    });
  }

  /** An early journal entry the merger did not take (not a client page) would otherwise stay for good. */
  private settleEarly(requestId: string, finished: CapturedRequest | undefined): void {
    if (!this.early.delete(requestId)) return;
    if (!finished && !this.merger.has(requestId)) journalRemove([requestId]);
  }

  // The listeners call these after `ready`, in arrival order.
  onBeforeRequest(d: RawBeforeRequest & { documentLifecycle?: string }): void {
    // A prerendered page is not on screen yet: it does not replace the tab's page.
    if (d.type === 'main_frame' && d.tabId >= 0 && d.documentLifecycle !== 'prerender') this.startPage(d);
    const redirected = this.merger.onBeforeRequest(d);
    this.handle(redirected);
    this.settleEarly(d.requestId, redirected);
  }
  /** `full`: the listener had every header (in Chromium, `extraHeaders`). */
  onSendHeaders(d: RawSendHeaders, full = true): void {
    this.merger.onSendHeaders(d);
    if (full) this.headersUnseen.delete(d.requestId);
    else if (this.merger.has(d.requestId)) {
      if (this.headersUnseen.size >= MAX_TRACKED_HEADER_IDS) this.headersUnseen.clear();
      this.headersUnseen.add(d.requestId);
    }
    this.settleEarly(d.requestId, undefined);
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
    this.thirdParty.delete(`tab:${tabId}`);
    showBadge(tabId, undefined);
  }

  /**
   * A tab navigates: its page so far moves to "earlier on this tab" (lib/store/pages.ts), and the new page
   * remembers the client page whose link, form or window.open started the navigation, if it is not that client.
   */
  private startPage(d: RawBeforeRequest): void {
    const origin = originOf(d.url);
    if (!origin) return;
    const page: PageStart = { navigation: d.requestId, origin, time: d.timeStamp };
    const client = clientOriginOf(d, this.settings?.customOrigins ?? []);
    if (client && client !== origin) page.openedFrom = client;
    this.writer.startPage(`tab:${d.tabId}`, page);
    this.thirdParty.delete(`tab:${d.tabId}`);
    showBadge(d.tabId, undefined);
  }

  private evict(): void {
    if (!this.engine) return;
    for (const c of this.merger.evictStale()) this.handle(c);
  }

  private handle(c: CapturedRequest | undefined): void {
    if (!c) return;
    if (!this.capturing || !this.engine) {
      this.headersUnseen.delete(c.requestId);
      journalRemove([c.requestId]);
      return;
    }
    let request = c.request;
    let witness: BeaconWitness | undefined;
    const beaconUnseen = beaconBodyUnseen(request, CHROMIUM);
    if (beaconUnseen) {
      // The observer reports the call as sendBeacon is made, before the browser sends anything, so its
      // witness is normally here by the time the request completes. Records are not held back waiting for one.
      witness = this.witnesses.take(c.tabId, request.url, request.time);
      if (witness) request = withWitnessBody(request, witness);
    }
    const unseenHeaders = this.headersUnseen.delete(c.requestId);
    const mark = (a: Annotation): Annotation => {
      const marked = beaconUnseen ? markBeaconBody(a, witness !== undefined) : a;
      return unseenHeaders ? { ...marked, unseen: [...HEADERS_HIDDEN_WITHOUT_EXTRA] } : marked;
    };
    this.store(c, request, mark);
  }

  private store(c: CapturedRequest, request: NormalizedRequest, mark: (a: Annotation) => Annotation): void {
    const engine = this.engine!;
    const rec = this.recording;
    const raw = rec?.rawEvidence === true;
    // A recording keeps each request's body (redacted unless it keeps raw evidence); the passive log keeps none.
    const keep = rec ? (raw ? 'raw' : 'redacted') : undefined;
    const classified = engine.classifyKeepingBody(request, { profile: this.profile, raw, rules: this.rules }, keep);
    const annotation = mark(classified.annotation);
    const body = classified.body;
    const obs = observationOf(c, annotation);
    if (this.overThirdPartyCap(obs)) {
      this.writer.addDropped(scopesOf(obs), 1, obs.time);
      journalRemove([c.requestId]);
      return;
    }
    if (rec?.id !== undefined) obs.recordingId = rec.id;
    if (body) obs.body = body;
    this.writer.add(obs, {
      maybeStored: c.restored,
      // The store keeps URL and header values as sent only for a recording that keeps raw evidence.
      rawEvidence: raw,
      sharedAnnotation: raw ? mark(engine.classify(request, { profile: this.profile, raw: false, rules: this.rules })) : undefined,
    });
  }

  /** Counts a third-party record against its page's cap; true when the cap is already reached. */
  private overThirdPartyCap(obs: Observation): boolean {
    if (!obs.annotation.features.includes('third-party')) return false;
    const key: ScopeKey = obs.tabId >= 0 ? `tab:${obs.tabId}` : `worker:${obs.clientOrigin}`;
    const n = this.thirdParty.get(key) ?? 0;
    if (n >= MAX_THIRD_PARTY_PER_PAGE) return true;
    this.thirdParty.set(key, n + 1);
    return false;
  }

  private afterFlush(r: FlushResult): void {
    journalRemove([...r.stored, ...r.duplicates].map((o) => o.requestId));
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

