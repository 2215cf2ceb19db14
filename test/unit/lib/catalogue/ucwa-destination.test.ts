/**
 * UCWA read by resource, and who receives what: Microsoft, the organisation's own Lync server, or a stranger.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../../lib/catalogue/index';
import { classify } from '../../../../lib/classify/index';
import type { NormalizedRequest } from '../../../../lib/model';

interface UcwaFixture {
  source: string;
  resources: Array<{ resource: string; method: string; url: string; feature: string; destination: string }>;
}
const ucwa: UcwaFixture = JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/catalogue/ucwa-resources.json', import.meta.url)), 'utf8'));
const catalogue = loadCatalogue();

function request(url: string, method = 'GET'): NormalizedRequest {
  return { url, method, headers: [], type: 'xmlhttprequest', time: 0 } as unknown as NormalizedRequest;
}

describe('UCWA by resource', () => {
  it.each(ucwa.resources.map((r) => [`${r.method} ${r.resource} ${new URL(r.url).hostname}`, r] as const))('%s', (_, r) => {
    const m = catalogue.match(r.url);
    expect(m.family).toBe('ucwa');
    expect(m.feature).toBe(r.feature);
    expect(m.destination).toBe(r.destination);
  });

  it("a '*' path segment matches one segment, and pathExact ends the path there", () => {
    const custom = loadCatalogue([
      { host: 'api.contoso.example', path: '/v2/*/events', feature: 'push-notifications', family: 'segment' },
      { host: 'api.contoso.example', path: '/v2/apps', pathExact: true, feature: 'online-help', family: 'exact' },
    ]);
    expect(custom.match('https://api.contoso.example/v2/42/events?ack=1').family).toBe('segment');
    expect(custom.match('https://api.contoso.example/v2/42/43/events').family).not.toBe('segment');
    expect(custom.match('https://api.contoso.example/v2/apps/').family).toBe('exact');
    expect(custom.match('https://api.contoso.example/v2/apps/1').family).not.toBe('exact');
  });

  it('only the application and its event channel are the push path', () => {
    const push = ucwa.resources.filter((r) => r.feature === 'push-notifications').map((r) => new URL(r.url).pathname.split('/').slice(5).join('/'));
    for (const rest of push) expect(['', '103645603125', '103645603125/events']).toContain(rest);
  });
});

describe('destination', () => {
  const lwa = 'https://lyncweb.example.com';

  it("a request to the organisation's own server (a custom client origin) is the organisation's, under the general clause", () => {
    const a = classify(request(`${lwa}/lwa/WebPages/LyncWebApp.aspx?lang=sv-SE`), { organisationOrigins: [lwa] });
    expect(a.destination).toBe('organisation');
    expect(a.features).toEqual(['standard-computer-information']);
    // The policy's purposes say what Microsoft does with data; the organisation's server is not Microsoft.
    expect(a.purposes).toEqual([]);
    // The verdicts are still the policy's: the IP address leaves with the connection.
    expect(a.items.find((i) => i.item === 'ip-address')?.verdict).toBeDefined();
  });

  it('the same request without that origin configured goes to a stranger', () => {
    const a = classify(request(`${lwa}/lwa/WebPages/LyncWebApp.aspx`));
    expect(a.destination).toBe('third-party');
    expect(a.features).toEqual(['third-party']);
  });

  it('on-premises Lync rules name the organisation without any configuration', () => {
    expect(classify(request('https://lyncdiscover.fabrikam.se/?sipuri=anna@fabrikam.se')).destination).toBe('organisation');
    expect(classify(request('https://lync.fabrikam.se/ucwa/oauth/v1/applications', 'POST')).destination).toBe('organisation');
  });

  it("Microsoft's hosts stay Microsoft's even when added as a custom origin", () => {
    const a = classify(request('https://outlook.office.com/owa/'), { organisationOrigins: ['https://outlook.office.com'] });
    expect(a.destination).toBe('microsoft');
    expect(a.purposes.length).toBeGreaterThan(0);
  });

  it('Microsoft endpoints and strangers', () => {
    expect(classify(request('https://browser.events.data.microsoft.com/OneCollector/1.0/', 'POST')).destination).toBe('microsoft');
    expect(classify(request('https://tracker.example.net/p.gif')).destination).toBe('third-party');
  });
});
