/**
 * The capture controller: webRequest phases → PhaseMerger → classify → ObservationWriter, plus the state the
 * message handlers read and change (pause, running recording, custom origins, settings).
 */
import { browser } from 'wxt/browser';
import type { BrowserProfile } from '@/lib/types';
import { PhaseMerger, type CapturedRequest } from '@/lib/capture/merger';
import type { RawBeforeRequest, RawCompleted, RawError, RawSendHeaders } from '@/lib/capture/normalize';
import {
  applyRetention,
  getMeta,
  getRunningRecording,
  getSettings,
  isUndisclosed,
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
import { loadRules } from '@/lib/rules-store';
import { journalAdd, journalLoad, journalRemove } from './journal';
import { collectProfile } from './profile';
import { loadEngine, type Engine } from './engine';
import { showBadge } from './badge';

const EVICT_EVERY_MS = 15_000;
const RETENTION_EVERY_MS = 3_600_000;
const RETENTION_EVERY_WRITES = 2_000;
const NOTIFIED_KEY = 'notifiedFlows';
/** A 1×1 PNG: Chrome requires an icon for a basic notification. */
const BLANK_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

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
  private notified = new Set<string>();
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
    this.ready = this.init().catch((e) => console.error('background init failed', e));
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
    this.evict();
    void this.retention();
  }

  // The listeners call these after `ready`, in arrival order.
  onBeforeRequest(d: RawBeforeRequest): void {
    if (d.type === 'main_frame' && d.tabId >= 0) this.resetTab(d.tabId);
    this.handle(this.merger.onBeforeRequest(d));
  }
  onSendHeaders(d: RawSendHeaders): void {
    this.merger.onSendHeaders(d);
  }
  onCompleted(d: RawCompleted): void {
    this.handle(this.merger.onCompleted(d));
  }
  onError(d: RawError): void {
    this.handle(this.merger.onError(d));
  }

  /** A tab navigated to a new top-level page or closed: its aggregate starts over. */
  resetTab(tabId: number): void {
    this.writer.resetScope(`tab:${tabId}`);
    showBadge(tabId, undefined);
  }

  private evict(): void {
    if (!this.engine) return;
    for (const c of this.merger.evictStale()) this.handle(c);
  }

  private handle(c: CapturedRequest | undefined): void {
    if (!c) return;
    if (!this.capturing || !this.engine) {
      journalRemove([c.requestId]);
      return;
    }
    const rec = this.recording;
    const raw = rec?.rawEvidence === true;
    const annotation = this.engine.classify(c.request, { profile: this.profile, raw, rules: this.rules });
    const obs: Observation = {
      requestId: c.requestId,
      time: c.request.time,
      tabId: c.tabId,
      frameId: c.frameId,
      clientOrigin: c.clientOrigin,
      url: c.request.url,
      method: c.request.method,
      type: c.request.type,
      status: c.status,
      requestSize: c.requestSize,
      headers: c.request.headers,
      annotation,
    };
    if (c.error) obs.error = c.error;
    if (c.incomplete) obs.incomplete = c.incomplete;
    if (rec?.id !== undefined) obs.recordingId = rec.id;
    this.writer.add(obs, {
      maybeStored: c.restored,
      sharedAnnotation: raw ? this.engine.classify(c.request, { profile: this.profile, raw: false, rules: this.rules }) : undefined,
    });
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
    const notifications = (browser as unknown as { notifications?: typeof browser.notifications }).notifications;
    if (!notifications) return;
    let changed = false;
    for (const obs of stored) {
      const flows = [...obs.annotation.items.map((i) => ({ id: i.item, v: i.verdict })), ...obs.annotation.findings.map((f) => ({ id: f.kind, v: f.verdict }))];
      for (const flow of flows) {
        if (!isUndisclosed(flow.v)) continue;
        const key = `${flow.id}|${[...obs.annotation.features].sort().join(',')}`;
        if (this.notified.has(key)) continue;
        this.notified.add(key);
        changed = true;
        notifications
          .create({
            type: 'basic',
            iconUrl: BLANK_ICON,
            title: 'Telltale',
            message: `${flow.id} → ${obs.annotation.features.join(', ') || new URL(obs.url).host}: ${flow.v}`,
          })
          .catch(() => undefined);
      }
    }
    if (changed && this.db) void setMeta(this.db, NOTIFIED_KEY, [...this.notified]).catch(() => undefined);
  }

  /** Forgets which flows were notified (after all data was deleted). */
  resetNotified(): void {
    this.notified.clear();
  }
}

