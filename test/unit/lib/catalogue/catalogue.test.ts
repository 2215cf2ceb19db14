import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES, EndpointCatalogue, loadCatalogue, MICROSOFT_DOMAINS } from '../../../../lib/catalogue/index';

const catalogue = loadCatalogue();

describe('endpoint catalogue data', () => {
  it('every rule has an example URL', () => {
    for (const rule of BUILTIN_RULES) expect(rule.example, `${rule.family} ${rule.host}`).toMatch(/^https:\/\//);
  });

  it.each(BUILTIN_RULES.map((r) => [`${r.family} ${r.host}${r.path ?? ''}`, r] as const))('rule %s matches its example', (_, rule) => {
    const match = catalogue.match(rule.example!);
    expect(match.rule).toBe(rule);
    expect(match.feature).toBe(rule.feature);
    expect(match.family).toBe(rule.family);
  });

  it('covers every family from the field notes', () => {
    const families = new Set(BUILTIN_RULES.map((r) => r.family));
    for (const f of ['1ds', 'aria', 'app-insights', 'nexus', 'watson', 'feedback', 'help', 'ucwa', 'teams-registration', 'teams-trouter']) {
      expect(families.has(f), f).toBe(true);
    }
  });
});

describe('endpoint families', () => {
  const cases: Array<[string, string, string]> = [
    ['https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true', '1ds', 'standard-computer-information'],
    ['https://self.events.data.microsoft.com/onecollector/1.0/', '1ds', 'standard-computer-information'],
    ['https://eu.pipe.aria.microsoft.com/Collector/3.0/', 'aria', 'standard-computer-information'],
    ['https://dc.services.visualstudio.com/v2/track', 'app-insights', 'standard-computer-information'],
    ['https://northeurope-0.in.applicationinsights.azure.com/v2/track', 'app-insights', 'standard-computer-information'],
    ['https://nexus.officeapps.live.com/nexus/upload', 'nexus', 'standard-computer-information'],
    ['https://umwatson.events.data.microsoft.com/OneCollector/1.0/', 'watson', 'error-reporting'],
    ['https://watson.telemetry.microsoft.com/Telemetry.Request', 'watson', 'error-reporting'],
    ['https://sas.office.microsoft.com/upload.ashx', 'feedback', 'online-feedback'],
    ['https://a.b.ocv.microsoft.com/api', 'feedback', 'online-feedback'],
    ['https://support.office.com/client/results?lcid=1053&omkt=sv-SE', 'help', 'online-help'],
    ['https://go.microsoft.com/fwlink/?LinkId=1', 'help', 'online-help'],
    ['https://officeclient.microsoft.com/config16?lcid=1053', 'help', 'online-help'],
    ['https://lyncdiscover.fabrikam.se/', 'ucwa', 'standard-computer-information'],
    ['https://pool1.infra.lync.com/ucwa/oauth/v1/applications', 'ucwa', 'push-notifications'],
    ['https://lync.fabrikam.se/ucwa/oauth/v1/applications/123', 'ucwa', 'push-notifications'],
    ['https://teams.microsoft.com/registrar/prod/V3/registrations', 'teams-registration', 'push-notifications'],
    ['https://go.trouter.teams.microsoft.com/v4/a', 'teams-trouter', 'push-notifications'],
  ];
  it.each(cases)('%s → %s', (url, family, feature) => {
    const m = catalogue.match(url);
    expect(m.family).toBe(family);
    expect(m.feature).toBe(feature);
  });

  it('marks telemetry endpoints, so error events there can become error reports', () => {
    expect(catalogue.match('https://browser.events.data.microsoft.com/OneCollector/1.0/').telemetry).toBe(true);
    expect(catalogue.match('https://sas.office.microsoft.com/upload.ashx').telemetry).toBe(false);
  });

  it('needs the path and query conditions of a rule', () => {
    // Same host, other path: no longer the config service rule, but still a Microsoft host.
    expect(catalogue.match('https://officeclient.microsoft.com/config16').family).toBe('microsoft');
    expect(catalogue.match('https://teams.microsoft.com/api/mt/emea/beta/users').family).toBe('microsoft');
    expect(catalogue.match('https://browser.events.data.microsoft.com/ping').family).toBe('microsoft');
  });

  it('matches hosts case-insensitively, ignoring port, userinfo and a trailing dot', () => {
    expect(catalogue.match('https://user@Browser.Events.Data.Microsoft.COM.:443/OneCollector/1.0/').family).toBe('1ds');
  });

  it("a '*.suffix' rule matches subdomains only", () => {
    expect(catalogue.match('https://ocv.microsoft.com/x').family).toBe('microsoft');
  });
});

describe('fallbacks', () => {
  it.each(MICROSOFT_DOMAINS.map((d) => [d]))('other Microsoft hosts under %s are the general clause', (domain) => {
    const m = catalogue.match(`https://zz-unlisted.${domain}/x`);
    expect(m.feature).toBe('standard-computer-information');
    expect(m.family).toBe('microsoft');
  });

  it('anything else is third-party, including look-alikes', () => {
    for (const url of ['https://tracker.example.net/p.gif', 'https://microsoft.com.evil.example/x', 'https://notmicrosoft.com/', 'https://10.0.0.1/x', 'https://[::1]:8080/x']) {
      expect(catalogue.match(url).feature, url).toBe('third-party');
    }
  });
});

describe('custom endpoint rules', () => {
  it('take precedence and can add new hosts', () => {
    const custom = loadCatalogue([
      { host: 'telemetry.contoso.com', feature: 'standard-computer-information', family: 'contoso' },
      { host: '*.events.data.microsoft.com', path: '/OneCollector/', feature: 'error-reporting', family: 'override' },
    ]);
    expect(custom.match('https://telemetry.contoso.com/x').family).toBe('contoso');
    expect(custom.match('https://browser.events.data.microsoft.com/OneCollector/1.0/').family).toBe('override');
    expect(custom.match('https://browser.events.data.microsoft.com/OneCollector/1.0/').custom).toBe(true);
    // The shipped catalogue is unchanged.
    expect(catalogue.match('https://telemetry.contoso.com/x').feature).toBe('third-party');
  });

  it('the most specific suffix wins', () => {
    const c = new EndpointCatalogue(
      [
        { host: '*.example.com', feature: 'online-help', family: 'broad' },
        { host: '*.a.example.com', feature: 'online-feedback', family: 'narrow' },
      ],
      [],
    );
    expect(c.match('https://x.a.example.com/').family).toBe('narrow');
    expect(c.match('https://x.b.example.com/').family).toBe('broad');
  });
});
