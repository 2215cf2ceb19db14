import { describe, expect, it } from 'vitest';
import { needlesFor } from '../../../../lib/detect/index';
import { EDGE_SV, lines, request, run, signal } from './helpers';

const json = (v: unknown) => ({ text: JSON.stringify(v), mimeType: 'application/json' });
const post = (b: { text: string; mimeType: string }, url = 'https://unknown.example.com/c') => run(request(url, { body: b }), EDGE_SV);

describe('by value: this browser\'s own values anywhere', () => {
  it('finds values in fields of an unknown format', () => {
    const det = post(json({ a: { zz: 'Europe/Stockholm', q1: '1920x1080', k: ['124.0.2478.51'] } }));
    expect(lines(signal(det, 'time-zone'))).toEqual(['body.a.zz = Europe/Stockholm (value)']);
    expect(lines(signal(det, 'screen-resolution'))).toEqual(['body.a.q1 = 1920x1080 (value)']);
    expect(lines(signal(det, 'browser-version'))).toEqual(['body.a.k[0] = 124.0.2478.51 (value)']);
  });

  it('finds values inside longer strings as whole tokens', () => {
    const det = post(json({ ctx: 'tz=Europe/Stockholm;scr=1920x1080;lang=sv-SE' }));
    expect(signal(det, 'time-zone').map((e) => e.value)).toEqual(['Europe/Stockholm']);
    expect(signal(det, 'screen-resolution').map((e) => e.value)).toEqual(['1920x1080']);
    expect(signal(det, 'language').map((e) => e.value)).toEqual(['sv-SE']);
  });

  it('finds the whole UA string, which shows OS and browser versions', () => {
    const det = post(json({ meta: { ua: EDGE_SV.userAgent } }));
    expect(signal(det, 'os-version').map((e) => e.path)).toEqual(['body.meta.ua']);
    expect(signal(det, 'browser-version').map((e) => e.path)).toEqual(['body.meta.ua']);
    // The UA covers "Windows": no separate os-name evidence for the same spot.
    expect(signal(det, 'os-name')).toEqual([]);
  });

  it('finds URL-encoded values in the URL, headers and body', () => {
    const det = run(
      request('https://unknown.example.com/p?c=tz%3DEurope%252FStockholm', {
        headers: [{ name: 'X-Context', value: 'zone=Europe%2FStockholm' }],
        body: { text: 'data=' + encodeURIComponent(encodeURIComponent('res=1920x1080')), mimeType: 'application/x-www-form-urlencoded' },
      }),
      EDGE_SV,
    );
    expect(lines(signal(det, 'time-zone'))).toEqual([
      'url:query.c~urlencoded = Europe/Stockholm (value)',
      'header:x-context~urlencoded = Europe/Stockholm (value)',
    ]);
    expect(lines(signal(det, 'screen-resolution'))).toEqual(['body.data~urlencoded = 1920x1080 (value)']);
  });

  it('finds base64-encoded values, standard and URL-safe', () => {
    const blob = Buffer.from(JSON.stringify({ tz: 'Europe/Stockholm', v: '124.0.2478.51' })).toString('base64');
    const det = post(json({ payload: blob }));
    expect(lines(signal(det, 'time-zone'))).toEqual(['body.payload~base64 = Europe/Stockholm (value)']);
    expect(lines(signal(det, 'browser-version'))).toEqual(['body.payload~base64 = 124.0.2478.51 (value)']);
    const urlSafe = Buffer.from('?? screen 1920x1080 ??>>').toString('base64url');
    const q = run(request(`https://unknown.example.com/b?d=${urlSafe}`), EDGE_SV);
    expect(lines(signal(q, 'screen-resolution'))).toEqual(['url:query.d~base64 = 1920x1080 (value)']);
  });

  it('finds values in the URL path, ignoring case for language tags', () => {
    const det = run(request('https://support.microsoft.com/sv-se/office/dela-en-kalender'), EDGE_SV);
    expect(lines(signal(det, 'language'))).toEqual(['url:path = sv-se (value)']);
  });

  it('matches short values only as whole tokens in short strings', () => {
    const neg = post(json({ a: 'csv', b: 'svenska', c: 'x86_64', d: 'Tala sv med mig', e: 'en route', f: 'dela-en-kalender' }));
    expect(signal(neg, 'language')).toEqual([]);
    expect(signal(neg, 'cpu-architecture')).toEqual([]);
    const pos = post(json({ a: 'sv', b: 'lang=sv;x', c: 'x86' }));
    expect(lines(signal(pos, 'language'))).toEqual(['body.a = sv (value)', 'body.b = sv (value)']);
    expect(lines(signal(pos, 'cpu-architecture'))).toEqual(['body.c = x86 (value)']);
  });

  it('does not take a version inside a longer dotted number', () => {
    const det = post(json({ a: '3.15.0.0', b: '115.0.0', c: 'os 15.0.0' }));
    expect(lines(signal(det, 'os-version'))).toEqual(['body.c = 15.0.0 (value)']);
  });

  it('leaves a field that a key rule already shows to that rule', () => {
    const det = post(json({ ext: { loc: { tz: 'Europe/Stockholm' } } }));
    expect(lines(signal(det, 'time-zone'))).toEqual(['body.ext.loc.tz = Europe/Stockholm (key)']);
  });

  it('finds nothing by value without a profile', () => {
    const det = run(request('https://unknown.example.com/c', { body: json({ zz: 'Europe/Stockholm' }) }));
    expect(signal(det, 'time-zone')).toEqual([]);
  });

  it('prepares the needles once per profile object', () => {
    expect(needlesFor(EDGE_SV)).toBe(needlesFor(EDGE_SV));
    expect(needlesFor({ ...EDGE_SV })).not.toBe(needlesFor(EDGE_SV));
  });
});

describe('IP addresses in payloads', () => {
  it('reports IP-looking values, not versions or loopback', () => {
    const det = post(json({ client: '203.0.113.9', v6: '2001:db8::8a2e:370:7334', ver: '10.0.0.1', lo: '127.0.0.1', t: '12:30:45' }));
    expect(lines(signal(det, 'ip-address'))).toEqual([
      'connection = (sent with every connection) (value)',
      'body.client = 203.0.113.9 (value)',
      'body.v6 = 2001:db8::8a2e:370:7334 (value)',
    ]);
  });

  it('reports IP fields by name', () => {
    const det = post(json({ clientIp: '198.51.100.7', ip: 'redacted' }));
    expect(lines(signal(det, 'ip-address')).slice(1)).toEqual(['body.clientIp = 198.51.100.7 (key)']);
  });
});

describe('caps', () => {
  it('keeps evidence bounded on a body full of distinct values', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ ext: { os: { ver: `v${i}` } }, ip: `10.0.${i >> 8}.${i & 255}` }));
    const det = post(json(many));
    expect(signal(det, 'os-version').length).toBeLessThanOrEqual(16);
    expect(det.signals.length + det.contents.length).toBeLessThanOrEqual(200);
  });
});
