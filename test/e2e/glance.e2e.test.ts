/**
 * What a user sees, in real headless Chromium after the demo client's real traffic, in Swedish and English:
 * - screenshots of the popup (its first screen at 400 × 600), report, DevTools panel (1000 × 600), options and
 *   policy page go to .output/screenshots/ (not committed) for a human look;
 * - the popup's answer and item table lie within the first 600 px, nothing overflows 400 px sideways, and
 *   each item's evidence is reached with at most 15 Tab presses;
 * - axe-core finds no serious or critical violation on any of the pages.
 * Needs the built extension in .output/chrome-mv3 (npm run build).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScopeAggregate } from '../../lib/model';
// @ts-expect-error plain ESM helpers shared with npm start
import { startDemoServer } from '../demo/server.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { launchChromium, readExtensionStore, runDemoClient, tabIdOf, waitFor } from './harness.mjs';

const SHOTS = path.resolve('.output/screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LANGS = ['sv', 'en'] as const;
const MAX_TABS = 15;

let server: any;
let browser: any;
let tabId: number;
let seenItems: string[] = [];

const pages = (lang: string) => ({
  popup: { url: `popup.html?tab=${tabId}&lang=${lang}`, size: { width: 400, height: 600 }, ready: '.tt-answer' },
  report: { url: `report.html?lang=${lang}`, size: { width: 1200, height: 800 }, ready: '[data-scope], .tt-report' },
  panel: { url: `devtools-panel.html?tab=${tabId}&lang=${lang}`, size: { width: 1000, height: 600 }, ready: '[data-count]' },
  options: { url: `options.html?lang=${lang}`, size: { width: 800, height: 800 }, ready: 'h1' },
  policy: { url: `policy.html?lang=${lang}`, size: { width: 1000, height: 800 }, ready: 'h1' },
});

async function open(url: string, size: { width: number; height: number }, ready: string) {
  const page = await browser.context.newPage();
  await page.setViewportSize(size);
  await page.goto(browser.extensionUrl(url));
  await page.waitForSelector(ready, { timeout: 15_000 });
  // Fonts and the after-paint loads (the popup's policy model) settle.
  await page.waitForTimeout(300);
  return page;
}

async function seriousViolations(page: any): Promise<string[]> {
  // Evaluated over CDP, so the extension page's CSP (no inline scripts) does not stand in the way.
  await page.evaluate(axeSource);
  const result: { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> } =
    await page.evaluate(() => (globalThis as any).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startDemoServer();
  browser = await launchChromium();
  const client = await runDemoClient(browser.context, server.url());
  tabId = await tabIdOf(browser.context, client);
  const key = `tab:${tabId}`;
  const rows: ScopeAggregate[] = await waitFor(
    () => readExtensionStore(browser.context, browser.extensionId, 'aggregates'),
    (list: ScopeAggregate[]) => Object.keys(list.find((r) => r.key === key)?.items ?? {}).length >= 3,
  );
  seenItems = Object.keys(rows.find((r) => r.key === key)!.items);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(LANGS)('pages in %s', (lang) => {
  for (const [name, p] of Object.entries(pages('xx'))) {
    it(`${name}: screenshot, and no serious or critical axe violation`, async () => {
      const spec = pages(lang)[name as keyof ReturnType<typeof pages>];
      const page = await open(spec.url, spec.size, p.ready);
      try {
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}.png`) });
        if (name === 'popup' || name === 'policy') {
          await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}-full.png`), fullPage: true });
        }
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('popup: the answer and the item table are on the first screen, nothing overflows sideways', async () => {
    const spec = pages(lang).popup;
    const page = await open(spec.url, spec.size, spec.ready);
    try {
      const box = await page.evaluate(() => {
        const bottom = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().bottom;
        return {
          answer: bottom('.tt-answer'),
          table: bottom('.tt-items'),
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          rows: document.querySelectorAll('.tt-items tr[data-item]').length,
        };
      });
      expect(box.rows).toBe(6);
      expect(box.answer).toBeLessThanOrEqual(600);
      expect(box.table).toBeLessThanOrEqual(600);
      expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
    } finally {
      await page.close();
    }
  });

  it(`popup: each item's evidence is reached within ${MAX_TABS} Tab presses`, async () => {
    expect(seenItems.length).toBeGreaterThanOrEqual(3);
    const spec = pages(lang).popup;
    for (const item of seenItems) {
      const page = await open(spec.url, spec.size, spec.ready);
      try {
        let presses = 0;
        let reached = false;
        while (presses < MAX_TABS && !reached) {
          await page.keyboard.press('Tab');
          presses += 1;
          reached = await page.evaluate(
            (id: string) => document.activeElement?.closest('tr')?.getAttribute('data-item') === id,
            item,
          );
        }
        expect(reached, `${item} after ${presses} Tab presses`).toBe(true);
        // The toggle has a visible focus ring.
        expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
        await page.keyboard.press('Enter');
        const details = page.locator(`#tt-details-${item}`);
        await details.locator('.tt-evgroup').first().waitFor({ timeout: 5_000 });
        expect(await details.isVisible()).toBe(true);
      } finally {
        await page.close();
      }
    }
  });
});
