import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { census, censusSentence, classifyPublished, NOT_MICROSOFT } from './published-list';

const rows = classifyPublished();

describe("Microsoft's published Microsoft 365 endpoint list", () => {
  it.each(rows.filter((r) => !NOT_MICROSOFT.has(r.host)).map((r) => [r.listed, r] as const))(
    '%s is Microsoft, never a third party',
    (_, r) => {
      expect(r.destination).toBe('microsoft');
      expect(r.feature).not.toBe('third-party');
    },
  );

  it.each(rows.filter((r) => NOT_MICROSOFT.has(r.host)).map((r) => [r.listed, r] as const))(
    "%s belongs to another company: a third party",
    (_, r) => {
      expect(r.destination).toBe('third-party');
      expect(r.feature).toBe('third-party');
    },
  );

  it('reads the help hosts it lists as online help', () => {
    const help = rows.filter((r) => ['support.microsoft.com', 'support.content.office.net', 'dgps.support.microsoft.com'].includes(r.listed));
    expect(help.map((r) => r.feature)).toEqual(['online-help', 'online-help', 'online-help']);
  });

  it('README states the census of this list, as computed here', () => {
    const c = census(rows);
    expect(c.hosts).toBe(c.microsoft + c.notMicrosoft);
    expect(c.byEndpointRule).toBeGreaterThan(0);
    const readme = readFileSync(fileURLToPath(new URL('../../../../README.md', import.meta.url)), 'utf8').replace(/\s+/g, ' ');
    const sentence = censusSentence(c);
    expect(readme.includes(sentence), `README should say: ${sentence}`).toBe(true);
  });
});
