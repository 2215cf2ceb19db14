/**
 * The popup in real headless Chromium, after the demo client's real 1DS traffic: the items the SDK sends show
 * as seen with their purposes and verdicts, the evidence opens from the keyboard, axe-core finds no serious
 * or critical violation (light and dark), and screenshots land in test/.artifacts for a human look.
 * Needs the built extension in .output/chrome-mv3 (npm run build).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../lib/policy/load';
import { VERDICTS, type Lang } from '../../lib/policy/types';
import type { ScopeAggregate } from '../../lib/model';
// @ts-expect-error plain ESM helpers shared with npm start
import { startDemoServer } from '../demo/server.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { launchChromium, readExtensionStore, runDemoClient, tabIdOf, waitFor } from './harness.mjs';

const ARTIFACTS = path.resolve('test/.artifacts');
// On Linux the demo's OS fields name the OS family without a version: os-version is a hint, not an item.
const EXPECTED_ITEMS = ['browser-version', 'language-settings'] as const;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const policy = loadPolicy();

let server: any;
let browser: any;
let page: any;
let tabId: number;
let aggregate: ScopeAggregate | undefined;
let lang: Lang;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

async function seriousViolations(): Promise<AxeViolation[]> {
  // Evaluated over CDP, so the extension page's CSP (no inline scripts) does not stand in the way.
  await page.evaluate(axeSource);
  const result: { violations: AxeViolation[] } = await page.evaluate(() =>
    (globalThis as any).axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startDemoServer();
  browser = await launchChromium();
  const client = await runDemoClient(browser.context, server.url());
  tabId = await tabIdOf(browser.context, client);
  const key = `tab:${tabId}`;
  const aggregates: ScopeAggregate[] = await waitFor(
    () => readExtensionStore(browser.context, browser.extensionId, 'aggregates'),
    (rows: ScopeAggregate[]) => {
      const a = rows.find((r) => r.key === key);
      return EXPECTED_ITEMS.every((id) => a?.items[id]);
    },
  );
  aggregate = aggregates.find((r) => r.key === key);
  // Opened as a page beside the client tab; `?tab=` points it at the client's scope.
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
  await page.waitForSelector('tr[data-item="browser-version"][data-state="seen"]', { timeout: 15_000 });
  lang = (await page.evaluate(() => document.documentElement.lang)) === 'sv' ? 'sv' : 'en';
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('popup in real Chromium after the demo client ran', () => {
  it('loads one classic script and no module, and starts its reads before it renders', async () => {
    const scripts = await page.evaluate(() =>
      [...document.scripts].map((s) => ({ src: new URL(s.src).pathname, module: s.type === 'module', async: s.async, afterApp: s.previousElementSibling?.id === 'app' })),
    );
    // Async, after the element it renders into: it waits for neither the style sheet nor the end of parsing.
    expect(scripts).toEqual([{ src: '/popup-boot.js', module: false, async: true, afterApp: true }]);
    const marks: Record<string, number> = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name.replace(/^telltale:/, ''), m.startTime])),
    );
    // One script, in this order: the reads are started, then the view waits for them.
    expect(marks.boot).toBeLessThanOrEqual(marks.view!);
    expect(marks.view).toBeLessThanOrEqual(marks.render!);
  });

  it('takes screenshots as a user first sees it (light, dark, and the whole page)', async () => {
    // A real popup is at most 600 px tall; the first screen is what must explain itself.
    await page.setViewportSize({ width: 400, height: 600 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'popup.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'popup-full.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'popup-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('has the 1DS items in the tab aggregate (precondition)', () => {
    for (const id of EXPECTED_ITEMS) expect(aggregate?.items[id], id).toBeDefined();
  });

  it('does not claim os-version: the OS family that left is only a hint', async () => {
    expect(aggregate?.items['os-version']).toBeUndefined();
    expect(await page.locator('tr[data-item="os-version"]').getAttribute('data-state')).not.toBe('seen');
  });

  for (const id of EXPECTED_ITEMS) {
    it(`shows ${id} as seen, with its features, purposes per feature and verdict`, async () => {
      const row = page.locator(`tr[data-item="${id}"]`);
      expect(await row.getAttribute('data-state')).toBe('seen');
      const flow = aggregate!.items[id]!;
      expect(await row.locator('[data-verdict]').first().getAttribute('data-verdict')).toBe(flow.worst);
      expect(VERDICTS).toContain(flow.worst);
      const features = (await row.locator('[data-features]').getAttribute('data-features'))!.split(' ');
      expect(features.sort()).toEqual(Object.keys(flow.features).sort());
      // The count shown matches the aggregate.
      expect(await row.locator('.tt-items__num').textContent()).toBe(`${flow.requests}×`);
      // Details: each feature with the purposes the policy gives it, together all the flow's purposes.
      await row.locator('button').click();
      const details = page.locator(`#tt-details-${id}`);
      const detailFeatures = await details.locator('[data-feature]').evaluateAll((els: Element[]) =>
        els.map((e) => e.getAttribute('data-feature')),
      );
      expect(detailFeatures.sort()).toEqual(Object.keys(flow.features).sort());
      expect(flow.purposes.length).toBeGreaterThan(0);
      const shown = new Set(await details.locator('[data-purpose]').evaluateAll((els: Element[]) => els.map((e) => e.getAttribute('data-purpose'))));
      for (const p of shown) expect(flow.purposes).toContain(p);
      // Named in the page's language.
      const first = details.locator('[data-purpose]').first();
      const firstId = (await first.getAttribute('data-purpose'))!;
      expect(await first.textContent()).toBe(policy.purposes.find((x) => x.id === firstId)!.name[lang]);
      await row.locator('button').click();
    });
  }

  it('answers in one line, then says how many items left', async () => {
    const undisclosed = [...Object.values(aggregate!.items), ...Object.values(aggregate!.contents)].filter(
      (f) => f!.worst === 'omitted' || f!.worst === 'incorrect',
    ).length;
    expect(await page.locator('.tt-answer').getAttribute('data-undisclosed-count')).toBe(String(undisclosed));
    const left = Object.keys(aggregate!.items).length;
    expect(await page.locator('.tt-summary__facts').textContent()).toMatch(new RegExp(`^${left} (of|av) 6 `));
  });

  it('marks the first paint with data for the benchmark', async () => {
    const marks = await page.evaluate(() => performance.getEntriesByName('telltale:first-paint').length);
    expect(marks).toBe(1);
  });

  it('opens and closes evidence from the keyboard, once per key press', async () => {
    const toggle = page.locator('tr[data-item="browser-version"] button');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const hosts = await page.locator('#tt-details-browser-version [data-evidence-host]').evaluateAll((els: Element[]) =>
      els.map((e) => e.getAttribute('data-evidence-host')!),
    );
    // The demo server listens on a random port, which the host shows.
    expect(hosts.some((h: string) => h.startsWith('browser.events.data.microsoft.com'))).toBe(true);
    // Grouped by host and path: no endpoint twice.
    const endpoints = await page.locator('#tt-details-browser-version .tt-evgroup__endpoint').allTextContents();
    expect(new Set(endpoints).size).toBe(endpoints.length);
    const fields = await page.locator('#tt-details-browser-version .tt-evidence__fieldpath').allTextContents();
    expect(fields.some((f: string) => /browser|sec-ch-ua|user-agent/i.test(f))).toBe(true);
    await page.keyboard.press(' ');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press(' ');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('opens the Swedish original of a purpose clause', async () => {
    const toggle = page.locator('#tt-details-browser-version .tt-purposes button[aria-expanded]').first();
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const quote = page.locator('#tt-details-browser-version blockquote[lang="sv"]').first();
    const text = await quote.textContent();
    expect(policy.clauses.some((c) => c.sv === text)).toBe(true);
  });

  it('has no serious or critical accessibility violations, light and dark', async () => {
    // The evidence and the quote opened by the tests above are part of what is checked.
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await seriousViolations();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await seriousViolations();
    await page.screenshot({ path: path.join(ARTIFACTS, 'popup-expanded-dark.png'), fullPage: true });
    await page.locator('#tt-details-browser-version').screenshot({ path: path.join(ARTIFACTS, 'popup-evidence-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(light).toEqual([]);
    expect(dark).toEqual([]);
  });
});
