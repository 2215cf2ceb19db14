/** Which host permissions Telltale needs and has lost (Chromium withholds them with the all-sites pattern). */
import { describe, expect, it } from 'vitest';
import { hostOfPattern, missingHostAccess, wantedHostPatterns } from '../../../../lib/capture/host-access';

const MANIFEST = ['*://*.microsoft.com/*', '*://*.office.com/*', '*://*.lync.com/*'];

describe('host access', () => {
  it('wants the manifest hosts and one pattern per custom origin host, each once', () => {
    const wanted = wantedHostPatterns([...MANIFEST, '*://*/*'], ['https://lyncweb.contoso.example', 'https://lyncweb.contoso.example:8443', 'http://lync.fabrikam.example']);
    expect(wanted).toEqual([...MANIFEST, 'https://lyncweb.contoso.example/*', 'http://lync.fabrikam.example/*']);
  });

  it('reports what Chromium left after removing the all-sites pattern: the Microsoft hosts and the custom origin', () => {
    const wanted = wantedHostPatterns(MANIFEST, ['https://lyncweb.contoso.example']);
    // What getAll returned in Chromium 156 after permissions.remove({ origins: ['*://*/*'] }): only content-script
    // hosts survive the withholding.
    expect(missingHostAccess(wanted, ['*://*.office.com/*', '*://*.lync.com/*'])).toEqual(['*://*.microsoft.com/*', 'https://lyncweb.contoso.example/*']);
  });

  it('reports nothing while everything wanted is granted, or every host is', () => {
    const wanted = wantedHostPatterns(MANIFEST, ['https://lyncweb.contoso.example']);
    expect(missingHostAccess(wanted, [...wanted])).toEqual([]);
    expect(missingHostAccess(wanted, ['*://*/*'])).toEqual([]);
    expect(missingHostAccess(wanted, ['<all_urls>'])).toEqual([]);
  });

  it('names a pattern by its host', () => {
    expect(hostOfPattern('*://*.microsoft.com/*')).toBe('*.microsoft.com');
    expect(hostOfPattern('https://lyncweb.contoso.example/*')).toBe('lyncweb.contoso.example');
  });
});
