import { describe, expect, it } from 'vitest';
import { isPlaceholder, looksLikeLanguage, looksLikeToken, shapeSignal } from '../../../../lib/detect/shapes';
import { sdpClientAddresses } from '../../../../lib/detect/sdp';
import { body, kind, lines, request, run, signal } from './helpers';

describe('value shapes', () => {
  it('takes the placeholders SDKs write for "no value" as nothing', () => {
    for (const v of ['', '0', '-1', 'null', 'unknown', 'Unknown', '0x0', 'N/A', 0, -1, null, undefined]) {
      expect(isPlaceholder(v), String(v)).toBe(true);
    }
    expect(isPlaceholder('10')).toBe(false);
    expect(isPlaceholder(1053)).toBe(false);
  });

  it('reads an OS version field for what it holds', () => {
    for (const v of ['10.0', 'NT 10.0', 'Windows11', 'WINDOWS11', '10_15_7', 'Windows 10 Pro 10.0.19045']) {
      expect(shapeSignal('os-version', v), v).toBe('os-version');
    }
    expect(shapeSignal('os-version', 'x86_64')).toBe('cpu-architecture');
    expect(shapeSignal('os-version', 'Linux')).toBe('os-name');
    expect(shapeSignal('os-version', 'Linux x86_64')).toBe('os-name');
    expect(shapeSignal('os-version', 'Win32')).toBe('os-name');
    expect(shapeSignal('os-version', 'unknown')).toBeUndefined();
  });

  it('takes a browser version without digits for the browser name', () => {
    expect(shapeSignal('browser-version', '124.0.2478.51')).toBe('browser-version');
    expect(shapeSignal('browser-version', 'Chrome')).toBe('browser-name');
  });

  it('knows languages as tags, LCIDs and Windows codes', () => {
    for (const v of ['sv', 'sv-SE', 'SVE', '1053', '0x41d', '041D', 1053, "'sv-SE'"]) expect(looksLikeLanguage(v), String(v)).toBe(true);
    for (const v of ['0', '12', 'cafe', 'Hello world', 99999, '0x0']) expect(looksLikeLanguage(v), String(v)).toBe(false);
  });

  it('takes GUIDs and opaque tokens as identifiers, not words, numbers or versions', () => {
    for (const v of ['a917c6f4-976c-4cf3-847d-cdfffa28ccdf', 'AJVYLcgShESYbPSmWYHSKA', '{0B5E6F7A-1C2D-4E3F-8A9B-0C1D2E3F4A5B}']) {
      expect(looksLikeToken(v), v).toBe(true);
    }
    for (const v of ['123', 'abc', 'UCWA Samples', '124.0.2478.51', 'browser']) expect(looksLikeToken(v), v).toBe(false);
  });
});

describe('fields whose value does not match their name', () => {
  it('reports an architecture under an OS version field as hardware, and a platform string as a hint', () => {
    const det = body(JSON.stringify({ DeviceInfo: { OsVersion: 'x86_64' }, data: { osVersion: 'Linux x86_64' } }));
    expect(lines(signal(det, 'cpu-architecture'))).toEqual(['body.DeviceInfo.OsVersion = x86_64 (key)']);
    expect(lines(signal(det, 'os-name'))).toEqual(['body.data.osVersion = Linux x86_64 (key)']);
    expect(signal(det, 'os-version')).toEqual([]);
  });

  it('never reports SDK and app versions or page languages', () => {
    const det = body(JSON.stringify({ ext: { sdk: { ver: '1DS-Web-JS-3.2.6' }, app: { ver: '10.0.19045' } }, page: { lang: 'sv-SE' }, pageLanguage: 'en' }));
    expect(det.signals.filter((e) => e.where !== 'connection')).toEqual([]);
  });

  it('finds flat dotted keys with underscores and JSLL-prefixed quoted query keys', () => {
    const det = body(JSON.stringify({ 'Data.Browser_Version': '124.0.2478.51', 'Device.OsVersion': 'Windows11' }));
    expect(lines(signal(det, 'browser-version'))).toEqual(['body["Data.Browser_Version"] = 124.0.2478.51 (key)']);
    expect(lines(signal(det, 'os-version'))).toEqual(['body["Device.OsVersion"] = Windows11 (key)']);
    const pixel = run(request("https://web.vortex.data.microsoft.com/collect/v1/t.gif?ver=%272.1%27&*market=%27ru-RU%27&ext-javascript-libVer=%274.2.3%27"));
    expect(lines(signal(pixel, 'market'))).toEqual(["url:query[\"*market\"] = 'ru-RU' (key)"]);
    expect(pixel.signals.filter((e) => e.where !== 'connection' && e.signal !== 'market')).toEqual([]);
  });

  it('reads LCIDs under DEVLANG and LanguageId', () => {
    const det = run(request('https://officeclient.microsoft.com/config16?DEVLANG=1053&LanguageId=0x41d'));
    expect(lines(signal(det, 'language'))).toEqual(['url:query.DEVLANG = 1053 (key)', 'url:query.LanguageId = 0x41d (key)']);
  });
});

describe('identifiers under id-like keys', () => {
  it('takes a push registrationId, an epid and an EndpointId GUID as device identifiers', () => {
    const det = body(JSON.stringify({ registrationId: '07baca20-cccf-45dd-aa45-fda5cc870035', epid: 'AJVYLcgShESYbPSmWYHSKA', EndpointId: 'a917c6f4-976c-4cf3-847d-cdfffa28ccdf' }));
    expect(kind(det, 'device-id').map((e) => e.path)).toEqual(['body.registrationId', 'body.epid', 'body.EndpointId']);
  });

  it('does not take a short word-like id for an identifier', () => {
    expect(kind(body(JSON.stringify({ endpointId: '123', instanceId: 'abc' })), 'device-id')).toEqual([]);
  });

  it('uses 1DS ext.metadata PII markings as evidence for the marked field', () => {
    const event = {
      name: 'testEvent',
      data: { baseData: { clientAddr: '192.0.2.7' }, who: 'alice@contoso.com' },
      ext: { metadata: { f: { baseData: { f: { clientAddr: { t: 417 } } }, who: { t: (10 << 5) | 1 } } } },
    };
    const det = body(JSON.stringify(event), 'application/x-json-stream');
    expect(lines(signal(det, 'ip-address'))).toContain('body[0].data.baseData.clientAddr = 192.0.2.7 (key)');
    expect(kind(det, 'user-id').map((e) => e.path)).toEqual(['body[0].data.who']);
  });
});

describe('WebRTC signalling', () => {
  const offer = [
    'v=0',
    'o=- 8302999682125171423 3 IN IP4 127.0.0.1',
    'm=audio 57217 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 186.50.9.10',
    'a=rtcp:9 IN IP4 0.0.0.0',
    'a=candidate:1 1 udp 2113937151 2cf0b2c0-0842-4fe3-aaa0-4556a2dfbadc.local 54264 typ host generation 0',
    'a=candidate:2 1 udp 2122260223 192.168.45.7 61397 typ host generation 0',
    'a=candidate:3 1 udp 1677729535 186.50.9.10 57217 typ srflx raddr 0.0.0.0 rport 0',
    'a=candidate:4 1 udp 41885439 198.51.100.9 61480 typ relay raddr 186.50.9.10 rport 57217',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'c=IN IP4 198.51.100.9',
  ].join('\r\n');

  it('finds host, reflexive and raddr addresses but not relays, mDNS names or placeholders', () => {
    expect(sdpClientAddresses(offer)).toEqual(['192.168.45.7', '186.50.9.10']);
  });

  it('reports them as ip-address evidence in a signalling body', () => {
    const det = body(JSON.stringify({ type: 'offer', sdp: offer }));
    expect(lines(signal(det, 'ip-address'))).toEqual([
      'connection = (sent with every connection) (value)',
      'body.sdp = 192.168.45.7 (value)',
      'body.sdp = 186.50.9.10 (value)',
    ]);
  });

  it('reads a trickled candidate', () => {
    const det = body(JSON.stringify({ candidate: 'candidate:1 1 udp 2122260223 10.0.0.5 54321 typ host' }));
    expect(lines(signal(det, 'ip-address'))).toContain('body.candidate = 10.0.0.5 (value)');
  });
});
