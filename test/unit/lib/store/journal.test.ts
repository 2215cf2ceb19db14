/**
 * The journal a stopped worker leaves for the next one (lib/store/journal.ts): batched writes, records that
 * replace their start entries, removal once committed, and loading what a previous worker left.
 */
import { describe, expect, it } from 'vitest';
import { Journal, type JournalArea } from '../../../../lib/store/journal';
import { encodeObservation } from '../../../../lib/store/codec';
import type { RequestStart } from '../../../../lib/model';
import type { CapturedRequest } from '../../../../lib/capture/captured';
import { observation } from './helpers';

/** An in-memory area that counts the calls that would cross to the browser process. */
function memoryArea() {
  const data = new Map<string, unknown>();
  const calls: string[] = [];
  const area: JournalArea = {
    async set(items) {
      calls.push(`set ${Object.keys(items).length}`);
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      calls.push(`remove ${keys.length}`);
      for (const k of keys) data.delete(k);
    },
    async get() {
      return Object.fromEntries(data);
    },
  };
  return { area, data, calls };
}

/** A journal whose batch timer the test fires by hand. */
function journalOn(area: JournalArea) {
  const timers: Array<() => void> = [];
  const journal = new Journal(() => area, { setTimer: (fn) => timers.push(fn), clearTimer: () => undefined });
  const fire = async () => {
    while (timers.length) timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { journal, fire, timers };
}

const start = (id: string, time = 1): RequestStart => ({
  requestId: id,
  url: `https://browser.events.data.microsoft.com/OneCollector/1.0/?seq=${id}`,
  method: 'POST',
  type: 'xmlhttprequest',
  tabId: 7,
  frameId: 0,
  clientOrigin: 'https://outlook.office.com',
  time,
});

/** A CDN script as the merger finishes it at its headers (no body, credential values already replaced). */
const asset = (id: string, time = 1): CapturedRequest => ({
  requestId: id,
  request: {
    url: `https://res.cdn.office.net/owamail/${id}.js`,
    method: 'GET',
    headers: [
      { name: 'User-Agent', value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/156.0.0.0' },
      { name: 'Cookie', value: '[redacted]' },
    ],
    initiator: 'https://outlook.office.com',
    type: 'script',
    time,
  },
  tabId: 7,
  frameId: 0,
  clientOrigin: 'https://outlook.office.com',
  status: -1,
  requestSize: 0,
});

describe('Journal', () => {
  it('sends the starts of a burst in one call, not one per request', async () => {
    const { area, data, calls } = memoryArea();
    const { journal, fire, timers } = journalOn(area);
    for (let i = 0; i < 50; i++) journal.start(start(String(i), i));
    expect(calls).toEqual([]);
    expect(timers).toHaveLength(1);
    await fire();
    expect(calls).toEqual(['set 50']);
    expect(data.size).toBe(50);
  });

  it('never writes a request that starts and is committed within one batch', async () => {
    const { area, calls } = memoryArea();
    const { journal, fire } = journalOn(area);
    journal.start(start('1'));
    journal.finished('1', encodeObservation(observation({ requestId: '1' })));
    journal.remove(['1']);
    await fire();
    expect(calls).toEqual([]);
  });

  it('replaces a start with its record, and removes the entry once committed', async () => {
    const { area, data, calls } = memoryArea();
    const { journal, fire } = journalOn(area);
    journal.start(start('1'));
    await fire();
    expect(Array.isArray(JSON.parse(data.get('open:1') as string))).toBe(true);
    const record = encodeObservation(observation({ requestId: '1' }));
    journal.finished('1', record);
    await fire();
    expect(JSON.parse(data.get('open:1') as string)).toEqual({ r: record });
    journal.remove(['1']);
    await fire();
    expect(data.has('open:1')).toBe(false);
    expect(calls).toEqual(['set 1', 'set 1', 'remove 1']);
  });

  it('sends new entries within the batch delay and gathers removals for longer, in one call', async () => {
    const { area, calls } = memoryArea();
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const journal = new Journal(() => area, { delayMs: 25, removeDelayMs: 1_000, setTimer: (fn, ms) => timers.push({ fn, ms }), clearTimer: () => undefined });
    const due = async (ms: number) => {
      const fired = timers.filter((x) => x.ms <= ms);
      timers.splice(0, timers.length, ...timers.filter((x) => x.ms > ms));
      for (const t of fired) t.fn();
      await new Promise((r) => setTimeout(r, 0));
    };
    for (const id of ['1', '2', '3']) journal.start(start(id));
    await due(25);
    expect(calls).toEqual(['set 3']);
    journal.remove(['1']);
    journal.start(start('4'));
    journal.remove(['2', '3']);
    expect(timers.map((t) => t.ms).sort((a, b) => a - b)).toEqual([25, 1_000]);
    await due(25);
    expect(calls).toEqual(['set 3', 'set 1']);
    journal.remove(['4']);
    expect(timers.map((t) => t.ms)).toEqual([1_000]);
    await due(1_000);
    expect(calls).toEqual(['set 3', 'set 1', 'remove 4']);
  });

  it('gives the next worker the starts and the records a stopped one left, and lets it remove them', async () => {
    const { area, data } = memoryArea();
    const first = journalOn(area);
    first.journal.start(start('b', 20));
    first.journal.start(start('a', 10));
    const record = encodeObservation(observation({ requestId: 'c', time: 5 }));
    first.journal.finished('c', record);
    await first.fire();
    data.set('other', 1);
    data.set('open:junk', JSON.stringify({ r: { requestId: 'someone else' } }));
    data.set('open:broken', '{"r":');
    // A start entry as an older worker stored it: the tuple itself.
    data.set('open:old', [...Object.values(start('old', 1)).slice(1)]);

    const next = journalOn(area);
    const left = await next.journal.load();
    expect(left.starts.map((s) => s.requestId)).toEqual(['old', 'a', 'b']);
    expect(left.starts[1]).toEqual(start('a', 10));
    expect(left.records).toEqual([record]);
    next.journal.remove(['a', 'b', 'c', 'old']);
    await next.fire();
    expect([...data.keys()].sort()).toEqual(['open:broken', 'open:junk', 'other']);
  });

  it('sends at once on flush(), and keeps working when the area refuses a write', async () => {
    const calls: string[] = [];
    const refusing: JournalArea = {
      set: async () => {
        calls.push('set');
        throw new Error('quota');
      },
      remove: async () => undefined,
      get: async () => ({}),
    };
    const { journal, timers } = journalOn(refusing);
    journal.start(start('1'));
    journal.flush();
    expect(calls).toEqual(['set']);
    await new Promise((r) => setTimeout(r, 0));
    journal.start(start('2'));
    expect(timers.length).toBeGreaterThan(0);
  });

  it('is a no-op without an area (no storage.session)', async () => {
    const journal = new Journal(() => undefined);
    journal.start(start('1'));
    journal.flush();
    expect(await journal.load()).toEqual({ starts: [], records: [], captured: [] });
  });

  it('keeps a finished request without a body whole, in place of its start, until it is removed', async () => {
    const { area, data } = memoryArea();
    const { journal, fire } = journalOn(area);
    journal.start(start('a', 2));
    await fire();
    journal.captured({ captured: asset('a', 2), unseenHeaders: true });
    journal.captured({ captured: { ...asset('b', 1), error: 'net::ERR_ABORTED', incomplete: ['completion'] }, unseenHeaders: false });
    await fire();
    expect(data.size).toBe(2);
    const next = journalOn(area).journal;
    const left = await next.load();
    expect(left.starts).toEqual([]);
    expect(left.captured).toEqual([
      { captured: { ...asset('b', 1), error: 'net::ERR_ABORTED', incomplete: ['completion'] }, unseenHeaders: false },
      { captured: asset('a', 2), unseenHeaders: true },
    ]);
    // The next worker removes what it took over once its records are committed.
    next.remove(['a', 'b']);
    next.flush();
    await new Promise((r) => setTimeout(r, 0));
    expect(data.size).toBe(0);
  });

  it('ignores a captured entry that is not whole or not its own, and keeps loading the rest', async () => {
    const { area, data } = memoryArea();
    const good = asset('ok');
    const bad: Record<string, unknown> = {
      'open:other': { q: asset('someone-else') },
      'open:body': { q: { ...asset('body'), request: { ...asset('body').request, body: { raw: [] } } } },
      'open:headers': { q: { ...asset('headers'), request: { ...asset('headers').request, headers: [{ name: 'User-Agent' }] } } },
      'open:nan': { q: { ...asset('nan'), tabId: Number.NaN } },
      'open:url': { q: { ...asset('url'), request: { ...asset('url').request, url: 42 } } },
      'open:null': { q: null },
      'open:text': '{"q":',
    };
    for (const [k, v] of Object.entries(bad)) data.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    data.set('open:ok', JSON.stringify({ q: good }));
    const left = await journalOn(area).journal.load();
    expect(left.captured).toEqual([{ captured: good, unseenHeaders: false }]);
    expect(left.starts).toEqual([]);
    expect(left.records).toEqual([]);
  });
});
