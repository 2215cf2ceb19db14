import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readHar } from '../../../../lib/har/read';
import { HarError } from '../../../../lib/har/errors';

const fixture = (name: string) => readFileSync(`test/fixtures/har/${name}`, 'utf8');

describe('readHar: Chrome DevTools', () => {
  const requests = readHar(fixture('chrome-devtools.har'));

  it('reads every entry in order', () => {
    expect(requests.map((r) => r.method)).toEqual(['POST', 'GET', 'GET']);
    expect(requests[0]!.url).toContain('OneCollector');
  });

  it('maps _resourceType, drops HTTP/2 pseudo-headers, takes the page URL as initiator', () => {
    const [collector, help, pixel] = requests;
    expect(collector!.type).toBe('fetch');
    expect(help!.type).toBe('main_frame');
    expect(pixel!.type).toBe('image');
    expect(collector!.headers.some((h) => h.name.startsWith(':'))).toBe(false);
    expect(collector!.headers.find((h) => h.name === 'user-agent')?.value).toMatch(/^Mozilla/);
    expect(collector!.initiator).toBe('https://teams.microsoft.com/v2/');
    expect(collector!.time).toBe(Date.parse('2024-05-02T09:15:00.512Z'));
  });

  it('keeps postData text and mime type', () => {
    expect(requests[0]!.body?.mimeType).toBe('application/x-json-stream');
    expect(requests[0]!.body?.text?.split('\n')).toHaveLength(2);
    expect(requests[1]!.body).toBeUndefined();
  });
});

describe('readHar: Firefox DevTools', () => {
  const requests = readHar(fixture('firefox-devtools.har'));
  it('falls back to the Origin header when the page title is not a URL', () => {
    expect(requests[0]!.initiator).toBe('https://lync.contoso.com');
    expect(requests[0]!.type).toBe('other');
  });
  it('prefers postData text over params', () => {
    expect(requests[1]!.body?.text).toBe('comment=Ljudet+hackar+i+m%C3%B6tet&lcid=1053');
    expect(requests[1]!.body?.formData).toBeUndefined();
  });
});

describe('readHar: Playwright recordHar', () => {
  const requests = readHar(fixture('playwright-recordhar.har'));
  it('reads entries without Chrome custom fields; Referer is the initiator', () => {
    expect(requests).toHaveLength(2);
    expect(requests[0]!.initiator).toBe('https://outlook.office.com/mail/');
    expect(requests[1]!.initiator).toBeUndefined();
    expect(requests[1]!.body?.text).toContain('languageId');
  });
});

describe("readHar: Telltale's own export", () => {
  it('reads _telltale type and initiator, and base64 bodies as bytes', () => {
    const [r] = readHar(fixture('telltale-export.har'));
    expect(r!.type).toBe('beacon');
    expect(r!.initiator).toBe('https://teams.microsoft.com');
    const raw = r!.body?.raw;
    expect(raw?.[0]).toBe(0x1f);
    expect(gunzipSync(raw!).toString('utf8')).toContain('Microsoft.Teams.PageView');
  });
});

describe('readHar: tolerance and errors', () => {
  it('needs only request.url', () => {
    const [r] = readHar({ log: { entries: [{ request: { url: 'https://a.example/' } }] } });
    expect(r).toEqual({ url: 'https://a.example/', method: 'GET', headers: [], type: 'other', time: 0 });
  });

  it('turns postData.params into form data when there is no text', () => {
    const [r] = readHar({ log: { entries: [{ request: { url: 'https://a/', method: 'post', postData: { params: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] } } }] } });
    expect(r!.method).toBe('POST');
    expect({ ...r!.body?.formData }).toEqual({ a: ['1', '2'] });
  });

  it.each([
    ['not JSON', '{"log": {', /invalid JSON at line 1/],
    ['a truncated file', fixture('malformed-truncated.har'), /invalid JSON/],
    ['no entries', fixture('malformed-no-entries.har'), /log\.entries/],
    ['no log', '{"foo": 1}', /"log" object is missing/],
    ['an array', '[]', /top level/],
    ['an entry without URL', '{"log":{"entries":[{"request":{}}]}}', /entry 0: request\.url is missing/],
    ['an entry that is not an object', '{"log":{"entries":[{"request":{"url":"https://a/"}}, 3]}}', /entry 1: not an object/],
  ])('throws HarError for %s', (_, text, message) => {
    expect(() => readHar(text)).toThrow(HarError);
    expect(() => readHar(text)).toThrow(message);
  });
});
