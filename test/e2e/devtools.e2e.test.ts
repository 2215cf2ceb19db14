/**
 * The DevTools panel page in real headless Chromium, after the demo client ran with one planted undisclosed
 * flow (`?mode=compliant&plant=1`).
 *
 Playwright does not reach DevTools' own UI, so most of the test loads the panel page directly as
 * `devtools-panel.html?tab=<id>` with the client tab's id (only the `devtools.inspectedWindow.tabId` lookup is
 * skipped). The last part opens the real panel inside DevTools with puppeteer-core (`page.openDevTools()` with
 * `handleDevToolsAsPage`), which works in headless Chromium 156, to prove the DevTools page adds the panel and
 * the panel finds its inspected tab. Needs the built extension (.output/chrome-mv3) and the Node CLI
 * (dist/cli.mjs, built here when missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../lib/model';
// @ts-expect-error plain ESM helpers shared with npm start
import { startDemoServer } from '../demo/server.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { CHROME_BUILD, chromiumArgs, launchChromium, readExtensionStore, runDemoClient, tabIdOf, waitFor } from './harness.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { chromiumPath } from './browsers.mjs';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const harValidator = require('har-validator') as { har: (data: unknown) => Promise<unknown> };
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CLI = path.resolve('dist/cli.mjs');
const RANK = { clear: 0, vague: 1, omitted: 2, incorrect: 3 } as const;

let server: any;
let browser: any;
let client: any;
let panel: any;
let tabId: number;
let work: string;

const worst = (o: Observation) =>
  Math.max(-1, ...[...o.annotation.items, ...o.annotation.findings].map((f) => RANK[f.verdict]));

async function tabObservations(): Promise<Observation[]> {
  const all: Observation[] = await readExtensionStore(browser.context, browser.extensionId, 'observations');
  return all.filter((o) => o.tabId === tabId);
}

/** Requests the demo server answered for the client, apart from the page itself and CORS preflights. */
const sentCount = () => server.received.filter((r: any) => r.method !== 'OPTIONS' && r.host !== 'outlook.office.com').length;

const rowIds = (): Promise<string[]> => panel.$$eval('[role="option"]', (els: HTMLElement[]) => els.map((e) => e.dataset.requestId!));
const waitForRows = (n: number) =>
  panel.waitForFunction((count: number) => document.querySelectorAll('[role="option"]').length === count, n, { timeout: 15_000 });

async function setFilter(value: string) {
  await panel.selectOption('select[data-filter]', value);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'telltale-devtools-'));
  if (!existsSync(CLI)) spawnSync(process.execPath, ['test/scripts/build-node.mjs'], { stdio: 'inherit' });
  server = await startDemoServer();
  browser = await launchChromium({ locale: 'en-GB' });
  client = await runDemoClient(browser.context, server.url('?mode=compliant&plant=1'));
  tabId = await tabIdOf(browser.context, client);
  await waitFor(tabObservations, (rows: Observation[]) => rows.length >= sentCount());
  panel = await browser.context.newPage();
  await panel.goto(browser.extensionUrl(`devtools-panel.html?tab=${tabId}&lang=en`));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('DevTools panel page in Chromium', () => {
  it('lists every stored request of the tab, oldest first, with features and verdicts', async () => {
    const stored = await tabObservations();
    expect(stored.length).toBeGreaterThanOrEqual(5);
    await waitForRows(stored.length);
    const expected = [...stored].sort((a, b) => a.time - b.time || a.id! - b.id!).map((o) => o.requestId);
    expect(await rowIds()).toEqual(expected);
    // The header names the inspected page by its title, not its tab id.
    await panel.waitForFunction((title: string) => document.querySelector('[data-tab]')?.textContent === title, await client.title(), { timeout: 10_000 });
    expect(await client.title()).not.toBe('');
    // One line per request; the features and flow chips show for the selected row only.
    expect(await panel.$$eval('[role="option"] [data-features]', (els: Element[]) => els.length)).toBe(0);
    const features: string[] = [];
    for (const row of await panel.$$('[role="option"]')) {
      await row.click();
      features.push(...(await panel.$$eval('[role="option"] [data-features]', (els: Element[]) => els.map((e) => e.getAttribute('data-features')!))));
    }
    expect(features).toContain('standard-computer-information');
    expect(features).toContain('online-help');
  });

  it('filters to omitted flows (the planted user id) and to vague-or-worse flows', async () => {
    const stored = await tabObservations();
    await setFilter('omitted');
    const omitted = stored.filter((o) => worst(o) >= RANK.omitted).map((o) => o.requestId);
    expect(omitted.length).toBeGreaterThanOrEqual(1);
    await waitForRows(omitted.length);
    expect((await rowIds()).sort()).toEqual([...omitted].sort());
    // The chips of a row show once it is selected.
    const flows: string[] = [];
    for (const row of await panel.$$('[role="option"]')) {
      await row.click();
      flows.push(...(await panel.$$eval('[role="option"] [data-flow][data-verdict="omitted"]', (els: Element[]) => els.map((e) => e.getAttribute('data-flow')!))));
    }
    expect(new Set(flows)).toEqual(new Set(['user-id']));

    await setFilter('vague');
    const vague = stored.filter((o) => worst(o) >= RANK.vague);
    await waitForRows(vague.length);
    await setFilter('all');
    await waitForRows(stored.length);
  });

  it('selecting a request shows its evidence: the planted field, marked, with its verdict', async () => {
    await setFilter('omitted');
    await panel.click('[role="option"]');
    const pane = panel.locator('.tt-evidence-pane');
    await pane.locator('mark[data-path]').first().waitFor();
    const paths: string[] = await pane.locator('mark[data-path]').evaluateAll((els: Element[]) => els.map((e) => e.getAttribute('data-path')));
    expect(paths.some((p) => /^body\[\d+\]\.data\.UserInfo\.Id$/.test(p))).toBe(true);
    expect(await pane.locator('[data-subject="user-id"] [data-verdict]').first().getAttribute('data-verdict')).toBe('omitted');
    expect(await pane.locator('.tt-reqline').textContent()).toContain('/OneCollector/1.0/');
    await setFilter('all');
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    await panel.evaluate(axeSource);
    const result: { violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> } = await panel.evaluate(() =>
      (globalThis as any).axe.run(document, { resultTypes: ['violations'] }),
    );
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  it('exports a valid HAR of the listed requests that telltale verify accepts and telltale check reads', async () => {
    const stored = await tabObservations();
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('[data-action="export-har"]')]);
    const file = path.join(work, download.suggestedFilename());
    await download.saveAs(file);
    expect(path.basename(file)).toBe(`Telltale-tab-${tabId}.har`);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    await expect(harValidator.har(doc)).resolves.toBeTruthy();
    expect(doc.log.entries.map((e: any) => e._telltale.requestId).sort()).toEqual(stored.map((o) => o.requestId).sort());
    const verify = spawnSync(process.execPath, [CLI, 'verify', file], { encoding: 'utf8' });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    const check = spawnSync(process.execPath, [CLI, 'check', file, '--json'], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout).summary.entries).toBe(stored.length);
  });

  it('clear empties the list without deleting anything stored, and new requests appear live', async () => {
    const before = await tabObservations();
    await panel.click('[data-action="clear"]');
    await waitForRows(0);
    expect(await panel.textContent('[data-empty]')).toContain('No requests from this tab yet');
    expect((await tabObservations()).map((o) => o.id)).toEqual(before.map((o) => o.id));

    // The demo page's button runs a full (non-compliant) session again in the same tab.
    const sentBefore = sentCount();
    await client.click('#again');
    // The session ends with a beacon; the first run logged one too.
    await client.waitForFunction(() => (document.getElementById('log')?.textContent?.match(/beacon queued/g) ?? []).length >= 2, null, { timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await waitFor(tabObservations, (rows: Observation[]) => rows.length >= before.length + (sentCount() - sentBefore), { timeout: 20_000 });
    expect(sentCount()).toBeGreaterThan(sentBefore);
    const after = await tabObservations();
    const fresh = after.filter((o) => o.id! > Math.max(...before.map((b) => b.id!)));
    expect(fresh.length).toBeGreaterThan(0);
    await waitForRows(fresh.length);
    expect((await rowIds()).sort()).toEqual(fresh.map((o) => o.requestId).sort());

    // Reopening the panel on the tab keeps the cut.
    await panel.reload();
    await waitForRows(fresh.length);
  });
});

describe('custom rules: options page import, applied by the background', () => {
  const rulesFile = path.resolve('test/fixtures/rules/demo-client.rules.json');
  const folderFindings = (rows: Observation[]) =>
    rows.flatMap((o) => o.annotation.findings.filter((f) => f.kind === 'files-documents').flatMap((f) => f.evidence.map((e) => e.path)));

  it('before any rules, the folder name in the 1DS events is not a finding', async () => {
    expect(folderFindings(await tabObservations())).toEqual([]);
  });

  it('imports the rules file; a malformed file afterwards is refused with its field named and the rules stay', async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.waitForSelector('[data-rules-state="none"]');
    await options.setInputFiles('[data-rules] input[type="file"]', rulesFile);
    await options.waitForSelector('[data-rules-state="active"][data-rules-file="demo-client.rules.json"]');

    await options.setInputFiles('[data-rules] input[type="file"]', path.resolve('test/fixtures/rules/malformed-field.rules.json'));
    const alert = options.locator('[data-rules-outcome="error"]');
    await alert.waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.textContent()).toContain('fields[1].kind "account-name"');
    // The background still has the first file: a fresh page asks it again.
    await options.reload();
    await options.waitForSelector('[data-rules-state="active"][data-rules-file="demo-client.rules.json"]');
    await options.close();
  });

  it('the background applies the stored rules to requests seen afterwards', async () => {
    const before = new Set((await tabObservations()).map((o) => o.id));
    const sentBefore = sentCount();
    await client.click('#again');
    await client.waitForFunction(() => (document.getElementById('log')?.textContent?.match(/beacon queued/g) ?? []).length >= 3, null, { timeout: 20_000 });
    const rows: Observation[] = await waitFor(tabObservations, (r: Observation[]) => folderFindings(r.filter((o) => !before.has(o.id))).length > 0, { timeout: 20_000 });
    expect(sentCount()).toBeGreaterThan(sentBefore);
    const fresh = rows.filter((o) => !before.has(o.id));
    expect(folderFindings(fresh).every((p) => /^body\[\d+\]\.data\.Folder$/.test(p))).toBe(true);
    // Requests stored before the import keep the annotation they were stored with.
    expect(folderFindings(rows.filter((o) => before.has(o.id)))).toEqual([]);
  });
});

describe('the real DevTools panel (puppeteer-core, DevTools opened on the client tab)', () => {
  let pptr: any;
  afterAll(async () => {
    await pptr?.close();
  });

  it('DevTools shows a "Telltale" panel that lists the inspected tab requests', async () => {
    pptr = await puppeteer.launch({
      executablePath: chromiumPath(),
      headless: true,
      pipe: true,
      enableExtensions: true,
      handleDevToolsAsPage: true,
      acceptInsecureCerts: true,
      args: chromiumArgs({ extensionDir: CHROME_BUILD }),
    } as any);
    const page = await pptr.newPage();
    await page.goto(server.url('?mode=compliant&plant=1'));
    await page.waitForSelector('body[data-demo="done"]');
    const worker = await (await pptr.waitForTarget((t: any) => t.type() === 'service_worker')).worker();
    // Strings, not functions: the test transform would rewrite `chrome` and dynamic imports inside functions.
    const clientTab: number = await worker.evaluate(
      `chrome.tabs.query({}).then((tabs) => tabs.find((t) => t.url === ${JSON.stringify(page.url())})?.id ?? -1)`,
    );
    const devtools = await page.openDevTools();
    // The DevTools front end (its own modules, inside devtools://) adds extension panels a moment after it opens.
    const inspector = "import('./ui/legacy/legacy.js').then((UI) => UI.InspectorView.InspectorView.instance())";
    const panelId = (): Promise<string | undefined> =>
      devtools.evaluate(`${inspector}.then((v) => v.tabbedPane.tabIds().find((id) => id.endsWith('Telltale')))`).catch(() => undefined);
    const id = await waitFor(panelId, (v: string | undefined) => v !== undefined, { timeout: 20_000, interval: 500 });
    expect(id).toMatch(/^chrome-extension:\/\/[a-p]{32}Telltale$/);
    await devtools.evaluate(`${inspector}.then((v) => v.showPanel(${JSON.stringify(id)}))`);
    const frame = await waitFor(
      async () => devtools.frames().find((f: any) => f.url().endsWith('/devtools-panel.html')),
      (f: unknown) => f !== undefined,
      { timeout: 10_000 },
    );
    await frame.waitForSelector('[role="option"][data-worst="omitted"]', { timeout: 15_000 });
    await frame.click('[role="option"][data-worst="omitted"]');
    await frame.waitForSelector('[role="option"] [data-flow="user-id"][data-verdict="omitted"]', { timeout: 15_000 });
    expect(await frame.$eval('[data-tab]', (e: Element) => e.getAttribute('data-tab'))).toBe(String(clientTab));
    expect(await frame.$$eval('[role="option"]', (els: Element[]) => els.length)).toBeGreaterThanOrEqual(5);
  });
});
