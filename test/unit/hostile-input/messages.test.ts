/**
 * The background's message listener, as entrypoints/background/index.ts registers it, over a handler table of
 * spies: a message reaches a handler only from this extension's own pages and only in its documented shape.
 * Then the protocol's validator under generated input, and the real handler table's delete-all.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MESSAGE_NAMES, parseMessage, type Handlers, type MessageName } from '../../../lib/messages';

const spies = Object.fromEntries(MESSAGE_NAMES.map((n) => [n, vi.fn(async () => ({ handled: n }))])) as unknown as Record<MessageName, ReturnType<typeof vi.fn>>;

vi.mock('../../../entrypoints/background/pipeline', () => ({
  RequestPipeline: class {
    ready = Promise.resolve();
    settings = { customOrigins: [] };
    merger = { setCustomOrigins() {} };
    noteArrival() {}
    resetTab() {}
    async database() {
      return { getAllKeys: async () => [], getAll: async () => [] };
    }
  },
}));
vi.mock('../../../entrypoints/background/handlers', () => ({ createHandlers: () => spies as unknown as Handlers }));

const event = () => ({ addListener: vi.fn(), removeListener: vi.fn() });

/** One valid payload per message, so each rejection below is due to the one thing changed. */
const VALID: Record<MessageName, unknown> = {
  'state/get': undefined,
  'recording/start': { title: 'Audit', notes: 'n', rawEvidence: true },
  'recording/stop': undefined,
  'recording/list': undefined,
  'recording/update': { id: 1, title: 't' },
  'recording/delete': { id: 1 },
  'log/pause': { paused: true },
  'data/deleteAll': undefined,
  'store/flush': undefined,
  'origins/add': { origin: 'https://lyncweb.example.com' },
  'origins/remove': { origin: 'https://lyncweb.example.com' },
  'settings/get': undefined,
  'settings/set': { retentionDays: 3 },
  'aggregate/get': { key: 'tab:7' },
  'observations/list': { tabId: 7, limit: 10 },
  'profile/screen': { screenResolution: '1920x1080' },
  'rules/get': undefined,
  'rules/set': { text: '{}', fileName: 'rules.json' },
  'rules/clear': undefined,
  'import/start': { fileName: 'capture.har' },
  'import/chunk': { importId: 1, text: '{"log":' },
  'import/finish': { importId: 1 },
};

let send: (message: unknown, sender: object) => Promise<{ ok: boolean; error?: string; value?: unknown }>;
const own = (page = 'popup.html') => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(`/${page}`) });

beforeAll(async () => {
  const b = fakeBrowser as unknown as Record<string, unknown> & { runtime: Record<string, unknown> };
  b.webRequest = { onBeforeRequest: event(), onSendHeaders: event(), onCompleted: event(), onErrorOccurred: event() };
  b.permissions = { contains: async () => false, onAdded: event(), onRemoved: event() };
  b.runtime.getManifest = () => ({ manifest_version: 3, version: '0.1.0', host_permissions: ['*://*.microsoft.com/*'] });
  const background = (await import('../../../entrypoints/background/index')).default as { main(): void };
  const before = fakeBrowser.runtime.onMessage.hasListeners();
  background.main();
  expect(before).toBe(false);
  expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
  send = async (message, sender) => (await fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => undefined))[0] as never;
});

beforeEach(() => {
  for (const s of Object.values(spies)) s.mockClear();
});

const called = () => Object.entries(spies).filter(([, s]) => s.mock.calls.length > 0).map(([n]) => n);

describe('background message listener', () => {
  it.each(MESSAGE_NAMES)('%s: reaches its handler from an extension page with a valid payload', async (name) => {
    const reply = await send({ type: name, payload: VALID[name] }, own());
    expect(reply).toEqual({ ok: true, value: { handled: name } });
    expect(called()).toEqual([name]);
  });

  const foreign: Array<[string, object]> = [
    ['a web page (content script)', { id: fakeBrowser.runtime.id, url: 'https://outlook.office.com/mail/', tab: { id: 3 } }],
    ['another extension', { id: 'evil-extension', url: 'chrome-extension://evil-extension/popup.html' }],
    ['a look-alike extension URL', { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}.evil.example/popup.html` }],
    ['a sender without a URL', { id: fakeBrowser.runtime.id }],
    ['an empty sender', {}],
  ];
  it.each(foreign)('refuses every message from %s', async (_, sender) => {
    for (const name of MESSAGE_NAMES) {
      const reply = await send({ type: name, payload: VALID[name] }, sender);
      expect(reply, name).toEqual({ ok: false, error: 'sender not allowed' });
    }
    expect(called()).toEqual([]);
  });

  it('refuses each message with an extra field, a wrong type or a payload where none is expected', async () => {
    for (const name of MESSAGE_NAMES) {
      const valid = VALID[name];
      const bad: unknown[] =
        valid === undefined
          ? [{ x: 1 }, 'x', 1, [], null]
          : [{ ...(valid as object), injected: true }, 'x', [], null, 42, Object.fromEntries(Object.keys(valid as object).map((k) => [k, { toString: 'x' }]))];
      for (const payload of bad) {
        const reply = await send({ type: name, payload }, own());
        expect(reply.ok, `${name} ${JSON.stringify(payload)}`).toBe(false);
      }
    }
    expect(called()).toEqual([]);
  });

  it.each([
    ['recording/start', { title: 'x'.repeat(201) }],
    ['recording/start', { title: 't', rawEvidence: 'yes' }],
    ['recording/update', { id: '1' }],
    ['recording/delete', { id: Number.NaN }],
    ['settings/set', { retentionDays: Infinity }],
    ['settings/set', { paused: true }],
    ['settings/set', { customOrigins: ['<all_urls>'] }],
    ['aggregate/get', { key: 'tab:7; drop' }],
    ['aggregate/get', { key: '__proto__' }],
    ['observations/list', { limit: 1.5 }],
    ['profile/screen', { screenResolution: '<img src=x>' }],
    ['origins/add', { origin: 'h'.repeat(501) }],
    ['rules/set', { text: '{}' }],
  ])('refuses %s %j', async (type, payload) => {
    const reply = await send({ type, payload }, own('options.html'));
    expect(reply.ok).toBe(false);
    expect(called()).toEqual([]);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', '', 'STATE/GET'])(
    'answers an unknown message type %j with an error, without throwing',
    async (type) => {
      const reply = await send({ type, payload: undefined }, own());
      expect(reply).toMatchObject({ ok: false });
      expect(called()).toEqual([]);
    },
  );
});

describe('parseMessage under generated input', () => {
  it('never throws, and accepts only known names with their own shape (20k cases)', { timeout: 60_000 }, () => {
    const names = fc.constantFrom<string>(...MESSAGE_NAMES, '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__');
    const any = fc.anything({ maxDepth: 2, withNullPrototype: true, withBoxedValues: true });
    const message = fc.oneof(
      any,
      fc.record({ type: names, payload: any }, { requiredKeys: ['type'] }),
      fc.record({ type: names, payload: fc.dictionary(fc.constantFrom('title', 'id', 'key', 'paused', 'origin', 'text', 'fileName', 'limit', '__proto__'), any) }),
    );
    fc.assert(
      fc.property(message, (m) => {
        const r = parseMessage(m);
        if (r.ok) {
          expect(MESSAGE_NAMES).toContain(r.envelope.type);
          expect(Object.hasOwn(VALID, r.envelope.type)).toBe(true);
        } else {
          expect(typeof r.error).toBe('string');
        }
      }),
      { numRuns: 20_000 },
    );
  });
});
