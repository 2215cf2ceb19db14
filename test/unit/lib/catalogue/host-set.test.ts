import { describe, expect, it } from 'vitest';
import { HostSet } from '../../../../lib/catalogue/host-set';

describe('HostSet', () => {
  const set = new HostSet(['*.office.com', 'outlook.live.com', ' *.Cloud.Microsoft ']);

  it('a *. pattern covers the domain itself and every subdomain', () => {
    for (const host of ['office.com', 'outlook.office.com', 'a.b.office.com', 'm365.cloud.microsoft']) expect(set.has(host), host).toBe(true);
    expect(set.entryFor('a.b.office.com')).toBe('*.office.com');
  });

  it('a bare pattern is that host only', () => {
    expect(set.has('outlook.live.com')).toBe(true);
    expect(set.has('live.com')).toBe(false);
    expect(set.has('x.outlook.live.com')).toBe(false);
    expect(set.entryFor('outlook.live.com')).toBe('outlook.live.com');
  });

  it('look-alikes and partial labels are not covered', () => {
    for (const host of ['notoffice.com', 'office.com.evil.example', 'office.co', '', 'com']) expect(set.has(host), host).toBe(false);
    expect(set.entryFor('notoffice.com')).toBeUndefined();
  });

  it('ofDomains lists domains with their subdomains', () => {
    const domains = HostSet.ofDomains(['support.office.com']);
    expect(domains.has('support.office.com')).toBe(true);
    expect(domains.has('eu.support.office.com')).toBe(true);
    expect(domains.has('office.com')).toBe(false);
  });
});
