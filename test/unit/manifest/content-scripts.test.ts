/**
 * The only content scripts: the page-side sendBeacon observer and its relay, Chromium only, on the default
 * client origins only (a wider match is a reviewed change here).
 */
import { describe, expect, it } from 'vitest';
import witness from '../../../entrypoints/beacon-witness.content';
import relay from '../../../entrypoints/beacon-relay.content';
import { CLIENT_MATCHES, beaconText } from '../../../lib/capture/beacon-observer';
import { DEFAULT_CLIENT_HOSTS } from '../../../lib/catalogue/hosts';

describe('beacon observer content scripts', () => {
  it('run on client origins only, never on all sites, and not in Firefox (which hands beacon bodies over)', () => {
    expect(CLIENT_MATCHES).toEqual(DEFAULT_CLIENT_HOSTS.map((h) => `*://${h}/*`));
    for (const script of [witness, relay]) {
      expect(script.matches).toEqual(CLIENT_MATCHES);
      expect(script.exclude).toEqual(['firefox']);
      for (const m of (script.matches as string[] | undefined) ?? []) expect(['<all_urls>', '*://*/*']).not.toContain(m);
    }
    expect(witness.world).toBe('MAIN');
    expect(relay.world).toBeUndefined();
  });

  it("reads what a page passes to sendBeacon as text, with the type the browser sends", async () => {
    expect(await beaconText('{"a":1}')).toEqual({ body: '{"a":1}', mimeType: 'text/plain;charset=UTF-8' });
    expect(await beaconText(new Blob(['{"b":2}'], { type: 'application/json' }))).toEqual({ body: '{"b":2}', mimeType: 'application/json' });
    expect(await beaconText(new TextEncoder().encode('x=1'))).toEqual({ body: 'x=1' });
    expect(await beaconText(new URLSearchParams({ q: 'a b' }))).toMatchObject({ body: 'q=a+b' });
    expect((await beaconText('y'.repeat(100_000)))!.body.length).toBe(64 * 1024);
  });
});
