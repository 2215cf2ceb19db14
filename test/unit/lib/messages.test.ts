import { describe, expect, it } from 'vitest';
import {
  createClient,
  dispatch,
  isTrustedSender,
  MESSAGE_NAMES,
  parseMessage,
  type Handlers,
} from '../../../lib/messages';

describe('message protocol', () => {
  it('accepts well-formed messages', () => {
    expect(parseMessage({ type: 'state/get' }).ok).toBe(true);
    expect(parseMessage({ type: 'recording/start', payload: { title: 'Audit', rawEvidence: true } }).ok).toBe(true);
    expect(parseMessage({ type: 'log/pause', payload: { paused: false } }).ok).toBe(true);
    expect(parseMessage({ type: 'aggregate/get', payload: { key: 'tab:12' } }).ok).toBe(true);
    expect(parseMessage({ type: 'profile/screen', payload: { screenResolution: '1920x1080' } }).ok).toBe(true);
  });

  it.each([
    [null, 'not a message'],
    [{ type: 'nope' }, 'unknown message'],
    [{ type: 'recording/start', payload: {} }, 'missing field title'],
    [{ type: 'recording/start', payload: { title: 5 } }, 'bad field title'],
    [{ type: 'recording/start', payload: { title: 'x', admin: true } }, 'unexpected field admin'],
    [{ type: 'log/pause', payload: { paused: 'yes' } }, 'bad field paused'],
    [{ type: 'state/get', payload: { x: 1 } }, 'no payload expected'],
    [{ type: 'aggregate/get', payload: { key: 'all' } }, 'bad field key'],
    [{ type: 'recording/delete', payload: { id: 1.5 } }, 'bad field id'],
  ])('rejects %j', (message, error) => {
    const r = parseMessage(message);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(error);
  });

  it('trusts only this extension’s own pages', () => {
    const base = 'chrome-extension://abc/';
    expect(isTrustedSender({ id: 'abc', url: 'chrome-extension://abc/popup.html' }, 'abc', base)).toBe(true);
    expect(isTrustedSender({ id: 'abc', url: 'https://outlook.office.com/mail' }, 'abc', base)).toBe(false);
    expect(isTrustedSender({ id: 'other', url: 'chrome-extension://other/popup.html' }, 'abc', base)).toBe(false);
    expect(isTrustedSender({ id: 'abc' }, 'abc', base)).toBe(false);
  });

  it('round-trips through dispatch and the typed client, carrying errors', async () => {
    const handlers = Object.fromEntries(
      MESSAGE_NAMES.map((name) => [name, async () => { throw new Error(`${name} not here`); }]),
    ) as unknown as Handlers;
    handlers['log/pause'] = async ({ paused }) => ({ paused, recording: null, gaps: 0, pending: 0, customOrigins: [] });
    const send = async (m: unknown) => {
      const parsed = parseMessage(m);
      return parsed.ok ? dispatch(handlers, parsed.envelope) : { ok: false, error: parsed.error };
    };
    const request = createClient(send);
    expect((await request('log/pause', { paused: true })).paused).toBe(true);
    await expect(request('recording/stop')).rejects.toThrow('recording/stop not here');
  });
});
