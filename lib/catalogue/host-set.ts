/**
 * The one host matcher. Every host list Telltale keeps (client origins, Microsoft's domains, help and feedback
 * hosts, the organisation's own hosts) is a HostSet, so "is this host in that list" means the same thing
 * everywhere and costs the same: one exact probe, then one probe per parent domain (a.b.c.com → b.c.com → c.com).
 *
 * Patterns: `example.com` is that host only; `*.example.com` is example.com itself and every subdomain.
 */
export class HostSet {
  private readonly exact = new Set<string>();
  private readonly domains = new Set<string>();

  constructor(patterns: readonly string[]) {
    for (const raw of patterns) {
      const p = raw.trim().toLowerCase();
      if (!p) continue;
      if (p.startsWith('*.')) this.domains.add(p.slice(2));
      else this.exact.add(p);
    }
  }

  /** A set where each entry names a domain and all of its subdomains (Microsoft's domain list, help hosts). */
  static ofDomains(domains: readonly string[]): HostSet {
    return new HostSet(domains.map((d) => `*.${d}`));
  }

  /** The listed domain that covers `host` (lower-case, no port): the host itself or its nearest parent. */
  private domainOf(host: string): string | undefined {
    if (this.domains.size === 0) return undefined;
    if (this.domains.has(host)) return host;
    for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
      const parent = host.slice(dot + 1);
      if (this.domains.has(parent)) return parent;
    }
    return undefined;
  }

  /** The pattern that covers `host`, as written in the list (`*.` for a domain entry), or undefined. */
  entryFor(host: string): string | undefined {
    if (!host) return undefined;
    if (this.exact.has(host)) return host;
    const domain = this.domainOf(host);
    return domain === undefined ? undefined : `*.${domain}`;
  }

  has(host: string): boolean {
    return !!host && (this.exact.has(host) || this.domainOf(host) !== undefined);
  }
}
