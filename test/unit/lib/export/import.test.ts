import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openTelltaleDB, type TelltaleDatabase } from '../../../../lib/store/db';
import { startRecording, stopRecording } from '../../../../lib/store/recordings';
import { decodeObservation } from '../../../../lib/store/codec';
import { importHar, HarError } from '../../../../lib/export/import';
import { buildHar } from '../../../../lib/export/har';
import { serializeJson } from '../../../../lib/export/manifest';
import { classify } from '../../../../lib/classify/index';
import { context, observations } from './helpers';

let n = 0;
const freshDb = () => openTelltaleDB(`export-import-${Date.now()}-${n++}`);

const options = (fileName: string) => ({
  classify: (r: Parameters<typeof classify>[0]) => classify(r),
  fileName,
  extensionVersion: '0.1.0',
  policyId: 'lync-2012',
  now: Date.UTC(2024, 0, 1),
});

async function snapshot(db: TelltaleDatabase) {
  return {
    observations: await db.getAll('observations'),
    aggregates: await db.getAll('aggregates'),
    recordings: await db.getAll('recordings'),
  };
}

/** A store with one finished recording and one passive-log observation, so "unchanged" means something. */
async function seeded(): Promise<TelltaleDatabase> {
  const db = await freshDb();
  const rec = await startRecording(db, { title: 'earlier', browser: 'Chromium', extensionVersion: '0.1.0', policyId: 'lync-2012' });
  await stopRecording(db);
  const { id: _id, ...o } = observations(1)[0]!;
  await db.add('observations', { ...o, recordingId: rec.id });
  return db;
}

const validHar = serializeJson(buildHar(observations(7), context()));

const MALFORMED: Array<[string, string]> = [
  ['not JSON', 'this is not a HAR file'],
  ['truncated', validHar.slice(0, Math.floor(validHar.length * 0.7))],
  ['no entries', '{"log":{"version":"1.2","creator":{"name":"x","version":"1"}}}'],
  ['an entry without a URL after good ones', validHar.replace(/"url": "https:\/\/dc\.services[^"]*"/, '"url": ""')],
  ['an entry that is not an object', '{"log":{"entries":[{"request":{"url":"https://a.microsoft.com/"}}, 42]}}'],
];

describe('HAR import', () => {
  it.each(MALFORMED)('rejects a malformed file (%s) with a HarError and changes nothing stored', async (_name, text) => {
    const db = await seeded();
    const before = await snapshot(db);
    const error = await importHar(db, text, options('bad.har')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarError);
    expect((error as Error).message.length).toBeGreaterThan(10);
    expect(await snapshot(db)).toEqual(before);
    db.close();
  });

  it('stores a whole file as a new recording titled by the file name, annotated by the engine', async () => {
    const db = await seeded();
    const { recording, count } = await importHar(db, validHar, options('outlook.har'));
    expect(count).toBe(7);
    expect(recording.title).toBe('outlook.har');
    expect(recording.browser).toMatch(/Chromium 156/);
    const stored = (await db.getAll('observations')).map(decodeObservation).filter((o) => o.recordingId === recording.id);
    expect(stored).toHaveLength(7);
    const aggregate = await db.get('aggregates', `rec:${recording.id!}`);
    expect(aggregate?.requests).toBe(7);
    // Imported requests are not the passive log.
    expect(await db.get('aggregates', 'log')).toBeUndefined();
    // Same engine: annotation equals classify() of the request as the HAR reader gives it.
    expect(stored.every((o) => o.annotation.policy === 'lync-2012' && o.annotation.items.length > 0)).toBe(true);
    db.close();
  });

  it('reads Chrome DevTools style entries (no _telltale) and keeps Cookie values out', async () => {
    const db = await freshDb();
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [{ id: 'page_1', title: 'https://outlook.office.com/mail/', startedDateTime: '2024-05-02T09:30:00Z', pageTimings: {} }],
        entries: [
          {
            pageref: 'page_1',
            _resourceType: 'ping',
            startedDateTime: '2024-05-02T09:30:01.000Z',
            request: {
              method: 'POST',
              url: 'https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true',
              headers: [
                { name: 'Cookie', value: 'session=secret' },
                { name: 'User-Agent', value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0.0.0' },
              ],
              postData: { mimeType: 'application/x-json-stream', text: '{"name":"x","ext":{"os":{"ver":"10.0"}}}' },
            },
            response: { status: 204 },
          },
        ],
      },
    };
    const { recording } = await importHar(db, JSON.stringify(har), options('devtools.har'));
    const [o] = (await db.getAll('observations')).map(decodeObservation);
    expect(recording.browser).toBe('WebInspector 537.36');
    expect(o!.type).toBe('beacon');
    expect(o!.status).toBe(204);
    expect(o!.clientOrigin).toBe('https://outlook.office.com');
    expect(o!.headers.find((h) => h.name === 'Cookie')!.value).not.toContain('secret');
    expect(o!.annotation.items.map((i) => i.item)).toContain('os-version');
    db.close();
  });

  it('reads a file given in chunks cut anywhere', async () => {
    const db = await freshDb();
    const chunks = validHar.match(/[\s\S]{1,97}/g)!;
    const { count } = await importHar(db, chunks, options('chunked.har'));
    expect(count).toBe(7);
    db.close();
  });
  it('marks the recording as an import of its file, notes left to the user', async () => {
    const db = await freshDb();
    const { recording } = await importHar(db, validHar, options('teams.har'));
    expect(recording.importedFrom).toBe('teams.har');
    expect(recording.notes).toBe('');
    expect((await db.get('recordings', recording.id!))?.importedFrom).toBe('teams.har');
    db.close();
  });

  it('lets the event loop run between slices and reports progress as it reads', async () => {
    const db = await freshDb();
    // A clock that advances 30 ms per reading: with 50 ms slices the import must yield every other entry.
    let now = 0;
    const clock = () => (now += 30);
    let timersRun = 0;
    let ticking = true;
    const tick = () => {
      if (!ticking) return;
      timersRun++;
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const progress: Array<{ chars: number; entries: number }> = [];
    const timersAtProgress: number[] = [];
    const chunks = [validHar.slice(0, 5000), validHar.slice(5000, 12000), validHar.slice(12000)];
    const { count } = await importHar(db, chunks, { ...options('slow.har'), clock, sliceMs: 50, onProgress: (p) => (progress.push(p), timersAtProgress.push(timersRun)) });
    ticking = false;
    expect(count).toBe(7);
    // Timers ran while the file was being annotated (between progress reports), not only after it.
    expect(new Set(timersAtProgress).size).toBeGreaterThanOrEqual(3);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.chars).toBeGreaterThanOrEqual(progress[i - 1]!.chars);
      expect(progress[i]!.entries).toBeGreaterThanOrEqual(progress[i - 1]!.entries);
    }
    expect(progress.at(-1)).toEqual({ chars: validHar.length, entries: 7 });
    db.close();
  });
});
