/**
 * classify and the policy agree on item verdicts (one rule, in lib/policy), a body the browser did not hand over
 * is undecodable, a 1DS beacon's content type comes from its query string, and remembered header and URL scans
 * give what fresh scans give.
 */
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { classify } from '../../../../lib/classify/index';
import { loadPolicy } from '../../../../lib/policy/load';
import { itemVerdict } from '../../../../lib/policy/lookup';
import type { BrowserProfile, NormalizedRequest } from '../../../../lib/model';
import { ndjson, ONECOLLECTOR, pageView, request } from './helpers';

const policy = loadPolicy();
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

describe('item verdicts come from the policy', () => {
  const cases: Array<[string, NormalizedRequest]> = [
    ['named only', request(ONECOLLECTOR, { text: ndjson(pageView), mimeType: 'application/x-json-stream' })],
    ['a broad signal beside named ones', request(ONECOLLECTOR, {
      text: ndjson({ ...pageView, ext: { ...pageView.ext, device: { model: 'Surface Pro 9' }, web: { screenRes: '1920x1080' } }, data: { tz: 1 } }),
      mimeType: 'application/x-json-stream',
    })],
    ['help query with market and time zone', request('https://support.office.com/client/results?lcid=1053&omkt=sv-SE', {
      text: JSON.stringify({ ext: { loc: { tz: 'Europe/Stockholm' }, app: { locale: 'sv-SE' } } }),
    })],
  ];

  it.each(cases)('%s: every flow has the verdict itemVerdict gives for its signals, worst over the features', (_name, req) => {
    const a = classify(req);
    expect(a.items.length).toBeGreaterThan(0);
    for (const flow of a.items) {
      const signals = [...new Set(flow.evidence.map((e) => e.signal!))];
      const verdicts = a.features.map((f) => itemVerdict(policy, flow.item, f, signals));
      const order = ['clear', 'vague', 'omitted', 'incorrect'];
      const worst = verdicts.reduce((w, v) => (order.indexOf(v.verdict) > order.indexOf(w.verdict) ? v : w));
      expect({ verdict: flow.verdict, clause: flow.clause }, flow.item).toEqual(worst);
    }
  });

  it('one broad signal makes the whole flow vague even beside a named one', () => {
    const a = classify(cases[1]![1]);
    const hw = a.items.find((i) => i.item === 'hardware-id');
    expect(hw?.evidence.map((e) => e.signal).sort()).toEqual(['device-model', 'screen-resolution']);
    expect(hw?.verdict).toBe('vague');
  });
});

describe('bodies', () => {
  it('a body webRequest could not read (sendBeacon in Chrome) is undecodable, not absent', () => {
    const lost = classify({ ...request(ONECOLLECTOR), method: 'POST', type: 'beacon', body: { error: 'Unknown error.' } });
    expect(lost.body).toMatchObject({ format: 'none', undecodable: true });
    expect(classify({ ...request(ONECOLLECTOR), method: 'POST' }).body).toMatchObject({ format: 'none', undecodable: false });
  });

  it('takes the content type from a 1DS query string when no header gave one: a one-event gzip batch is NDJSON', () => {
    const raw = gzipSync(new TextEncoder().encode(JSON.stringify(pageView)));
    const beacon = { ...request(ONECOLLECTOR), method: 'POST', type: 'beacon' as const, body: { raw } };
    const a = classify(beacon);
    expect(a.body).toMatchObject({ format: 'ndjson', gzip: true, undecodable: false });
    expect(a.items.find((i) => i.item === 'os-version')?.evidence.map((e) => e.path)).toContain('body[0].ext.os.ver');
    // Without the query parameter the same bytes are one JSON document.
    const plain = classify({ ...beacon, url: 'https://browser.events.data.microsoft.com/OneCollector/1.0/' });
    expect(plain.body.format).toBe('json');
    // A Content-Type header, when there is one, still decides.
    expect(classify({ ...beacon, body: { raw, mimeType: 'application/json' } }).body.format).toBe('json');
  });
});

describe('remembered scans of recurring headers and URLs', () => {
  const profile: BrowserProfile = { userAgent: UA, osName: 'Windows', browserVersion: '126.0.6478.127', languages: ['sv-SE', 'sv'], timeZone: 'Europe/Stockholm', screenResolution: '1920x1080' };
  const headers = [
    { name: 'User-Agent', value: UA },
    { name: 'Accept-Language', value: 'sv-SE,sv;q=0.9' },
    { name: 'X-Client-Context', value: btoa('tz=Europe/Stockholm;res=1920x1080') },
    { name: 'Referer', value: 'https://teams.microsoft.com/sv-se/?tz=Europe%2FStockholm' },
  ];
  const url = 'https://tracker.example.org/p.gif?lang=sv-SE&tz=Europe%2FStockholm&ip=10.20.30.40';

  it('gives the same annotation on every repeat, for fresh request objects', () => {
    const make = (): NormalizedRequest => ({ url: `${url}`, method: 'GET', headers: headers.map((h) => ({ ...h })), type: 'image', time: 0 });
    const first = classify(make(), { profile });
    expect(first.items.map((i) => i.item)).toEqual(expect.arrayContaining(['regional-settings', 'hardware-id', 'language-settings']));
    for (let i = 0; i < 3; i++) expect(classify(make(), { profile })).toEqual(first);
  });

  it('depends on the profile: another profile finds its own values in the same headers', () => {
    const req: NormalizedRequest = { url, method: 'GET', headers, type: 'image', time: 0 };
    const withZone = classify(req, { profile });
    const other = classify(req, { profile: { ...profile, timeZone: 'America/Chicago', screenResolution: '800x600' } });
    const paths = (a: typeof withZone) => a.items.flatMap((i) => i.evidence.filter((e) => e.where === 'header').map((e) => `${e.signal} ${e.path}`));
    expect(paths(withZone)).toContain('time-zone header:x-client-context~base64');
    expect(paths(other)).not.toContain('time-zone header:x-client-context~base64');
    expect(classify(req, { profile })).toEqual(withZone);
  });

  it('keeps the evidence order of the headers as sent', () => {
    const forward = classify({ url, method: 'GET', headers, type: 'image', time: 0 }, { profile });
    const backward = classify({ url, method: 'GET', headers: [...headers].reverse(), type: 'image', time: 0 }, { profile });
    const order = (a: typeof forward) => a.items.flatMap((i) => i.evidence.map((e) => e.path)).filter((p) => p.startsWith('header:'));
    expect(order(backward)).toEqual(expect.arrayContaining(order(forward)));
    const lang = (a: typeof forward) => a.items.find((i) => i.item === 'language-settings')!.evidence.map((e) => e.path);
    expect(lang(forward).indexOf('header:accept-language')).toBeLessThan(lang(forward).indexOf('header:referer'));
    expect(lang(backward).indexOf('header:referer')).toBeLessThan(lang(backward).indexOf('header:accept-language'));
  });
});

describe('repeated body values', () => {
  const profile: BrowserProfile = { osName: 'Windows', timeZone: 'Europe/Stockholm' };

  it('a value first met under a known key is still found by value elsewhere in the batch', () => {
    const body = ndjson(
      { name: 'A', ext: { os: { name: 'Windows' } }, data: { tz: 'UTC', note: '10.1.2.3' } },
      { name: 'B', data: { platform: 'Windows', zone: 'Europe/Stockholm', peer: '10.1.2.3' } },
    );
    const a = classify(request(ONECOLLECTOR, { text: body, mimeType: 'application/x-json-stream' }), { profile, raw: true });
    // The OS name alone is a hint (no version left); the evidence is the same.
    const paths = [...a.items, ...a.hints].flatMap((i) => i.evidence.map((e) => `${e.signal} ${e.matchedBy} ${e.path}`));
    expect(paths).toEqual(expect.arrayContaining([
      'os-name key body[0].ext.os.name',
      'os-name value body[1].data.platform',
      'time-zone value body[1].data.zone',
      'ip-address value body[0].data.note',
    ]));
    expect(a.items.map((i) => i.item)).not.toContain('os-version');
    expect(a.hints.map((h) => h.signal)).toEqual(['os-name']);
  });
});
