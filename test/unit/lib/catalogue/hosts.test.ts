/**
 * The host lists against each other: the manifest's few host permissions must cover every client page and
 * every collector the catalogue names for web clients (FIELD-NOTES: a request is seen only with permission
 * for the page and for the destination).
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../../../lib/catalogue/index';
import {
  CLIENT_HOST_SET,
  DEFAULT_CLIENT_HOSTS,
  FEEDBACK_HOSTS,
  HELP_HOSTS,
  HOST_PERMISSIONS,
  MICROSOFT_DOMAINS,
  organisationHosts,
  PERMITTED_HOST_SET,
} from '../../../../lib/catalogue/hosts';
import { HostSet } from '../../../../lib/catalogue/host-set';

/**
 * Catalogue hosts no web client page reaches: Windows' own error reporting uploads to Azure blob storage, and a
 * DNS alias of Watson's host. They classify captures (HAR) and are seen in the browser only with the optional
 * all-sites permission; asking for all of Azure storage up front would watch every site that uses it.
 */
const OUTSIDE_PERMISSIONS = new Set(['*.blob.core.windows.net', 'modern.watson.data.microsoft.com.akadns.net']);

describe('host lists', () => {
  it('host permissions are match patterns for whole domains, never all URLs', () => {
    for (const p of HOST_PERMISSIONS) expect(p).toMatch(/^\*:\/\/\*\.[a-z0-9.-]+\/\*$/);
  });

  it.each(DEFAULT_CLIENT_HOSTS)('client host %s is covered by a host permission', (pattern) => {
    expect(PERMITTED_HOST_SET.has(pattern.replace(/^\*\./, ''))).toBe(true);
  });

  const fixedHosts = BUILTIN_RULES.filter((r) => r.host !== '*' && !r.host.endsWith('.*') && !OUTSIDE_PERMISSIONS.has(r.host));
  it.each(fixedHosts.map((r) => [r.host, r] as const))('collector %s is covered by a host permission', (_, rule) => {
    expect(PERMITTED_HOST_SET.has(new URL(rule.example!).hostname)).toBe(true);
  });

  it('every client, help and feedback host is one of Microsoft’s', () => {
    const microsoft = HostSet.ofDomains(MICROSOFT_DOMAINS);
    for (const h of [...DEFAULT_CLIENT_HOSTS.map((p) => p.replace(/^\*\./, '')), ...HELP_HOSTS, ...FEEDBACK_HOSTS]) {
      expect(microsoft.has(h), h).toBe(true);
    }
    expect(CLIENT_HOST_SET.has('outlook.office.com')).toBe(true);
  });

  it("the organisation's hosts are its custom origins' hosts and their subdomains, nothing wider", () => {
    const org = organisationHosts(['https://lyncweb.example.com:4443', 'not an origin']);
    expect(org.has('lyncweb.example.com')).toBe(true);
    expect(org.has('pool.lyncweb.example.com')).toBe(true);
    expect(org.has('example.com')).toBe(false);
    expect(org.has('other.example.com')).toBe(false);
    expect(organisationHosts([]).has('lyncweb.example.com')).toBe(false);
  });
});
