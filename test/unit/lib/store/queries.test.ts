import { describe, expect, it } from 'vitest';
import {
  deleteAllData,
  getAggregate,
  getMeta,
  getSettings,
  listObservations,
  setMeta,
  updateSettings,
} from '../../../../lib/store/queries';
import { startRecording, listRecordings } from '../../../../lib/store/recordings';
import { ObservationWriter } from '../../../../lib/store/writer';
import { freshDb, observation } from './helpers';

describe('queries', () => {
  it('lists observations newest first, filtered by tab, recording and time, up to a limit', async () => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    for (let i = 0; i < 6; i++) writer.add(observation({ time: 100 + i, tabId: i % 2, recordingId: i < 2 ? 1 : undefined }));
    await writer.flush();
    expect((await listObservations(db)).map((o) => o.time)).toEqual([105, 104, 103, 102, 101, 100]);
    expect((await listObservations(db, { tabId: 1 })).map((o) => o.time)).toEqual([105, 103, 101]);
    expect((await listObservations(db, { recordingId: 1 })).map((o) => o.time)).toEqual([101, 100]);
    expect((await listObservations(db, { since: 104 })).map((o) => o.time)).toEqual([105, 104]);
    expect((await listObservations(db, { tabId: 0, since: 101 })).map((o) => o.time)).toEqual([104, 102]);
    expect((await listObservations(db, { limit: 2 })).map((o) => o.time)).toEqual([105, 104]);
  });

  it('deleteAllData removes observations, aggregates, recordings and meta, and keeps settings', async () => {
    const db = await freshDb();
    await updateSettings(db, { retentionDays: 3, customOrigins: ['https://lyncweb.example.com'] });
    const rec = await startRecording(db, { title: 't', browser: 'b', extensionVersion: 'v', policyId: 'p' });
    const writer = new ObservationWriter(() => db);
    writer.add(observation({ recordingId: rec.id }));
    await writer.flush();
    await setMeta(db, 'notifiedFlows', ['x']);
    await deleteAllData(db);
    expect(await listObservations(db)).toEqual([]);
    expect(await getAggregate(db, 'log')).toBeUndefined();
    expect(await listRecordings(db)).toEqual([]);
    expect(await getMeta(db, 'notifiedFlows')).toBeUndefined();
    expect(await getSettings(db)).toMatchObject({ retentionDays: 3, customOrigins: ['https://lyncweb.example.com'] });
  });

  it('sanitizes settings: defaults, clamped limits, deduplicated origins', async () => {
    const db = await freshDb();
    expect(await getSettings(db)).toEqual({
      retentionDays: 7,
      retentionMaxObservations: 50_000,
      paused: false,
      customOrigins: [],
      notifyUndisclosed: false,
      hiddenHeaders: false,
    });
    const s = await updateSettings(db, {
      retentionDays: 0,
      retentionMaxObservations: 1e12,
      customOrigins: ['https://a.example.com', 'https://a.example.com'],
    });
    expect(s).toMatchObject({ retentionDays: 1, retentionMaxObservations: 1_000_000, customOrigins: ['https://a.example.com'] });
    expect((await updateSettings(db, { paused: true })).retentionDays).toBe(1);
    // Only `true` turns the hidden headers on: a hostile or mistyped value leaves them off.
    expect((await updateSettings(db, { hiddenHeaders: 'yes' as never })).hiddenHeaders).toBe(false);
    expect((await updateSettings(db, { hiddenHeaders: true })).hiddenHeaders).toBe(true);
  });
});
