import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, openTelltaleDB, type ObservationV1 } from '../../../lib/store/db';
import { getAggregate, getSettings, listObservations } from '../../../lib/store/queries';
import { startRecording } from '../../../lib/store/recordings';
import { annotation, item } from './helpers';

function v1Observation(i: number): ObservationV1 {
  return {
    requestId: `v1-${i}`,
    time: 1_600_000_000_000 + i,
    tabId: 4,
    url: 'https://browser.events.data.microsoft.com/OneCollector/1.0/',
    method: 'POST',
    type: 'xmlhttprequest',
    status: 200,
    size: 300 + i,
    initiator: 'https://outlook.office.com',
    headers: [
      { name: 'User-Agent', value: 'Mozilla/5.0' },
      { name: 'Cookie', value: 'MUID=old-secret' },
    ],
    annotation: annotation({ items: [item('os-version', i === 2 ? 'omitted' : 'clear')] }),
  };
}

describe('schema upgrade', () => {
  it('is at version 2', () => expect(DB_VERSION).toBe(2));

  it('upgrades a version-1 database with data in it', async () => {
    const name = `upgrade-${Date.now()}`;
    const v1 = await openTelltaleDB(name, 1);
    expect([...v1.objectStoreNames].sort()).toEqual(['aggregates', 'observations', 'settings']);
    // Write through a schema-less handle, as version 1 did.
    const raw = v1 as unknown as Awaited<ReturnType<typeof openDB>>;
    for (let i = 0; i < 3; i++) await raw.add('observations', v1Observation(i));
    await raw.put('aggregates', { key: 'tab:4', requests: 3 });
    await raw.put('settings', { retentionDays: 30 }, 'settings');
    v1.close();

    const db = await openTelltaleDB(name);
    expect([...db.objectStoreNames].sort()).toEqual(['aggregates', 'meta', 'observations', 'recordings', 'settings']);
    expect([...db.transaction('observations').store.indexNames].sort()).toEqual([
      'by-recording',
      'by-request',
      'by-tab',
      'by-time',
    ]);

    const migrated = (await listObservations(db)).sort((a, b) => a.time - b.time);
    expect(migrated).toHaveLength(3);
    expect(migrated[0]).toMatchObject({ requestSize: 300, frameId: -1, clientOrigin: 'https://outlook.office.com' });
    expect(migrated[0]).not.toHaveProperty('size');
    expect(migrated[0]).not.toHaveProperty('initiator');
    expect(JSON.stringify(migrated)).not.toContain('old-secret');
    expect(migrated[0]!.headers.find((h) => h.name === 'Cookie')?.value).toBe('[redacted]');

    // v1's count-only aggregates are replaced; the log is rebuilt from the migrated observations.
    expect(await getAggregate(db, 'tab:4')).toBeUndefined();
    const log = (await getAggregate(db, 'log'))!;
    expect(log.requests).toBe(3);
    expect(log.items['os-version']!.worst).toBe('omitted');
    expect(log.undisclosedSeen).toBe(true);

    const settings = await getSettings(db);
    expect(settings.retentionDays).toBe(30);
    expect(settings.retentionMaxObservations).toBe(50_000);

    // The new stores and indexes work.
    const rec = await startRecording(db, { title: 'after upgrade', browser: 'b', extensionVersion: 'v', policyId: 'p' });
    expect(rec.id).toBeGreaterThan(0);
    expect(await db.getAllFromIndex('observations', 'by-request', 'v1-1')).toHaveLength(1);
    db.close();
  });

  it('creates version 2 directly on a fresh install', async () => {
    const db = await openTelltaleDB(`fresh-${Date.now()}`);
    expect(db.version).toBe(2);
    expect(await getAggregate(db, 'log')).toBeUndefined();
    expect((await getSettings(db)).retentionDays).toBe(7);
    db.close();
  });
});
