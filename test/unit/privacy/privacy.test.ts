/**
 * What the store keeps of content. Feedback text, stack traces and other content kinds are stored as kind,
 * length and a hash, identifiers masked, unless the recording was started with raw evidence. The check reads
 * every record of every store back and searches it for a marker planted in the request.
 */
import { describe, expect, it } from 'vitest';
import { ObservationWriter } from '../../../lib/store/writer';
import { deleteAllData, getSettings, listObservations, updateSettings } from '../../../lib/store/queries';
import { listRecordings, startRecording } from '../../../lib/store/recordings';
import { applyRetention } from '../../../lib/store/retention';
import { RETENTION_LIMITS } from '../../../lib/store/settings';
import type { TelltaleDatabase } from '../../../lib/store/db';
import { freshDb, observation } from '../lib/store/helpers';
import { AI_TRACK, COLLECTOR, FEEDBACK, observe, post } from '../hostile-input/hostile';

const MARKER = 'Zq7-MARKER-kalendern-laddar-aldrig-9Xv';
const USER = '3f2a9c1e-5b7d-4e8a-9c0b-1d2e3f4a5b6c';

/** Every record in every store, as one string. */
async function dump(db: TelltaleDatabase): Promise<string> {
  const stores = ['observations', 'aggregates', 'recordings', 'meta', 'settings'] as const;
  const all = await Promise.all(stores.map((s) => db.getAll(s as never)));
  return JSON.stringify(all);
}

/** Requests that carry the marker as content of several kinds (feedback, an error report, a user id). */
function contentRequests() {
  return [
    post(FEEDBACK, JSON.stringify({ feedback: `Kalendern: ${MARKER}`, Comment: MARKER, appLocale: 'sv-SE' })),
    post(AI_TRACK, JSON.stringify([{ name: 'Microsoft.ApplicationInsights.x.Exception', tags: { 'ai.device.osVersion': '10.0', 'ai.user.id': USER }, data: { baseType: 'ExceptionData', baseData: { exceptions: [{ message: `TypeError: ${MARKER}`, stack: `at ${MARKER} (a.js:1:2)` }] } } }])),
    post(COLLECTOR, JSON.stringify({ name: 'Office.Feedback', ext: { os: { ver: '10.0' }, user: { localId: USER } }, data: { UserInfo: { Id: USER }, FeedbackText: MARKER } }) + '\n', 'application/x-json-stream'),
  ];
}

async function store(raw: boolean) {
  const db = await freshDb();
  const rec = await startRecording(db, { title: 'Audit', browser: 'Chromium', extensionVersion: '0.1.0', policyId: 'lync-2012', rawEvidence: raw });
  const writer = new ObservationWriter(() => db);
  for (const r of contentRequests()) {
    const obs = observe(r, { raw, recordingId: rec.id });
    // As the background does: the tab and log scopes always get the redacted annotation.
    writer.add(obs, { sharedAnnotation: raw ? observe(r).annotation : undefined });
  }
  await writer.flush();
  return db;
}

describe('content kinds in the store', () => {
  it('finds the content it must hide (the test would pass vacuously otherwise)', () => {
    const kinds = contentRequests().flatMap((r) => observe(r).annotation.findings.map((f) => f.kind));
    expect(kinds).toEqual(expect.arrayContaining(['feedback-content', 'error-report', 'user-id']));
  });

  it('keeps no content text and no whole identifier anywhere in the database by default', async () => {
    const text = await dump(await store(false));
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(USER);
    // What is kept instead: kind, length and a hash prefix.
    expect(text).toMatch(/\[feedback-content: \d+ chars, sha256:[0-9a-f]{12}\]/);
    expect(text).toMatch(/\[error-report: \d+ chars, sha256:[0-9a-f]{12}\]/);
  });

  it('keeps the text verbatim in the recording when raw evidence is on, and only there', async () => {
    const db = await store(true);
    const text = await dump(db);
    expect(text).toContain(MARKER);
    expect(text).toContain(USER);
    // The long-lived tab and log aggregates never see raw values.
    const shared = JSON.stringify([await db.get('aggregates', 'log'), await db.get('aggregates', 'tab:7')]);
    expect(shared).not.toBe('[null,null]');
    expect(shared).not.toContain(MARKER);
    expect(shared).not.toContain(USER);
  });

  // A content kind carried in the query string (an online-help search) is stored as the annotation's preview
  // in the URL too; the parameters that carry standard computer information stay as sent.
  it('keeps no help search text typed by the user, which travels in the URL', async () => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    const url = `https://support.office.com/client/results?lcid=1053&query=${MARKER}&omkt=sv-SE`;
    const obs = observe({ ...post(COLLECTOR, ''), method: 'GET', body: undefined, url });
    expect(obs.annotation.findings.some((f) => f.evidence.some((e) => e.path === 'url:query.query'))).toBe(true);
    writer.add(obs);
    await writer.flush();
    expect(await dump(db)).not.toContain(MARKER);
    const [stored] = await listObservations(db);
    const query = new URL(stored!.url).searchParams;
    expect(query.get('lcid')).toBe('1053');
    expect(query.get('omkt')).toBe('sv-SE');
    expect(query.get('query')).toMatch(new RegExp(`^\\[help-query: ${MARKER.length} chars, sha256:[0-9a-f]{12}\\]$`));
  });

  it('keeps the search text in the URL of a recording with raw evidence, and a Referer only as its origin', async () => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    const url = `https://support.office.com/client/results?lcid=1053&query=${MARKER}`;
    const request = { ...post(COLLECTOR, ''), method: 'GET', body: undefined, url, headers: [{ name: 'Referer', value: `https://outlook.office.com/mail/search?q=${MARKER}` }] };
    writer.add(observe(request, { raw: true, recordingId: 1 }), { rawEvidence: true });
    writer.add(observe(request));
    await writer.flush();
    const [plain, raw] = await listObservations(db);
    expect(raw!.url).toBe(url);
    expect(plain!.url).not.toContain(MARKER);
    for (const o of [plain!, raw!]) expect(o.headers).toEqual([{ name: 'Referer', value: 'https://outlook.office.com' }]);
  });

  it('does not keep credentials: Cookie and Authorization values never reach the store', async () => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    const { redactHeaders } = await import('../../../lib/redact/headers');
    const headers = redactHeaders([
      { name: 'Cookie', value: `session=${MARKER}` },
      { name: 'authorization', value: `Bearer ${MARKER}` },
      { name: 'Proxy-Authorization', value: `Basic ${MARKER}` },
    ]);
    writer.add(observe({ ...post(COLLECTOR, '{}'), headers }));
    await writer.flush();
    const text = await dump(db);
    expect(text).not.toContain(MARKER);
    // The names stay: that credentials were sent is part of the record.
    const [stored] = await listObservations(db);
    expect(stored!.headers.map((h) => h.name)).toEqual(['Cookie', 'authorization', 'Proxy-Authorization']);
  });
});

describe('delete all data', () => {
  it('wipes observations, aggregates, recordings and raw evidence, keeping only the settings', async () => {
    const db = await store(true);
    await updateSettings(db, { retentionDays: 30 });
    expect(await dump(db)).toContain(MARKER);
    await deleteAllData(db);
    expect(await db.count('observations')).toBe(0);
    expect(await db.count('aggregates')).toBe(0);
    expect(await listRecordings(db)).toEqual([]);
    expect(await db.count('meta')).toBe(0);
    expect(await dump(db)).not.toContain(MARKER);
    expect((await getSettings(db)).retentionDays).toBe(30);
  });
});

describe('retention', () => {
  const DAY = 86_400_000;
  const NOW = 1_700_000_000_000;

  it('keeps the passive log within the configured age and count, oldest out first, recordings untouched', async () => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    for (let d = 0; d < 10; d++) writer.add(observation({ time: NOW - d * DAY - 1 }));
    for (let i = 0; i < 3; i++) writer.add(observation({ time: NOW - 100 * DAY, recordingId: 1 }));
    await writer.flush();
    const settings = await updateSettings(db, { retentionDays: 5, retentionMaxObservations: 100 });
    expect(await applyRetention(db, settings, NOW)).toEqual({ byAge: 5, byCount: 0 });
    const left = await db.getAll('observations');
    expect(left.filter((o) => o.recordingId === undefined).every((o) => o.time > NOW - 5 * DAY)).toBe(true);
    expect(left.filter((o) => o.recordingId === 1)).toHaveLength(3);
  });

  it('cannot be configured to keep nothing or to keep everything forever', async () => {
    const db = await freshDb();
    for (const [days, max] of [
      [0, 0],
      [-1, -5],
      [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ]) {
      const s = await updateSettings(db, { retentionDays: days, retentionMaxObservations: max });
      expect(s.retentionDays).toBeGreaterThanOrEqual(RETENTION_LIMITS.days.min);
      expect(s.retentionDays).toBeLessThanOrEqual(RETENTION_LIMITS.days.max);
      expect(s.retentionMaxObservations).toBeGreaterThanOrEqual(RETENTION_LIMITS.observations.min);
      expect(s.retentionMaxObservations).toBeLessThanOrEqual(RETENTION_LIMITS.observations.max);
    }
  });
});
