/**
 * Microsoft's published Microsoft 365 endpoint list (test/fixtures/catalogue/m365-endpoints-worldwide.json),
 * classified host by host. README's catalogue figure is this census; a test keeps the two equal.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalogue, MICROSOFT_FAMILY } from '../../../../lib/catalogue/index';
import { HostSet } from '../../../../lib/catalogue/host-set';
import type { Destination } from '../../../../lib/model';

interface EndpointSet {
  id: number;
  area: string;
  category: string;
  required: boolean;
  hosts: string[];
}
interface PublishedList {
  source: string;
  version: string;
  sets: EndpointSet[];
  notMicrosoft: { domains: string[] };
}

export const PUBLISHED: PublishedList = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../fixtures/catalogue/m365-endpoints-worldwide.json', import.meta.url)), 'utf8'),
);

/** Other companies' domains the list names (certificate authorities, LinkedIn). */
export const NOT_MICROSOFT = HostSet.ofDomains(PUBLISHED.notMicrosoft.domains);

/**
 * A concrete host for a listed name: `<tenant>` becomes a tenant name, and a wildcard label (`*.`, `*cdn.`)
 * a label of our own, so `*.cdn.office.net` is checked as a subdomain of cdn.office.net.
 */
export function sampleHost(listed: string): string {
  return listed.replace(/<tenant>/g, 'contoso').replace(/^\*\./, 'zz-sample.').replace(/^\*/, 'zz');
}

export interface Classified {
  listed: string;
  host: string;
  set: number;
  destination: Destination;
  feature: string;
  family: string;
}

/** Every distinct listed host name, classified by the shipped catalogue as a request to `https://<host>/`. */
export function classifyPublished(): Classified[] {
  const catalogue = loadCatalogue();
  const seen = new Map<string, Classified>();
  for (const set of PUBLISHED.sets) {
    for (const listed of set.hosts) {
      if (seen.has(listed)) continue;
      const host = sampleHost(listed);
      const m = catalogue.match(`https://${host}/`);
      seen.set(listed, { listed, host, set: set.id, destination: m.destination, feature: m.feature, family: m.family });
    }
  }
  return [...seen.values()];
}

export interface Census {
  hosts: number;
  microsoft: number;
  /** Of `microsoft`: named by an endpoint rule (a family of its own), the rest by the Microsoft-domain rule. */
  byEndpointRule: number;
  byDomainRule: number;
  notMicrosoft: number;
}

export function census(rows: readonly Classified[] = classifyPublished()): Census {
  const microsoft = rows.filter((r) => r.destination === 'microsoft');
  const byDomainRule = microsoft.filter((r) => r.family === MICROSOFT_FAMILY).length;
  return {
    hosts: rows.length,
    microsoft: microsoft.length,
    byEndpointRule: microsoft.length - byDomainRule,
    byDomainRule,
    notMicrosoft: rows.filter((r) => r.destination === 'third-party').length,
  };
}

/** The sentence README carries, built from the census. */
export function censusSentence(c: Census = census()): string {
  return (
    `Of the ${c.hosts} host names in Microsoft's published list of Microsoft 365 endpoints (worldwide, version ${PUBLISHED.version}), ` +
    `the catalogue classifies ${c.microsoft} as Microsoft's: ${c.byEndpointRule} by an endpoint rule of their own and ` +
    `${c.byDomainRule} by the Microsoft-domain rule (the host is one of Microsoft's domains or under one). ` +
    `The other ${c.notMicrosoft} belong to other companies (certificate authorities and LinkedIn) and are third parties.`
  );
}
