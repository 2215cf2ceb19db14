import { describe, expect, it, vi } from 'vitest';
import { ObservationWriter, FLUSH_DELAY_MS, type FlushResult } from '../../../../lib/store/writer';
import { getAggregate, listObservations } from '../../../../lib/store/queries';
import { annotation, freshDb, item, observation } from './helpers';

describe('ObservationWriter', () => {
  it('flushes a burst within 250 ms in one transaction', async () => {
    const db = await freshDb();
    const spy = vi.spyOn(db, 'transaction');
    const flushed: FlushResult[] = [];
    const writer = new ObservationWriter(() => db, { onFlushed: (r) => flushed.push(r) });
    for (let i = 0; i < 40; i++) writer.add(observation({ time: i }));
    expect(writer.queued).toBe(40);
    await new Promise((r) => setTimeout(r, FLUSH_DELAY_MS + 100));
    expect(flushed).toHaveLength(1);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(flushed[0]!.stored).toHaveLength(40);
    expect(flushed[0]!.stored.every((o) => typeof o.id === 'number')).toBe(true);
    expect((await getAggregate(db, 'log'))!.requests).toBe(40);
    expect((await getAggregate(db, 'tab:7'))!.requests).toBe(40);
  });

  it('encodes each observation once, when added, and stores that same record', async () => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    const obs = observation({ requestId: 'enc-1' });
    const encoded = writer.add(obs);
    expect(encoded).toMatchObject({ requestId: 'enc-1', v: 3 });
    await writer.flush();
    const [stored] = await db.getAll('observations');
    expect({ ...stored, id: undefined }).toEqual({ ...encoded, id: undefined });
  });

  it('schedules one flush, FLUSH_DELAY_MS after the first queued write', async () => {
    // fake-indexeddb runs on setImmediate, so the timer is injected rather than faked globally.
    const db = await freshDb();
    const timers: { fn: () => void; ms: number }[] = [];
    const flushed: number[] = [];
    const writer = new ObservationWriter(() => db, {
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
      onFlushed: (r) => flushed.push(r.stored.length),
    });
    writer.add(observation());
    writer.add(observation());
    expect(timers.map((t) => t.ms)).toEqual([FLUSH_DELAY_MS]);
    expect(FLUSH_DELAY_MS).toBeLessThanOrEqual(250);
    expect(flushed).toEqual([]);
    timers[0]!.fn();
    await writer.flush();
    expect(flushed).toEqual([2]);
    writer.add(observation());
    expect(timers).toHaveLength(2);
  });

  it('commits within the delay plus the transaction, measured with real time', async () => {
    const db = await freshDb();
    let committedAt = 0;
    const writer = new ObservationWriter(() => db, { onFlushed: () => (committedAt = performance.now()) });
    const start = performance.now();
    writer.add(observation());
    await new Promise((r) => setTimeout(r, FLUSH_DELAY_MS + 150));
    expect(committedAt).toBeGreaterThan(start + FLUSH_DELAY_MS - 5);
    expect(committedAt - start).toBeLessThan(FLUSH_DELAY_MS + 150);
  });

  it('updates the recording aggregate while a recording runs', async () => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    writer.add(observation({ recordingId: 3 }));
    writer.add(observation());
    await writer.flush();
    expect((await getAggregate(db, 'rec:3'))!.requests).toBe(1);
    expect((await getAggregate(db, 'log'))!.requests).toBe(2);
    const stored = await listObservations(db, { recordingId: 3 });
    expect(stored).toHaveLength(1);
  });

  it('aggregates the shared annotation in tab and log scopes when given one', async () => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    const raw = annotation({ items: [{ ...item('os-version', 'clear'), evidence: [{ where: 'body', path: 'p', value: 'RAW-10.0.22631', matchedBy: 'key' }] }] });
    writer.add(observation({ recordingId: 1, annotation: raw }), { sharedAnnotation: annotation() });
    await writer.flush();
    expect(JSON.stringify(await getAggregate(db, 'rec:1'))).toContain('RAW-10.0.22631');
    expect(JSON.stringify(await getAggregate(db, 'log'))).not.toContain('RAW-10.0.22631');
    expect(JSON.stringify(await getAggregate(db, 'tab:7'))).not.toContain('RAW-10.0.22631');
  });

  it('applies a tab reset in order with the observations around it', async () => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    writer.add(observation());
    writer.add(observation());
    writer.resetScope('tab:7');
    writer.add(observation({ annotation: annotation({ items: [item('language-settings', 'clear')] }) }));
    await writer.flush();
    const tab = (await getAggregate(db, 'tab:7'))!;
    expect(tab.requests).toBe(1);
    expect(Object.keys(tab.items)).toEqual(['language-settings']);
    expect((await getAggregate(db, 'log'))!.requests).toBe(3);
    writer.resetScope('tab:7');
    await writer.flush();
    expect(await getAggregate(db, 'tab:7')).toBeUndefined();
  });

  it('skips a rebuilt record that is already stored', async () => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    const original = observation({ requestId: 'r1' });
    writer.add(original);
    await writer.flush();
    const results: FlushResult[] = [];
    const again = new ObservationWriter(() => db, { onFlushed: (r) => results.push(r) });
    again.add(observation({ requestId: 'r1', incomplete: ['body', 'headers', 'completion'] }), { maybeStored: true });
    again.add(observation({ requestId: 'r2', incomplete: ['body', 'headers', 'completion'] }), { maybeStored: true });
    await again.flush();
    expect(results[0]!.duplicates.map((o) => o.requestId)).toEqual(['r1']);
    expect(results[0]!.stored.map((o) => o.requestId)).toEqual(['r2']);
    const log = (await getAggregate(db, 'log'))!;
    expect(log.requests).toBe(2);
    expect(log.gaps).toBe(1);
  });

  it('counts the observations of a failed flush as gaps', async () => {
    const db = await freshDb();
    const errors: number[] = [];
    const writer = new ObservationWriter(() => db, { onError: (_e, lost) => errors.push(lost.length) });
    // Two observations with the same explicit key: the second add fails and aborts the transaction.
    writer.add({ ...observation(), id: 5 });
    writer.add({ ...observation(), id: 5 });
    await writer.flush();
    expect(errors).toEqual([2]);
    expect(await listObservations(db)).toHaveLength(0);
    const log = (await getAggregate(db, 'log'))!;
    expect(log.gaps).toBe(2);
    expect(log.requests).toBe(0);
    expect((await getAggregate(db, 'tab:7'))!.gaps).toBe(2);
  });

  it('with maxDelayMs, waits for a pause in the traffic, at most maxDelayMs after the first write', async () => {
    const db = await freshDb();
    const timers: { fn: () => void; ms: number }[] = [];
    const flushed: number[] = [];
    let now = 0;
    const writer = new ObservationWriter(() => db, {
      maxDelayMs: 1_000,
      now: () => now,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
      onFlushed: (r) => flushed.push(r.stored.length),
    });
    const fire = async (at: number) => {
      now = at;
      timers.shift()!.fn();
      await new Promise((r) => setTimeout(r, 20));
    };
    writer.add(observation());
    now = 200;
    writer.add(observation());
    await fire(FLUSH_DELAY_MS);
    // Traffic went on: the writer waits until FLUSH_DELAY_MS after the latest write.
    expect(flushed).toEqual([]);
    expect(timers.map((t) => t.ms)).toEqual([200]);
    for (const at of [400, 600]) {
      now = at;
      writer.add(observation());
      await fire(at + 100);
    }
    expect(flushed).toEqual([]);
    // Traffic that never pauses is written maxDelayMs after its first record.
    now = 900;
    writer.add(observation());
    await fire(1_000);
    expect(flushed).toEqual([5]);
  });

  it('with maxDelayMs, an urgent observation, a count of gaps, a new page or a reset tab waits only the plain delay', async () => {
    for (const queue of [
      (w: ObservationWriter) => w.add(observation(), { urgent: true }),
      (w: ObservationWriter) => w.addGaps(['log'], 2, 0),
      (w: ObservationWriter) => w.addDropped(['log'], 1, 0),
      (w: ObservationWriter) => w.startPage('tab:1', { navigation: '9', origin: 'https://outlook.office.com', time: 50 }),
      (w: ObservationWriter) => w.resetScope('tab:1'),
    ]) {
      const db = await freshDb();
      const timers: (() => void)[] = [];
      let now = 0;
      const done = new Promise<FlushResult>((resolve) => {
        const writer = new ObservationWriter(() => db, { maxDelayMs: 2_000, now: () => now, setTimer: (fn) => timers.push(fn), clearTimer: () => undefined, onFlushed: resolve });
        writer.add(observation());
        now = 100;
        queue(writer);
      });
      now = FLUSH_DELAY_MS;
      timers.shift()!();
      expect(timers).toEqual([]);
      await done;
    }
  });

  it('flushes at once when the batch is full', async () => {
    const db = await freshDb();
    const sizes: number[] = [];
    const writer = new ObservationWriter(() => db, { maxBatch: 10, delayMs: 10_000, onFlushed: (r) => sizes.push(r.stored.length) });
    for (let i = 0; i < 25; i++) writer.add(observation());
    await writer.flush();
    expect(sizes).toEqual([10, 10, 5]);
  });

  describe('addLater: an observation built when its flush comes', () => {
    /** A writer whose timer the test fires by hand, on a clock it sets. */
    function manual(db: Awaited<ReturnType<typeof freshDb>>, over: Partial<ConstructorParameters<typeof ObservationWriter>[1]> = {}) {
      const timers: { fn: () => void; ms: number }[] = [];
      const flushed: FlushResult[] = [];
      const clock = { now: 0 };
      const writer = new ObservationWriter(() => db, {
        maxDelayMs: 2_000,
        now: () => clock.now,
        setTimer: (fn, ms) => timers.push({ fn, ms }),
        clearTimer: () => undefined,
        onFlushed: (r) => flushed.push(r),
        ...over,
      });
      return { writer, timers, flushed, clock };
    }

    it('builds nothing until the flush, then stores what was built, in queue order', async () => {
      const db = await freshDb();
      const { writer, flushed } = manual(db);
      const built: string[] = [];
      writer.add(observation({ requestId: 'first' }));
      writer.addLater(() => {
        built.push('later');
        return { obs: observation({ requestId: 'later', method: 'GET', type: 'script' }) };
      });
      writer.add(observation({ requestId: 'last' }));
      expect(built).toEqual([]);
      expect(writer.queued).toBe(3);
      await writer.flush();
      expect(built).toEqual(['later']);
      expect(flushed.flatMap((r) => r.stored.map((o) => o.requestId))).toEqual(['first', 'later', 'last']);
      expect((await getAggregate(db, 'tab:7'))!.requests).toBe(3);
    });

    it('counts what the builder returns as a gap or as dropped, in its scopes', async () => {
      const db = await freshDb();
      const { writer } = manual(db);
      writer.addLater(() => ({ gaps: ['log', 'tab:7'], time: 5 }));
      writer.addLater(() => ({ gaps: ['log', 'tab:7'], time: 6, counter: 'dropped' }));
      await writer.flush();
      expect(await db.count('observations')).toBe(0);
      const tab = (await getAggregate(db, 'tab:7'))!;
      expect(tab.gaps).toBe(1);
      expect(tab.dropped).toBe(1);
    });

    it('reports a builder that throws and still stores the rest', async () => {
      const db = await freshDb();
      const errors: unknown[] = [];
      const lost: number[] = [];
      const { writer, flushed } = manual(db, {
        onError: (e, l) => {
          errors.push(e);
          lost.push(l.length);
        },
      });
      writer.addLater(() => {
        throw new Error('engine failed');
      });
      writer.add(observation({ requestId: 'kept' }));
      await writer.flush();
      expect(errors.map(String)).toEqual(['Error: engine failed']);
      expect(lost).toEqual([0]);
      expect(flushed.flatMap((r) => r.stored.map((o) => o.requestId))).toEqual(['kept']);
    });

    it('a new page writes the queue up to itself at the plain delay; what came after waits for the pause', async () => {
      const db = await freshDb();
      const { writer, timers, flushed, clock } = manual(db);
      const built: string[] = [];
      const later = (id: string) => () => {
        built.push(id);
        return { obs: observation({ requestId: id, method: 'GET', type: 'script' }) };
      };
      // The previous page's last asset, the tab's new page, and the new page's assets.
      writer.addLater(later('old-page-asset'));
      clock.now = 10;
      writer.startPage('tab:7', { navigation: 'nav-2', origin: 'https://outlook.office.com', time: 10 });
      for (const [i, at] of [20, 120, 220].entries()) {
        clock.now = at;
        writer.addLater(later(`asset-${i}`));
      }
      const settle = () => new Promise((r) => setTimeout(r, 30));
      clock.now = FLUSH_DELAY_MS;
      timers.shift()!.fn();
      await settle();
      expect(built).toEqual(['old-page-asset']);
      expect(flushed).toHaveLength(1);
      expect(flushed[0]!.stored.map((o) => o.requestId)).toEqual(['old-page-asset']);
      // The new page counts only its own requests: the old page's asset went in before it started.
      expect((await getAggregate(db, 'tab:7'))!.requests).toBe(0);
      // The rest waits for a pause: FLUSH_DELAY_MS after the last asset (at 220), so 220 ms from now (250).
      expect(timers.map((t) => t.ms)).toEqual([220]);
      clock.now = 220 + FLUSH_DELAY_MS;
      timers.shift()!.fn();
      await settle();
      expect(built).toEqual(['old-page-asset', 'asset-0', 'asset-1', 'asset-2']);
      expect((await getAggregate(db, 'tab:7'))!.requests).toBe(3);
    });

    it('holds the writes while hold() says a page is loading, at most maxDelayMs after the oldest operation', async () => {
      const db = await freshDb();
      let loading = true;
      const { writer, timers, flushed, clock } = manual(db, { hold: () => loading });
      const settle = () => new Promise((r) => setTimeout(r, 30));
      const fireAt = async (at: number) => {
        clock.now = at;
        timers.shift()!.fn();
        await settle();
      };
      writer.addLater(() => ({ obs: observation({ requestId: 'asset', method: 'GET', type: 'script' }) }));
      // A pause in the traffic while the page loads: nothing is written, the writer looks again a delay later.
      await fireAt(FLUSH_DELAY_MS);
      expect(flushed).toEqual([]);
      expect(timers.map((t) => t.ms)).toEqual([FLUSH_DELAY_MS]);
      // The page has loaded: the next look writes the queue.
      loading = false;
      await fireAt(2 * FLUSH_DELAY_MS);
      expect(flushed.map((r) => r.stored.length)).toEqual([1]);
      // A page that never says it loaded holds the queue no longer than maxDelayMs.
      loading = true;
      clock.now = 1_000;
      writer.addLater(() => ({ obs: observation({ requestId: 'late', method: 'GET', type: 'image' }) }));
      let at = 1_000;
      while (timers.length && flushed.length < 2) await fireAt((at += FLUSH_DELAY_MS));
      expect(flushed.map((r) => r.stored.length)).toEqual([1, 1]);
      expect(at).toBe(3_000);
    });
  });
});
