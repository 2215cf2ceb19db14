import { describe, expect, it } from 'vitest';
import {
  bodyFrom,
  webRequestBodySize,
  clientOriginOf,
  concatRaw,
  normalizeType,
  navigationOpenerOf,
  pageOriginOf,
  toNormalizedRequest,
} from '../../../../lib/capture/normalize';
import { redactHeaders, REDACTED } from '../../../../lib/redact/headers';
import { chromeBefore, chromeHeaders, firefoxBeacon } from './details';

describe('normalizeType', () => {
  it('maps Chrome ping and Firefox beacon to beacon', () => {
    expect(normalizeType('ping')).toBe('beacon');
    expect(normalizeType('beacon')).toBe('beacon');
  });
  it('keeps known types and folds the rest into other', () => {
    expect(normalizeType('xmlhttprequest')).toBe('xmlhttprequest');
    expect(normalizeType('main_frame')).toBe('main_frame');
    expect(normalizeType('imageset')).toBe('image');
    expect(normalizeType('csp_report')).toBe('other');
  });
});

describe('client origin', () => {
  it('uses the Chrome initiator', () => {
    expect(clientOriginOf(chromeBefore())).toBe('https://outlook.office.com');
  });
  it('uses Firefox originUrl, reduced to its origin', () => {
    expect(clientOriginOf(firefoxBeacon())).toBe('https://teams.microsoft.com');
  });
  it('falls back to Firefox documentUrl', () => {
    const d = firefoxBeacon({ originUrl: undefined, documentUrl: 'https://contoso.sharepoint.com/sites/x' });
    expect(clientOriginOf(d)).toBe('https://contoso.sharepoint.com');
  });
  it('keeps the port of the demo client origin', () => {
    expect(clientOriginOf(chromeBefore({ initiator: 'https://outlook.office.com:8443' }))).toBe(
      'https://outlook.office.com:8443',
    );
  });
  it('ignores pages that are not client origins, and extension pages', () => {
    expect(clientOriginOf(chromeBefore({ initiator: 'https://www.example.com' }))).toBeUndefined();
    expect(clientOriginOf(chromeBefore({ initiator: 'chrome-extension://abc' }))).toBeUndefined();
    expect(clientOriginOf(chromeBefore({ initiator: undefined }))).toBeUndefined();
  });
  it('accepts a custom origin only when added', () => {
    const d = chromeBefore({ initiator: 'https://lyncweb.example.com' });
    expect(clientOriginOf(d)).toBeUndefined();
    expect(clientOriginOf(d, ['https://lyncweb.example.com'])).toBe('https://lyncweb.example.com');
  });
  it('gives a navigation a client page started (link, form, window.open) to that client', () => {
    // Chrome: the help link's navigation, in the same tab or a new one, names the client page as initiator.
    const help = chromeBefore({ type: 'main_frame', url: 'https://support.microsoft.com/sv-se/search?query=x', initiator: 'https://outlook.office.com', tabId: 9 });
    expect(clientOriginOf(help)).toBe('https://outlook.office.com');
    expect(navigationOpenerOf(help)).toBe('https://outlook.office.com');
    // Firefox names the page by URL.
    const ff = firefoxBeacon({ type: 'main_frame', url: 'https://go.microsoft.com/fwlink/?LinkId=1', originUrl: 'https://teams.microsoft.com/_#/calendar' });
    expect(clientOriginOf(ff)).toBe('https://teams.microsoft.com');
  });
  it('leaves a navigation no client page started to nobody', () => {
    const typed = chromeBefore({ type: 'main_frame', url: 'https://support.microsoft.com/', initiator: undefined });
    expect(clientOriginOf(typed)).toBeUndefined();
    const fromElsewhere = chromeBefore({ type: 'main_frame', url: 'https://support.microsoft.com/', initiator: 'https://www.example.com' });
    expect(clientOriginOf(fromElsewhere)).toBeUndefined();
    // Only a top-level navigation is attributed by its opener; a subresource goes by its own page.
    expect(navigationOpenerOf(chromeBefore())).toBeUndefined();
  });
  it('gives a navigation to the client page that started it even where the target looks like a client', () => {
    // support.office.com matches *.office.com, yet the help search form's navigation is the client's flow.
    const d = chromeBefore({ type: 'main_frame', url: 'https://support.office.com/client/results?query=x', initiator: 'https://outlook.office.com' });
    expect(clientOriginOf(d)).toBe('https://outlook.office.com');
    // Loaded from the address bar, a client page is its own.
    const typed = chromeBefore({ type: 'main_frame', url: 'https://teams.microsoft.com/', initiator: undefined });
    expect(clientOriginOf(typed)).toBe('https://teams.microsoft.com');
  });
  it('takes a top-level document request from its own URL', () => {
    const d = chromeBefore({ type: 'main_frame', url: 'https://outlook.office.com/mail/', initiator: undefined });
    expect(pageOriginOf(d)).toBe('https://outlook.office.com');
  });
});

describe('headers', () => {
  it('keeps Cookie and Authorization names but never their values', () => {
    const out = redactHeaders(chromeHeaders().requestHeaders!);
    expect(out.find((h) => h.name === 'Cookie')?.value).toBe(REDACTED);
    expect(out.find((h) => h.name === 'Authorization')?.value).toBe(REDACTED);
    expect(JSON.stringify(out)).not.toContain('secret');
    expect(out.find((h) => h.name === 'Accept-Language')?.value).toBe('sv-SE,sv;q=0.9');
  });
  it('redacts case-insensitively', () => {
    expect(redactHeaders([{ name: 'proxy-AUTHORIZATION', value: 'x' }])[0]!.value).toBe(REDACTED);
  });
});

describe('bodies', () => {
  it('concatenates raw chunks in order', () => {
    const body = bodyFrom(chromeBefore().requestBody);
    expect(new TextDecoder().decode(body!.raw)).toBe('{"name":"a"}\n{"name":"b"}');
    expect(webRequestBodySize(body)).toBe(25);
  });
  it('accepts typed-array chunks (Firefox gzip beacon)', () => {
    const bytes = concatRaw(firefoxBeacon().requestBody!.raw!);
    expect([...bytes]).toEqual([0x1f, 0x8b, 8, 0]);
  });
  it('keeps formData and measures it as urlencoded', () => {
    const body = bodyFrom({ formData: { q: ['a b'], lcid: ['1053'] } });
    expect(body?.formData).toEqual({ q: ['a b'], lcid: ['1053'] });
    expect(webRequestBodySize(body)).toBe('q=a+b&lcid=1053'.length);
  });
  it('passes the browser error through and flags unreadable file uploads', () => {
    expect(bodyFrom({ error: 'Unknown error.' })?.error).toBe('Unknown error.');
    expect(bodyFrom({ raw: [{ file: '/tmp/x' }] })?.error).toMatch(/file/);
    expect(bodyFrom(null)).toBeUndefined();
  });
  it('adds the Content-Type header as the body mime type', () => {
    const req = toNormalizedRequest({
      url: 'https://x.office.com/',
      method: 'post',
      type: 'beacon',
      time: 1,
      clientOrigin: 'https://outlook.office.com',
      headers: [{ name: 'content-type', value: 'text/plain' }],
      body: { raw: new Uint8Array([1]) },
    });
    expect(req.method).toBe('POST');
    expect(req.body?.mimeType).toBe('text/plain');
    expect(req.initiator).toBe('https://outlook.office.com');
  });
});
