import { describe, expect, it } from 'vitest';
import { parseBrands, parseUserAgent } from '../../../../lib/detect/index';
import { EDGE_SV, lines, request, run, signal } from './helpers';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1';

describe('parseUserAgent', () => {
  it('reads OS and browser with versions', () => {
    expect(parseUserAgent(EDGE_SV.userAgent!)).toEqual({
      os: { name: 'Windows', version: '10.0', token: 'Windows NT 10.0' },
      browser: { name: 'Microsoft Edge', version: '124.0.2478.51', token: 'Edg/124.0.2478.51' },
    });
    expect(parseUserAgent(FIREFOX_LINUX)).toEqual({
      os: { name: 'Linux', token: 'Linux' },
      browser: { name: 'Firefox', version: '128.0', token: 'Firefox/128.0' },
    });
    const ios = parseUserAgent(SAFARI_IOS);
    expect(ios.os).toMatchObject({ name: 'iOS', version: '17.4.1' });
    expect(ios.browser).toMatchObject({ name: 'Safari', version: '17.4.1' });
    expect(parseUserAgent('curl/8.5.0')).toEqual({});
  });
});

describe('parseBrands', () => {
  it('drops the GREASE brand and puts the specific brand before Chromium', () => {
    expect(parseBrands('"Chromium";v="124", "Microsoft Edge";v="124", "Not-A.Brand";v="99"')).toEqual([
      { brand: 'Microsoft Edge', version: '124' },
      { brand: 'Chromium', version: '124' },
    ]);
    expect(parseBrands('"Not A(Brand";v="8", "Chromium";v="132"')).toEqual([{ brand: 'Chromium', version: '132' }]);
  });
});

describe('header detection', () => {
  const headers = [
    { name: 'User-Agent', value: EDGE_SV.userAgent! },
    { name: 'Accept-Language', value: 'sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7' },
    { name: 'sec-ch-ua', value: '"Chromium";v="124", "Microsoft Edge";v="124", "Not-A.Brand";v="99"' },
    { name: 'sec-ch-ua-mobile', value: '?0' },
    { name: 'sec-ch-ua-platform', value: '"Windows"' },
    { name: 'Sec-CH-UA-Platform-Version', value: '"15.0.0"' },
    { name: 'sec-ch-ua-arch', value: '"x86"' },
    { name: 'sec-ch-ua-bitness', value: '"64"' },
    { name: 'sec-ch-ua-model', value: '""' },
    { name: 'sec-ch-ua-full-version-list', value: '"Chromium";v="124.0.6367.91", "Microsoft Edge";v="124.0.2478.51"' },
  ];
  const det = run(request('https://browser.events.data.microsoft.com/OneCollector/1.0/', { headers }));

  it('reads the User-Agent into OS and browser parts', () => {
    expect(lines(signal(det, 'os-version'))).toContain('header:user-agent = Windows NT 10.0 (header)');
    expect(lines(signal(det, 'browser-version'))).toContain('header:user-agent = Edg/124.0.2478.51 (header)');
  });

  it('reads Accept-Language as language', () => {
    expect(lines(signal(det, 'language'))).toEqual(['header:accept-language = sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7 (header)']);
  });

  it('reads the client hints, lower-casing header names', () => {
    expect(signal(det, 'browser-name').map((e) => e.path)).toEqual(['header:sec-ch-ua', 'header:sec-ch-ua-full-version-list']);
    expect(lines(signal(det, 'os-name'))).toEqual(['header:sec-ch-ua-platform = "Windows" (header)']);
    expect(lines(signal(det, 'os-version'))).toContain('header:sec-ch-ua-platform-version = "15.0.0" (header)');
    expect(signal(det, 'cpu-architecture').map((e) => e.path)).toEqual(['header:sec-ch-ua-arch', 'header:sec-ch-ua-bitness']);
    expect(lines(signal(det, 'device-class'))).toEqual(['header:sec-ch-ua-mobile = ?0 (header)']);
  });

  it('ignores an empty Sec-CH-UA-Model', () => {
    expect(signal(det, 'device-model')).toEqual([]);
    const model = run(request('https://x.test/', { headers: [{ name: 'Sec-CH-UA-Model', value: '"Pixel 8"' }] }));
    expect(lines(signal(model, 'device-model'))).toEqual(['header:sec-ch-ua-model = "Pixel 8" (header)']);
  });

  it('always reports the connection IP first', () => {
    expect(det.signals[0]).toEqual({
      where: 'connection',
      path: 'connection',
      value: '(sent with every connection)',
      matchedBy: 'value',
      signal: 'ip-address',
    });
    expect(run(request('not a url')).signals.map((e) => e.signal)).toEqual(['ip-address']);
  });

  it('does not search the known headers again by value', () => {
    const withProfile = run(request('https://x.test/', { headers }), EDGE_SV);
    expect(withProfile.signals.filter((e) => e.where === 'header' && e.matchedBy === 'value')).toEqual([]);
  });
});
