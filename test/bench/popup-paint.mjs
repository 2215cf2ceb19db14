/**
 * Popup first paint in real Chromium with 100 000 stored observations.
 *
 * The profile is prepared as in chromium-storage.mjs (the demo client's recorded observations copied 100 000
 * times into the client tab's scope through lib/store). popup.html?tab=<id> is then opened in a new tab, again
 * and again; the popup sets performance.mark('telltale:first-paint') after its first render with data, so
 * the mark's startTime is the time from navigation start to that render.
 *
 *   npx wxt build && node test/bench/popup-paint.mjs [count] [opens]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, machineRows, median, prepareProfile } from './chromium-storage.mjs';

async function main() {
  const count = Number(process.argv[2] ?? 100_000);
  const opens = Math.max(10, Number(process.argv[3] ?? 15));
  const p = await prepareProfile(count);
  const url = `chrome-extension://${p.extensionId}/popup.html?tab=${p.tabId}`;
  const runs = [];
  try {
    for (let i = 0; i < opens; i++) {
      const page = await p.context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('telltale:first-paint').length > 0, null, {
        timeout: 10_000,
      });
      runs.push(
        await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          return {
            firstPaint: performance.getEntriesByName('telltale:first-paint')[0].startTime,
            domContentLoaded: nav?.domContentLoadedEventEnd ?? -1,
            items: document.querySelectorAll('[data-item]').length,
          };
        }),
      );
      await page.close();
    }
  } finally {
    await p.close();
    p.removeProfile();
  }
  const paints = runs.map((r) => r.firstPaint);
  const warm = paints.slice(1);
  const rows = [
    `### Popup first paint in real Chromium (${count.toLocaleString('en')} stored observations)`,
    '',
    '| measure | value |',
    '|---|---|',
    ...machineRows(machine()),
    `| opens of popup.html?tab=<id> | ${opens} |`,
    `| first paint (navigation start → first render with data), median (ms) | ${median(paints).toFixed(1)} |`,
    `| first paint, first open / median of the others / max (ms) | ${paints[0].toFixed(1)} / ${median(warm).toFixed(1)} / ${Math.max(...paints).toFixed(1)} |`,
    `| DOMContentLoaded, median (ms) | ${median(runs.map((r) => r.domContentLoaded)).toFixed(1)} |`,
    `| elements with data-item rendered | ${runs[0].items} |`,
    `| target ≤ 100 ms met (median) | ${median(paints) <= 100 ? 'yes' : 'no'} |`,
  ];
  console.log(rows.join('\n'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
