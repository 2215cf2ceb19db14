import { describe, expect, it } from 'vitest';
import { browserLabel, buildProfile, pickBrand } from '../../../../lib/capture/profile';

const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const FIREFOX_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

describe('buildProfile', () => {
  it('prefers client hints over the frozen User-Agent string', () => {
    const p = buildProfile({
      userAgent: CHROME_UA,
      languages: ['sv-SE', 'sv', 'en'],
      timeZone: 'Europe/Stockholm',
      uaData: {
        platform: 'Linux',
        platformVersion: '6.1.0',
        architecture: 'x86',
        model: '',
        fullVersionList: [
          { brand: 'Not.A/Brand', version: '99.0.0.0' },
          { brand: 'Chromium', version: '156.0.8078.73' },
        ],
      },
    });
    expect(p).toMatchObject({
      osName: 'Linux',
      osVersion: '6.1.0',
      browserName: 'Chromium',
      browserVersion: '156.0.8078.73',
      architecture: 'x86',
      languages: ['sv-SE', 'sv', 'en'],
      timeZone: 'Europe/Stockholm',
    });
    expect(p.model).toBeUndefined();
    expect(p.screenResolution).toBeUndefined();
  });

  it('reads Firefox values from the User-Agent string', () => {
    const p = buildProfile({ userAgent: FIREFOX_UA, languages: ['en-US'] });
    expect(p).toMatchObject({ browserName: 'Firefox', browserVersion: '128.0', osName: 'Windows', osVersion: '10.0' });
  });

  it('picks the vendor brand over Chromium and skips GREASE', () => {
    expect(
      pickBrand([
        { brand: 'Chromium', version: '1' },
        { brand: 'Not_A Brand', version: '2' },
        { brand: 'Microsoft Edge', version: '3' },
      ])?.brand,
    ).toBe('Microsoft Edge');
    expect(browserLabel({})).toBe('unknown');
    expect(browserLabel({ browserName: 'Firefox', browserVersion: '128.0' })).toBe('Firefox 128.0');
  });
});
