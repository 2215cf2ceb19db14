/**
 * Records the webRequest details real Chromium hands an extension for the demo client's requests, and saves
 * them as fixtures in test/fixtures/requests/chromium/ for the engine tests.
 *
 *   node test/scripts/record-chromium-fixtures.mjs
 *
 * The same throw-away probe extension as for Firefox does the logging (test/scripts/webrequest-probe.mjs), with
 * `extraHeaders` so Chromium shows Accept-Language, Origin and Referer as Telltale sees them.
 */
import path from 'node:path';
import { startDemoServer } from '../demo/server.mjs';
import { CLIENT_HOST } from '../demo/hosts.mjs';
import { launchChromium, runDemoClient, waitFor } from '../e2e/harness.mjs';
import { FIXTURE_PORT, groupByRequest, readProbeLog, saveFixtures, writeProbeExtension } from './webrequest-probe.mjs';

const outDir = path.resolve('test/fixtures/requests/chromium');

const probe = await writeProbeExtension('chromium');
const server = await startDemoServer({ port: FIXTURE_PORT });
const chromium = await launchChromium({ extensionDir: probe.dir });
try {
  const page = await runDemoClient(chromium.context, server.url());
  const sent = server.received.filter((r) => r.method !== 'OPTIONS' && r.host !== CLIENT_HOST);
  const reader = await chromium.context.newPage();
  await reader.goto(chromium.extensionUrl('dump.html'));
  const version = await reader.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? 'unknown');
  const readLog = async () => groupByRequest(await reader.evaluate(readProbeLog), { clientHost: CLIENT_HOST });
  const done = (e) => (e.onCompleted || e.onErrorOccurred) && (e.onBeforeRequest ?? e.onSendHeaders).method !== 'OPTIONS';
  const entries = await waitFor(readLog, (all) => all.filter(done).length >= sent.length);
  await page.close();

  const saved = await saveFixtures(outDir, { browser: 'chromium', browserVersion: `chromium/${version}` }, entries);
  console.log(`Chromium ${version}: the demo client sent ${sent.length} requests; saved ${saved} fixtures to ${path.relative(process.cwd(), outDir)}/`);
} finally {
  await chromium.close();
  await server.close();
  await probe.remove();
}
