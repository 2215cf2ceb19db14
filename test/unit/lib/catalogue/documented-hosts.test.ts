/** Hosts behind error reporting, feedback and help, and a public blocklist's telemetry hosts, as documented. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../../lib/catalogue/index';

interface Documented {
  sources: Record<string, string>;
  hosts: Array<{ url: string; feature: string; source: string }>;
  telemetry: { microsoft: string[]; thirdParty: string[] };
}
const doc: Documented = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../fixtures/catalogue/documented-hosts.json', import.meta.url)), 'utf8'),
);
const catalogue = loadCatalogue();

describe('documented error-reporting, feedback and help hosts', () => {
  it.each(doc.hosts.map((h) => [h.url, h] as const))('%s', (url, h) => {
    expect(doc.sources[h.source], `source ${h.source} is named`).toBeTruthy();
    const m = catalogue.match(url);
    expect(m.feature).toBe(h.feature);
    expect(m.destination).toBe('microsoft');
  });

  it('reads error-report hosts outside microsoft.com as error reporting', () => {
    const outside = doc.hosts.filter((h) => h.feature === 'error-reporting' && !new URL(h.url).hostname.endsWith('.microsoft.com'));
    expect(outside.length).toBeGreaterThanOrEqual(8);
    for (const h of outside) expect(catalogue.match(h.url).feature, h.url).toBe('error-reporting');
  });

  it('other storage on the same blob domain is Microsoft, but not an error report', () => {
    const m = catalogue.match('https://mlccdn.blob.core.windows.net/x');
    expect(m.destination).toBe('microsoft');
    expect(m.feature).toBe('standard-computer-information');
  });
});

describe('a public blocklist of Microsoft telemetry hosts', () => {
  it.each(doc.telemetry.microsoft)("%s is Microsoft's", (host) => {
    const m = catalogue.match(`https://${host}/`);
    expect(m.destination).toBe('microsoft');
    expect(m.feature).not.toBe('third-party');
  });

  it.each(doc.telemetry.thirdParty)('%s, an advertising or CDN company the same list blocks, is a third party', (host) => {
    const m = catalogue.match(`https://${host}/`);
    expect(m.destination).toBe('third-party');
    expect(m.feature).toBe('third-party');
  });
});
