/**
 * Telltale in real Firefox ESR, headless, driven over WebDriver BiDi: the built MV2 extension records the demo
 * client's real SDK traffic as it does in Chromium, and the popup shows it. Then the packaging checks: the MV3
 * Firefox build, and `web-ext lint` on both Firefox builds.
 *
 * How the extension's state is read: BiDi cannot navigate a tab to a moz-extension:// page, so the test frames
 * extension pages (popup.html, web-accessible in the Firefox build) in the demo client's own tab. A framed
 * extension page is a full extension context: through it the test reads IndexedDB, asks tabs.getCurrent() for
 * the client tab's id, and reads the popup's rendered content (data-item / data-verdict).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation, ScopeAggregate } from '../../lib/model';
// @ts-expect-error plain ESM helpers shared with the fixture recorder
import { startDemoServer } from '../demo/server.mjs';
// @ts-expect-error plain ESM helpers shared with the fixture recorder
import { CLIENT_HOST } from '../demo/hosts.mjs';
import {
  frameExtensionPage,
  launchFirefox,
  readExtensionStore,
  runDemoClient,
  unframeExtensionPages,
  waitFor,
  // @ts-expect-error plain ESM helpers shared with the fixture recorder
} from './firefox-harness.mjs';
// @ts-expect-error plain ESM helpers shared with the harnesses
import { sameRequestUrl } from './stored.mjs';
// @ts-expect-error plain ESM helpers shared with the fixture recorder
import { firefoxPath, hasFirefox } from './browsers.mjs';
import { expectAttributedToClient, expectGzipInflated, expectSdkBatchDecoded } from './capture-assertions';

if (!hasFirefox()) {
  throw new Error(
    `Firefox ESR is missing at ${firefoxPath()}: run \`node test/scripts/ensure-browsers.mjs firefox\` ` +
      '(installs firefox-esr with apt-get when run as root) or set FIREFOX_PATH.',
  );
}

/** Runs a command to its end; resolves with its exit code and output, never rejects. */
function run(command: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
    child.on('error', (error) => resolve({ code: -1, out: String(error) }));
  });
}

interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: Array<{ code: string; message: string; file?: string }>;
}

async function lint(dir: string): Promise<LintReport | string> {
  const { out } = await run('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery']);
  const json = out.slice(out.indexOf('{'));
  try {
    return JSON.parse(json) as LintReport;
  } catch {
    return out;
  }
}

/**
 * Started in beforeAll and awaited by the packaging tests, so the MV3 build and the two lints (tens of seconds
 * of mostly start-up time) overlap the browser run. They touch only .output/firefox-mv3 and read firefox-mv2.
 */
let packaging: Promise<{ mv3Build: { code: number | null; out: string }; mv2: LintReport | string; mv3: LintReport | string }>;

beforeAll(() => {
  packaging = (async () => {
    const mv3Build = await run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3']);
    const [mv2, mv3] = await Promise.all([lint('.output/firefox-mv2'), lint('.output/firefox-mv3')]);
    return { mv3Build, mv2, mv3 };
  })();
});

describe('Telltale in real Firefox ESR', () => {
  let server: any;
  let firefox: any;
  let page: any;
  let tabId: number;
  let observations: Observation[];
  let aggregate: ScopeAggregate | undefined;
  let sent: any[];
  const pageRequests = new Set<string>();

  const header = (o: Observation, name: string) => o.headers.find((h) => h.name.toLowerCase() === name)?.value;
  const key = (url: string) => {
    const u = new URL(url);
    return `${u.hostname}${u.pathname}${u.search}`;
  };
  const extensionUrl = (p: string) => firefox.extensionUrl(p);

  beforeAll(async () => {
    server = await startDemoServer();
    firefox = await launchFirefox();
    page = await runDemoClient(firefox.browser, server.url(), {
      // Requests the client page itself made (main frame only: a framed extension page is not the client).
      onPage: (p: any) =>
        p.on('request', (r: any) => {
          if (r.frame() === p.mainFrame()) pageRequests.add(key(r.url()));
        }),
    });
    tabId = await firefox.tabIdOf(page);
    sent = server.received.filter((r: any) => r.method !== 'OPTIONS' && r.host !== CLIENT_HOST);
    const all: Observation[] = await waitFor(
      () => readExtensionStore(page, extensionUrl, 'observations'),
      (rows: Observation[]) => rows.filter((o) => o.tabId === tabId && o.method !== 'OPTIONS').length >= sent.length,
    );
    observations = all.filter((o) => o.tabId === tabId);
    const aggregates: ScopeAggregate[] = await readExtensionStore(page, extensionUrl, 'aggregates');
    aggregate = aggregates.find((a) => a.key === `tab:${tabId}`);
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('gives the client tab a real tab id', () => {
    expect(tabId).toBeGreaterThanOrEqual(0);
  });

  it('records every request the demo client sent to a Microsoft host', () => {
    expect(sent.length).toBeGreaterThanOrEqual(8);
    // Stored URLs keep a preview in place of a parameter that held content (the help search): it must be a
    // preview of exactly the value sent, every other parameter as sent.
    const missing = sent.filter((r) => !observations.some((o) => sameRequestUrl(o.url, `https://${r.host}${r.path}${r.search}`)));
    expect(missing).toEqual([]);
  });

  it('attributes requests to the client tab and origin (from originUrl / documentUrl)', () =>
    expectAttributedToClient(observations, server.origin, tabId));

  it('decodes the 1DS NDJSON body sent by the real SDK', () => expectSdkBatchDecoded(observations));

  it('inflates the gzip upload', () => {
    const gz = expectGzipInflated(observations);
    expect(gz?.annotation.items.map((i) => i.item)).toContain('language-settings');
  });

  it('records the sendBeacon call as a beacon, with its body', () => {
    // Firefox reports sendBeacon as type `beacon` and ends it with an error event once it is sent (nothing
    // waits for a beacon's response); it left all the same, so it is recorded and annotated.
    const beacon = observations.find((o) => o.type === 'beacon' && o.url.includes('/OneCollector/'));
    expect(beacon).toBeDefined();
    expect(beacon?.annotation.body.undecodable).toBe(false);
    expect(beacon?.annotation.items.map((i) => i.item)).toContain('browser-version');
  });

  it('keeps User-Agent and Accept-Language; Firefox sends no Sec-CH-UA', () => {
    const posts = observations.filter((o) => o.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(header(post, 'user-agent')).toMatch(/Firefox\//);
      expect(header(post, 'accept-language')).toMatch(/^sv-SE/);
      expect(post.headers.filter((h) => h.name.toLowerCase().startsWith('sec-ch-ua'))).toEqual([]);
    }
  });

  it('makes no network request of its own: everything the server received was asked for by the client page', () => {
    expect(pageRequests.size).toBeGreaterThan(0);
    const unexplained = server.received.filter(
      (r: any) => r.method !== 'OPTIONS' && !pageRequests.has(`${r.host}${r.path}${r.search}`),
    );
    expect(unexplained).toEqual([]);
  });

  it('shows in the popup what left the client tab, with the stored verdicts', async () => {
    expect(aggregate).toBeDefined();
    const stored = new Map(Object.entries(aggregate!.items).map(([item, flow]) => [item, flow!.worst as string]));
    expect(stored.size).toBeGreaterThan(0);
    const frame = await frameExtensionPage(page, extensionUrl(`popup.html?tab=${tabId}`));
    try {
      await frame.waitForSelector('[data-item][data-state="seen"]', { timeout: 10_000 });
      const shown: Array<[string, string | null]> = await frame.evaluate(() =>
        [...document.querySelectorAll('[data-item][data-state="seen"]')].map((row) => [
          row.getAttribute('data-item')!,
          row.querySelector('[data-verdict]')?.getAttribute('data-verdict') ?? null,
        ]),
      );
      expect(new Map(shown)).toEqual(stored);
      for (const item of ['browser-version', 'language-settings']) {
        expect(shown.map(([id]) => id)).toContain(item);
      }
      // Firefox on Linux sends no OS version (`X11; Linux x86_64`, no Client Hints): the OS row is a hint.
      expect(shown.map(([id]) => id)).not.toContain('os-version');
    } finally {
      await unframeExtensionPages(page);
    }
  });
});

describe('Firefox packaging', () => {
  it('builds for Manifest V3 too, with the Firefox settings', async () => {
    const { mv3Build } = await packaging;
    expect(mv3Build.code, mv3Build.out).toBe(0);
    const manifest = JSON.parse(await readFile(path.resolve('.output/firefox-mv3/manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings.gecko.id).toBe('telltale@telltale.invalid');
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(manifest.web_accessible_resources[0].resources).toContain('popup.html');
  });

  it('passes web-ext lint with no errors, MV2 and MV3', async () => {
    const { mv2, mv3 } = await packaging;
    for (const report of [mv2, mv3]) {
      expect(typeof report === 'string' ? report : report.errors).toEqual([]);
    }
  });
});
