import { describe, expect, it } from 'vitest';
import { BODY_TYPES, fullHeaderPatterns, fullHeaderRules, originKeyOf, splitTypes } from '../../../../lib/capture/listener-plan';
import { BUILTIN_RULES } from '../../../../lib/catalogue';
import { BEACON_BODY_UNSEEN, BeaconWitnesses, beaconBodyUnseen, markBeaconBody, withWitnessBody } from '../../../../lib/capture/beacon';
import { PAGE_LOADED_MESSAGE, isPageLoadedMessage, parsePageLoaded, parseWitness, WITNESS_MESSAGE } from '../../../../lib/capture/witness-message';
import { isClientOrigin } from '../../../../lib/capture/origins';
import type { Annotation, NormalizedRequest } from '../../../../lib/model';

/** Chromium 156's webRequest.ResourceType values. */
const CHROMIUM_TYPES = ['main_frame', 'sub_frame', 'stylesheet', 'script', 'image', 'font', 'object', 'xmlhttprequest', 'ping', 'csp_report', 'media', 'websocket', 'webbundle', 'other'];

describe('listener plan', () => {
  it('asks for bodies only for types that can carry one, and leaves no type out of both filters', () => {
    const { body, noBody } = splitTypes(CHROMIUM_TYPES);
    expect(body).toEqual(['main_frame', 'sub_frame', 'object', 'xmlhttprequest', 'ping', 'csp_report', 'other']);
    expect(noBody).toEqual(['stylesheet', 'script', 'image', 'font', 'media', 'websocket', 'webbundle']);
    expect([...body, ...noBody].sort()).toEqual([...CHROMIUM_TYPES].sort());
    expect(BODY_TYPES).not.toContain('script');
  });

  it('turns catalogue host rules into match patterns, never narrower than the rule', () => {
    expect(
      fullHeaderPatterns([
        { host: '*.events.data.microsoft.com', path: '/OneCollector/' },
        { host: 'dc.services.visualstudio.com', path: '/v2/track' },
        { host: '*', path: '/ucwa/oauth/v1/applications' },
        { host: 'lyncdiscover.*' },
        { host: 'dc.services.visualstudio.com' },
      ]),
    ).toEqual(['*://*.events.data.microsoft.com/*', '*://*/ucwa/oauth/v1/applications*', '*://dc.services.visualstudio.com/*']);
  });
});

describe('full headers only where a header is the data', () => {
  it('gives the help and feedback families every header, and no telemetry collector', () => {
    const rules = fullHeaderRules(BUILTIN_RULES);
    expect(new Set(rules.map((r) => r.family))).toEqual(new Set(['help', 'feedback']));
    const patterns = fullHeaderPatterns(rules);
    expect(patterns).toContain('*://support.office.com/*');
    expect(patterns).toContain('*://sas.office.microsoft.com/*');
    expect(patterns.some((p) => p.includes('events.data.microsoft.com') || p.includes('visualstudio.com'))).toBe(false);
  });

  it('decides by scheme, host and port when every pattern is host-wide, and not otherwise', () => {
    const hostWide = ['*://support.office.com/*', '*://*.ocv.microsoft.com/*'];
    expect(originKeyOf('https://support.office.com:8443/client/results?q=1', hostWide)).toBe('https://support.office.com:8443');
    expect(originKeyOf('https://support.office.com', hostWide)).toBe('https://support.office.com');
    expect(originKeyOf('https://x.example/ucwa/v1', [...hostWide, '*://*/ucwa/*'])).toBeUndefined();
  });
});

const request = (over: Partial<NormalizedRequest>): NormalizedRequest => ({ url: 'https://browser.events.data.microsoft.com/OneCollector/1.0/?probe=blob', method: 'POST', headers: [], type: 'beacon', time: 1000, ...over });
const annotation: Annotation = {
  policy: 'p',
  features: [],
  purposes: [],
  items: [],
  findings: [],
  hints: [],
  body: { format: 'none', gzip: false, truncated: false, undecodable: true, size: 0 },
};

describe('beacon bodies in Chromium', () => {
  it('knows a beacon whose body Chromium did not hand over, and only in Chromium', () => {
    expect(beaconBodyUnseen(request({}), true)).toBe(true);
    expect(beaconBodyUnseen(request({ body: { error: 'Unknown error' } }), true)).toBe(true);
    expect(beaconBodyUnseen(request({ body: { raw: new Uint8Array([123]) } }), true)).toBe(false);
    expect(beaconBodyUnseen(request({}), false)).toBe(false);
    expect(beaconBodyUnseen(request({ type: 'xmlhttprequest' }), true)).toBe(false);
  });

  it('says the body was not visible, not undecodable; and marks a body read from the page as its witness', () => {
    expect(markBeaconBody(annotation, false).body).toMatchObject({ undecodable: false, unseen: BEACON_BODY_UNSEEN });
    expect(markBeaconBody(annotation, true).body).toMatchObject({ witness: 'page', unseen: BEACON_BODY_UNSEEN });
  });

  it('matches a witness to its request by tab, URL and time, once', () => {
    const w = new BeaconWitnesses();
    const witness = { tabId: 4, url: request({}).url, body: '{"name":"x"}', mimeType: 'text/plain', time: 990 };
    w.add(witness);
    expect(w.take(5, witness.url, 1000)).toBeUndefined();
    expect(w.take(4, witness.url, 60_000)).toBeUndefined();
    expect(w.take(4, witness.url, 1000)).toBe(witness);
    expect(w.take(4, witness.url, 1000)).toBeUndefined();
    expect(withWitnessBody(request({}), witness).body).toEqual({ text: '{"name":"x"}', mimeType: 'text/plain' });
  });

  it('believes a witness message only from a content script of this extension on a client page, in its exact shape', () => {
    const msg = { type: WITNESS_MESSAGE, url: request({}).url, body: 'x', time: 5 };
    const sender = { id: 'me', url: 'https://outlook.office.com/mail/', tab: { id: 3 } };
    const client = (o: string | undefined) => isClientOrigin(o);
    expect(parseWitness(msg, sender, 'me', client)).toMatchObject({ tabId: 3, body: 'x' });
    expect(parseWitness(msg, { ...sender, id: 'other' }, 'me', client)).toBeUndefined();
    expect(parseWitness(msg, { ...sender, url: 'https://www.example.com/' }, 'me', client)).toBeUndefined();
    expect(parseWitness(msg, { id: 'me', url: sender.url }, 'me', client)).toBeUndefined();
    expect(parseWitness({ ...msg, extra: 1 }, sender, 'me', client)).toBeUndefined();
    expect(parseWitness({ ...msg, body: 'x'.repeat(70_000) }, sender, 'me', client)).toBeUndefined();
    expect(parseWitness({ ...msg, url: 'javascript:alert(1)' }, sender, 'me', client)).toBeUndefined();
  });
});

describe("the relay's page-loaded message", () => {
  it("names the tab only when the top frame of a client page of this extension's relay sends exactly it", () => {
    const msg = { type: PAGE_LOADED_MESSAGE };
    const sender = { id: 'me', url: 'https://outlook.office.com/mail/', tab: { id: 3 }, frameId: 0 };
    const client = (o: string | undefined) => isClientOrigin(o);
    expect(isPageLoadedMessage(msg)).toBe(true);
    expect(isPageLoadedMessage({ type: WITNESS_MESSAGE })).toBe(false);
    expect(parsePageLoaded(msg, sender, 'me', client)).toBe(3);
    expect(parsePageLoaded(msg, { ...sender, frameId: 2 }, 'me', client)).toBeUndefined();
    expect(parsePageLoaded(msg, { ...sender, id: 'other' }, 'me', client)).toBeUndefined();
    expect(parsePageLoaded(msg, { ...sender, url: 'https://www.example.com/' }, 'me', client)).toBeUndefined();
    expect(parsePageLoaded(msg, { id: 'me', url: sender.url, frameId: 0 }, 'me', client)).toBeUndefined();
    expect(parsePageLoaded({ ...msg, tabId: 9 }, sender, 'me', client)).toBeUndefined();
  });
});
