/**
 * The popup's opening reads (entrypoints/popup/boot.ts) over fake-indexeddb and the fake browser: the tab's
 * aggregate is read from the database without waiting for the background, the tab comes from `?tab=` or the
 * active tab, and a tab with nothing recorded (or no tab) gives null rather than an error.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BACKGROUND_AFTER_MS, publishBoot, readAggregate, startBoot, takeBoot } from '../../../../entrypoints/popup/boot';
import { openTelltaleDB } from '../../../../lib/store/db';
import { telemetryTab } from '../../components/popup/fixtures';

async function storeAggregate(key: `tab:${number}`) {
  const db = await openTelltaleDB();
  const agg = telemetryTab(key);
  await db.put('aggregates', agg);
  db.close();
  return agg;
}

type Answer = (payload: unknown) => Promise<unknown>;
const pending = () => new Promise<unknown>(() => undefined);

/** The background's answers by message type; a type not given is never answered (a busy background). */
function background(answers: Record<string, Answer>) {
  return vi
    .spyOn(fakeBrowser.runtime, 'sendMessage')
    .mockImplementation(((message: { type: string; payload: unknown }) => (answers[message.type] ?? pending)(message.payload)) as never);
}
const STATE = { paused: true, recording: null, gaps: 0, pending: 0, customOrigins: [] };
const ok = (value: unknown): Answer => () => Promise.resolve({ ok: true, value });

beforeEach(() => {
  fakeBrowser.reset();
  indexedDB.deleteDatabase('telltale');
  delete (globalThis as { telltalePopupBoot?: unknown }).telltalePopupBoot;
});
afterEach(() => vi.restoreAllMocks());

describe('popup boot', () => {
  it('reads the tab aggregate while the background has not answered yet', async () => {
    const stored = await storeAggregate('tab:7');
    let answerState: ((v: unknown) => void) | undefined;
    const send = background({ 'state/get': () => new Promise((resolve) => (answerState = resolve)) });
    const boot = startBoot('?tab=7');
    expect(send).toHaveBeenCalledWith({ type: 'state/get', payload: undefined });

    const agg = await boot.aggregate;
    expect(agg?.key).toBe('tab:7');
    expect(agg?.requests).toBe(stored.requests);
    expect(agg?.items).toEqual(stored.items);
    expect(await boot.tabId).toBe(7);

    // The state arrives later and is still delivered.
    let state: unknown;
    void boot.state.then((s) => (state = s));
    answerState!({ ok: true, value: STATE });
    await boot.state;
    expect(state).toMatchObject({ paused: true });
  });

  it('takes the active tab when the page is not told which', async () => {
    await storeAggregate('tab:42');
    background({ 'state/get': () => Promise.resolve({ ok: false, error: 'not now' }) });
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 42 }] as never);
    const boot = startBoot('');
    expect(await boot.tabId).toBe(42);
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect((await boot.aggregate)?.key).toBe('tab:42');
    await expect(boot.state).rejects.toThrow('not now');
  });

  it('gives null for a tab with nothing recorded and for no tab at all', async () => {
    background({ 'state/get': ok(STATE) });
    const empty = startBoot('?tab=9');
    expect(await empty.aggregate).toBeNull();

    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([] as never);
    const none = startBoot('?tab=not-a-number');
    expect(await none.tabId).toBeNull();
    expect(await none.aggregate).toBeNull();
    expect(await readAggregate('rec:5')).toBeNull();
    expect(await none.read('rec:5')).toBeNull();
  });

  it('opens the database while the active tab is still being asked for', async () => {
    await storeAggregate('tab:42');
    background({ 'state/get': ok(STATE) });
    let answerTab: ((tabs: unknown) => void) | undefined;
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(() => new Promise((resolve) => (answerTab = resolve)) as never);
    const open = vi.spyOn(indexedDB, 'open');
    const boot = startBoot('');
    expect(open).toHaveBeenCalledWith('telltale');
    answerTab!([{ id: 42 }]);
    expect((await boot.aggregate)?.key).toBe('tab:42');
  });
});

describe('the boot script and the view', () => {
  it('the view takes the boot the first script started, with its reads already under way', async () => {
    await storeAggregate('tab:7');
    const send = background({ 'state/get': ok(STATE) });
    publishBoot('?tab=7');
    publishBoot('?tab=7');
    const boot = takeBoot('?tab=7');
    expect(takeBoot('?tab=7')).toBe(boot);
    expect((await boot.aggregate)?.key).toBe('tab:7');
    // One boot: one state request; the page's own read answered, so the background was not asked.
    expect(send.mock.calls.map(([m]) => (m as unknown as { type: string }).type)).toEqual(['state/get']);
  });

  it('starts the reads itself when the page ran no boot script', async () => {
    background({ 'state/get': ok(STATE) });
    const boot = takeBoot('?tab=3');
    expect(await boot.tabId).toBe(3);
    expect(await boot.aggregate).toBeNull();
    expect(takeBoot('?tab=3')).not.toBe(boot);
  });
});

describe('the tab aggregate, from the page or the background', () => {
  it("takes the background's answer when it comes before the page's own read", async () => {
    const stored = await storeAggregate('tab:5');
    const fromBackground = { ...stored, requests: stored.requests + 1 };
    const send = background({ 'state/get': ok(STATE), 'aggregate/get': ok(fromBackground) });
    vi.spyOn(indexedDB, 'open').mockImplementation(() => ({}) as IDBOpenDBRequest);
    const boot = startBoot('?tab=5');
    expect(await boot.aggregate).toEqual(fromBackground);
    expect(send).toHaveBeenCalledWith({ type: 'aggregate/get', payload: { key: 'tab:5' } });
  });

  /** The page's own IndexedDB open fails, as on a broken profile. */
  function failDatabaseOpen(): void {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      const req = {} as IDBOpenDBRequest & { error: DOMException };
      queueMicrotask(() => {
        req.error = new DOMException('disk gone', 'UnknownError');
        req.onerror?.(new Event('error'));
      });
      return req;
    });
  }

  it('does not ask the background when the page reads the aggregate in time', async () => {
    await storeAggregate('tab:8');
    const send = background({ 'state/get': ok(STATE), 'aggregate/get': ok(null) });
    expect((await startBoot('?tab=8').aggregate)?.key).toBe('tab:8');
    await new Promise((resolve) => setTimeout(resolve, BACKGROUND_AFTER_MS + 20));
    expect(send).not.toHaveBeenCalledWith({ type: 'aggregate/get', payload: { key: 'tab:8' } });
  });

  it('asks the background when the page cannot read', async () => {
    const stored = await storeAggregate('tab:4');
    const send = background({ 'state/get': ok(STATE), 'aggregate/get': ok(stored) });
    failDatabaseOpen();
    expect((await startBoot('?tab=4').aggregate)?.key).toBe('tab:4');
    expect(send).toHaveBeenCalledWith({ type: 'aggregate/get', payload: { key: 'tab:4' } });
  });

  it("takes the page's read when the background fails, and fails only when both do", async () => {
    await storeAggregate('tab:6');
    background({ 'state/get': ok(STATE), 'aggregate/get': () => Promise.resolve({ ok: false, error: 'asleep' }) });
    expect((await startBoot('?tab=6').aggregate)?.key).toBe('tab:6');

    failDatabaseOpen();
    await expect(startBoot('?tab=6').aggregate).rejects.toThrow(/asleep|disk gone/);
  });
});
