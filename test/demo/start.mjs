/**
 * `npm start`: the main job on the bundled demo client.
 * Builds the Chrome extension, serves the demo "Office-like web client" over HTTPS on loopback, and opens Debian
 * Chromium with Telltale loaded and Microsoft's hostnames mapped to loopback. With a display it opens a normal
 * window and stays open; without one it runs headless, prints what Telltale captured and saves a screenshot of
 * the popup.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startDemoServer } from './server.mjs';
import { launchChromium, readExtensionStore, runDemoClient, tabIdOf, waitFor } from '../e2e/harness.mjs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('node', ['test/scripts/ensure-browsers.mjs', 'chromium']);
run('npx', ['wxt', 'build']);

const headless = !process.env.DISPLAY || process.env.HEADLESS === '1';
const server = await startDemoServer();
const browser = await launchChromium({ headless });
console.log(`Demo client: ${server.url()}  (extension ${browser.extensionId})`);

const page = await runDemoClient(browser.context, server.url());
const tabId = await tabIdOf(browser.context, page);
const sent = server.received.filter((r) => r.method !== 'OPTIONS' && r.host !== 'outlook.office.com');
const observations = await waitFor(
  () => readExtensionStore(browser.context, browser.extensionId, 'observations'),
  (rows) => rows.filter((o) => o.tabId === tabId).length >= sent.length,
);
const mine = observations.filter((o) => o.tabId === tabId);

console.log(`\nThe demo client sent ${sent.length} requests to Microsoft hosts; Telltale recorded ${mine.length}.\n`);
for (const o of mine) {
  const url = new URL(o.url);
  const a = o.annotation ?? {};
  const items = (a.items ?? []).map((i) => `${i.item}(${i.verdict})`).join(' ');
  const findings = (a.findings ?? []).map((f) => `${f.kind}(${f.verdict})`).join(' ');
  console.log(`${o.method.padEnd(5)} ${url.host}${url.pathname}`);
  console.log(`      features: ${(a.features ?? []).join(', ')}`);
  console.log(`      items:    ${items}`);
  if (findings) console.log(`      content:  ${findings}`);
}

const shotPath = path.resolve('.output/demo-popup.png');
mkdirSync(path.dirname(shotPath), { recursive: true });
const popup = await browser.context.newPage();
await popup.setViewportSize({ width: 420, height: 900 });
await popup.goto(`${browser.extensionUrl('popup.html')}?tab=${tabId}`);
await popup.waitForTimeout(800);
await popup.screenshot({ path: shotPath, fullPage: true });
console.log(`\nPopup screenshot: ${shotPath}`);

if (headless) {
  await browser.close();
  await server.close();
} else {
  console.log('Chromium is open with the demo client. Click the Telltale toolbar icon to see the popup. Ctrl-C to quit.');
  const stop = async () => {
    await browser.close();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  browser.context.on('close', stop);
}
