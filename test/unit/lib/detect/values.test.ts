import { describe, expect, it } from 'vitest';
import { isIPv4, isIPv6, isLanguageTag, looksBase64, looksLikeStackTrace } from '../../../../lib/detect/index';

describe('value tests', () => {
  it('recognises IPv4 strictly', () => {
    expect(['192.0.2.1', '0.0.0.0', '255.255.255.255'].every(isIPv4)).toBe(true);
    expect(['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', '124.0.6367.91', 'a.b.c.d'].some(isIPv4)).toBe(false);
  });

  it('recognises IPv6 full, compressed and with an IPv4 tail', () => {
    expect(['2001:db8::1', '::1', 'fe80::1ff:fe23:4567:890a', '::ffff:192.0.2.1', '2001:db8:0:0:0:0:0:1'].every(isIPv6)).toBe(true);
    expect(['12:30:45', '2001:db8:::1', 'std::string', ':1', '1:2:3:4:5:6:7:8:9', 'dead::beef::1'].some(isIPv6)).toBe(false);
  });

  it('recognises stack traces of V8 and SpiderMonkey in linear time', () => {
    expect(looksLikeStackTrace('TypeError: x\n    at f (https://a.test/x.js:10:5)')).toBe(true);
    expect(looksLikeStackTrace('render@https://a.test/x.js:10:5\n@https://a.test/x.js:1:1')).toBe(true);
    expect(looksLikeStackTrace('We meet at noon\nmail me@home')).toBe(false);
    const hostile = ('at ' + ':1'.repeat(20_000) + 'x\n').repeat(5);
    const t = performance.now();
    expect(looksLikeStackTrace(hostile)).toBe(false);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('takes only mixed-case base64 as base64', () => {
    expect(looksBase64('eyJ0eiI6IkV1cm9wZS9TdG9ja2hvbG0ifQ==')).toBe(true);
    expect(looksBase64('0c8d6c2e2b5f4d1a9f0e1e2d3c4b5a69')).toBe(false); // hex id
    expect(looksBase64('b2b0c6f2-5f0e-4a63-9e8c-7f3b2d1e0a9c')).toBe(false); // GUID
    expect(looksBase64('short')).toBe(false);
  });

  it('recognises language tags', () => {
    expect(['sv', 'sv-SE', 'zh-Hant-TW', 'en_US'].every(isLanguageTag)).toBe(true);
    expect(['high-trust organisation', 's', '1053'].some(isLanguageTag)).toBe(false);
  });
});
