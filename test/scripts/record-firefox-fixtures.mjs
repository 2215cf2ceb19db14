/**
 * Records the webRequest details real Firefox ESR hands an extension for the demo client's requests, and saves
 * them as fixtures in test/fixtures/requests/firefox/ for the engine tests.
 *
 *   node test/scripts/record-firefox-fixtures.mjs
 *
 * A throw-away probe extension (test/scripts/webrequest-probe.mjs) does the logging; Telltale is not involved.
 * The demo server runs on a fixed port so the recorded URLs are the same on every run.
 */
import path from 'node:path';
import { startDemoServer } from '../demo/server.mjs';
import { CLIENT_HOST } from '../demo/hosts.mjs';
import { frameExtensionPage, launchFirefox, runDemoClient, unframeExtensionPages, waitFor } from '../e2e/firefox-harness.mjs';
import { FIXTURE_PORT, PROBE_GECKO_ID, PROBE_UUID, groupByRequest, readProbeLog, saveFixtures, writeProbeExtension } from './webrequest-probe.mjs';

const outDir = path.resolve('test/fixtures/requests/firefox');

const probe = await writeProbeExtension('firefox');
const server = await startDemoServer({ port: FIXTURE_PORT });
const firefox = await launchFirefox({ extensionDir: probe.dir, uuids: { [PROBE_GECKO_ID]: PROBE_UUID } });
try {
  const page = await runDemoClient(firefox.browser, server.url());
  const sent = server.received.filter((r) => r.method !== 'OPTIONS' && r.host !== CLIENT_HOST);
  const version = await firefox.browser.version();
  // The probe's page, framed in a blank tab, reads its own storage.local.
  const reader = await firefox.browser.newPage();
  await reader.goto('about:blank');
  const readLog = async () => {
    const frame = await frameExtensionPage(reader, `moz-extension://${PROBE_UUID}/dump.html`);
    const log = await frame.evaluate(readProbeLog);
    await unframeExtensionPages(reader);
    return groupByRequest(log, { clientHost: CLIENT_HOST });
  };
  const done = (e) => (e.onCompleted || e.onErrorOccurred) && (e.onBeforeRequest ?? e.onSendHeaders).method !== 'OPTIONS';
  const complete = (entries) => entries.filter(done).length >= sent.length;
  const entries = await waitFor(readLog, complete);
  await page.close();

  const saved = await saveFixtures(outDir, { browser: 'firefox', browserVersion: version }, entries);
  console.log(`${version}: the demo client sent ${sent.length} requests; saved ${saved} fixtures to ${path.relative(process.cwd(), outDir)}/`);
} finally {
  await firefox.close();
  await server.close();
  await probe.remove();
}
