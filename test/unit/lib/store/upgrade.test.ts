import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, openTelltaleDB, type ObservationV1 } from '../../../../lib/store/db';
import { getAggregate, getSettings, listObservations } from '../../../../lib/store/queries';
import { startRecording, stopRecording } from '../../../../lib/store/recordings';
import { isStoredObservation } from '../../../../lib/store/codec';
import type { Observation } from '../../../../lib/model';
import { annotation, ev, item } from './helpers';

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

const V2_TIME = 1_650_000_000_000;
const V2_URL = 'https://support.office.com/client/results?lcid=1053&query=turn+off+re';

/** An observation as version 2 stored it: every header, the URL as sent. */
function v2Observation(i: number): Observation {
  return {
    requestId: `v2-${i}`,
    time: V2_TIME + i,
    tabId: 4,
    frameId: 0,
    clientOrigin: 'https://outlook.office.com',
    url: V2_URL,
    method: 'GET',
    type: 'xmlhttprequest',
    status: 200,
    requestSize: 0,
    headers: [
      { name: 'User-Agent', value: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0' },
      { name: 'Accept-Language', value: 'sv-SE' },
      { name: 'Cookie', value: '[redacted]' },
      { name: 'Sec-Fetch-Mode', value: 'cors' },
      { name: 'Referer', value: 'https://outlook.office.com/mail/search?q=turn+off+reading' },
      { name: 'Accept', value: '*/*' },
    ],
    annotation: annotation({
      features: ['standard-computer-information', 'online-help'],
      items: [{ item: 'language-settings', verdict: 'clear', clause: 'sci-items', evidence: [ev('1053', 'url:query.lcid')] }],
      findings: [
        {
          kind: 'help-query',
          verdict: 'clear',
          clause: 'help-collects',
          evidence: [{ where: 'url', path: 'url:query.query', value: '[help-query: 9 chars, sha256:0123456789ab]', matchedBy: 'key' }],
        },
      ],
    }),
  };
}

describe('schema upgrade', () => {
  it('is at version 3', () => expect(DB_VERSION).toBe(3));

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

  it('upgrades a version-2 database with data in it to the compact form', async () => {
    const name = `upgrade-v2-${Date.now()}`;
    const v2 = await openTelltaleDB(name, 2);
    const raw = v2 as unknown as Awaited<ReturnType<typeof openDB>>;
    const audit = await startRecording(v2, { title: 'raw audit', browser: 'b', extensionVersion: 'v', policyId: 'p', rawEvidence: true });
    await stopRecording(v2);
    const plain = await startRecording(v2, { title: 'plain', browser: 'b', extensionVersion: 'v', policyId: 'p' });
    const v2Observations = [
      v2Observation(0),
      { ...v2Observation(1), recordingId: audit.id },
      { ...v2Observation(2), recordingId: plain.id, body: { text: '{"q":"[help-query: 9 chars, sha256:0123456789ab]"}', redacted: true, truncated: false } },
    ];
    for (const o of v2Observations) await raw.add('observations', o);
    await raw.put('aggregates', { key: 'tab:4', requests: 3 });
    v2.close();

    const db = await openTelltaleDB(name);
    expect(db.version).toBe(3);
    // Stored compact, in place: same keys, same indexes.
    const stored = await db.getAll('observations');
    expect(stored.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(stored.every(isStoredObservation)).toBe(true);
    const sizes = stored.map((r, i) => JSON.stringify(r).length / JSON.stringify(v2Observations[i]).length);
    expect(Math.max(...sizes)).toBeLessThan(0.6);
    expect(await db.getAllFromIndex('observations', 'by-recording', audit.id)).toHaveLength(1);
    expect(await db.getAllFromIndex('observations', 'by-tab', 4)).toHaveLength(3);
    expect(await db.getAllFromIndex('observations', 'by-request', 'v2-2')).toHaveLength(1);

    const [o2, o1, o0] = await listObservations(db);
    // The passive log and a plain recording: the search text leaves the URL; a raw-evidence recording keeps it.
    expect(o0!.url).toBe('https://support.office.com/client/results?lcid=1053&query=%5Bhelp-query%3A%209%20chars%2C%20sha256%3A0123456789ab%5D');
    expect(o2!.url).toBe(o0!.url);
    expect(o1!.url).toBe(V2_URL);
    for (const o of [o0!, o1!, o2!]) {
      expect(o.headers).toEqual([
        { name: 'User-Agent', value: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0' },
        { name: 'Accept-Language', value: 'sv-SE' },
        { name: 'Cookie', value: '[redacted]' },
        { name: 'Referer', value: 'https://outlook.office.com' },
      ]);
      expect(o.headersOmitted).toBe(2);
      // The annotation comes back unchanged.
      expect(o.annotation).toEqual(v2Observations[0]!.annotation);
    }
    expect(o2!.body).toEqual(v2Observations[2]!.body);
    expect(o0).toMatchObject({ requestId: 'v2-0', time: V2_TIME, tabId: 4, frameId: 0, clientOrigin: 'https://outlook.office.com', method: 'GET', type: 'xmlhttprequest', status: 200, requestSize: 0 });
    // Aggregates are not touched by this upgrade.
    expect(await getAggregate(db, 'tab:4')).toEqual({ key: 'tab:4', requests: 3 });
    db.close();
  });

  it('creates version 3 directly on a fresh install', async () => {
    const db = await openTelltaleDB(`fresh-${Date.now()}`);
    expect(db.version).toBe(3);
    expect(await getAggregate(db, 'log')).toBeUndefined();
    expect((await getSettings(db)).retentionDays).toBe(7);
    db.close();
  });
});
