import { describe, expect, it } from 'vitest';
import { isClientOrigin, parseCustomOrigin, permissionPatternFor } from '../../../../lib/capture/origins';

describe('client origins', () => {
  it.each([
    'https://outlook.office.com',
    'https://office.com',
    'https://outlook.live.com',
    'https://teams.microsoft.com',
    'https://eu.teams.microsoft.com',
    'https://webpoolam41e02.infra.lync.com',
    'https://web.skype.com',
    'https://contoso.sharepoint.com',
    'https://onedrive.live.com',
    'https://m365.cloud.microsoft',
    'https://outlook.office.com:8443',
  ])('%s is a client origin', (o) => expect(isClientOrigin(o)).toBe(true));

  it.each([
    'https://microsoft.com',
    'https://browser.events.data.microsoft.com',
    'https://notoffice.com',
    'https://office.com.evil.example',
    'https://example.com',
  ])('%s is not', (o) => expect(isClientOrigin(o)).toBe(false));

  it('matches custom origins exactly', () => {
    expect(isClientOrigin('https://lyncweb.example.com', ['https://lyncweb.example.com'])).toBe(true);
    expect(isClientOrigin('http://lyncweb.example.com', ['https://lyncweb.example.com'])).toBe(false);
    expect(isClientOrigin('https://other.example.com', ['https://lyncweb.example.com'])).toBe(false);
  });

  it('parses what a user types', () => {
    expect(parseCustomOrigin('lyncweb.example.com')).toBe('https://lyncweb.example.com');
    expect(parseCustomOrigin(' https://lyncweb.example.com:4443/lwa/x ')).toBe('https://lyncweb.example.com:4443');
    expect(parseCustomOrigin('http://intranet.corp')).toBe('http://intranet.corp');
    expect(parseCustomOrigin('ftp://x.example.com')).toBeUndefined();
    expect(parseCustomOrigin('not a host')).toBeUndefined();
    expect(parseCustomOrigin('')).toBeUndefined();
  });

  it('asks for a port-less host permission pattern', () => {
    expect(permissionPatternFor('https://lyncweb.example.com:4443')).toBe('https://lyncweb.example.com/*');
  });
});
