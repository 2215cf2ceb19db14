/**
 * The listener registration and the hidden-headers switch, over a recording stand-in for Chromium's webRequest:
 * what is registered with `extraHeaders` and when, and which listener reports a request while the switch turns.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Registration = { event: string; listener: (d: unknown) => void; filter: { urls: string[]; types?: string[] }; options?: string[] };
const registered: Registration[] = [];

function fakeEvent(event: string) {
  return {
    addListener: (listener: Registration['listener'], filter: Registration['filter'], options?: string[]) => {
      registered.push({ event, listener, filter, options });
    },
    removeListener: (listener: Registration['listener']) => {
      const i = registered.findIndex((r) => r.event === event && r.listener === listener);
      if (i >= 0) registered.splice(i, 1);
    },
  };
}

vi.mock('wxt/browser', () => ({
  browser: {
    webRequest: {
      onBeforeRequest: fakeEvent('onBeforeRequest'),
      onSendHeaders: fakeEvent('onSendHeaders'),
      onCompleted: fakeEvent('onCompleted'),
      onErrorOccurred: fakeEvent('onErrorOccurred'),
      ResourceType: { MAIN_FRAME: 'main_frame', SCRIPT: 'script', XMLHTTPREQUEST: 'xmlhttprequest', IMAGE: 'image' },
    },
  },
}));

const { registerListeners } = await import('../../../../entrypoints/background/listeners');

const withExtra = () => registered.filter((r) => r.options?.includes('extraHeaders'));
const navigation = { url: 'https://support.office.com/sv-se/article/x', type: 'main_frame', requestId: '1' };
const telemetry = { url: 'https://browser.events.data.microsoft.com/OneCollector/1.0/', type: 'xmlhttprequest', requestId: '2' };

function setUp() {
  const reports: { id: string; full: boolean }[] = [];
  const headers = (d: unknown, full: boolean) => reports.push({ id: (d as { requestId: string }).requestId, full });
  const noop = () => undefined;
  const hidden = registerListeners(['*://*/*'], { before: noop, headers, completed: noop, error: noop });
  const cheap = registered.find((r) => r.event === 'onSendHeaders' && !r.options?.includes('extraHeaders'))!;
  return { hidden, reports, cheap };
}

beforeEach(() => {
  registered.length = 0;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.useRealTimers());

describe('listeners', () => {
  it('registers nothing with extraHeaders at start: bodies only for types that can carry one', () => {
    setUp();
    expect(withExtra()).toEqual([]);
    const before = registered.find((r) => r.event === 'onBeforeRequest')!;
    expect(before.options).toEqual(['requestBody']);
    expect(before.filter.types).toEqual(['main_frame', 'xmlhttprequest']);
  });

  it('switched on, adds the full-header listeners for navigations and for the help and feedback hosts; off, removes them', () => {
    const { hidden } = setUp();
    hidden.set(true);
    expect(withExtra().map((r) => r.filter.types ?? 'any type')).toEqual([['main_frame', 'sub_frame'], 'any type']);
    expect(withExtra()[1]!.filter.urls.some((u) => u.includes('support.office.com'))).toBe(true);
    hidden.set(true);
    expect(withExtra()).toHaveLength(2);
    hidden.set(false);
    expect(withExtra()).toEqual([]);
  });

  it('leaves a request to the full listener only once that listener has delivered and the overlap has passed', () => {
    const { hidden, reports, cheap } = setUp();
    cheap.listener(navigation);
    expect(reports).toEqual([{ id: '1', full: false }]);
    hidden.set(true);
    withExtra()[0]!.listener(navigation);
    cheap.listener(navigation);
    // Within the overlap both report: the merger keeps the full one.
    expect(reports.slice(1)).toEqual([{ id: '1', full: true }, { id: '1', full: false }]);
    hidden.set(false);
    hidden.set(true);
    vi.advanceTimersByTime(1_000);
    reports.length = 0;
    // Nothing has come through the full listener since it was added again: it may not be in force yet.
    cheap.listener(navigation);
    expect(reports).toEqual([{ id: '1', full: false }]);
    withExtra()[0]!.listener(navigation);
    expect(reports.at(-1)).toEqual({ id: '1', full: true });
    reports.length = 0;
    cheap.listener(navigation);
    cheap.listener(telemetry);
    expect(reports).toEqual([{ id: '2', full: false }]);
  });

  it('switched off, the cheap listener takes every request again at once', () => {
    const { hidden, reports, cheap } = setUp();
    hidden.set(true);
    withExtra()[0]!.listener(navigation);
    vi.advanceTimersByTime(1_000);
    hidden.set(false);
    reports.length = 0;
    cheap.listener(navigation);
    expect(reports).toEqual([{ id: '1', full: false }]);
  });
});
