/**
 * Real-browser harness for Firefox: Debian's firefox-esr, headless, driven by puppeteer-core over WebDriver BiDi,
 * with the built extension installed as a temporary add-on and the demo client's Microsoft hostnames resolved to
 * loopback. The Chromium counterpart is harness.mjs; the two share the demo server and the conventions.
 *
 * BiDi will not navigate a tab to a moz-extension:// page, so extension pages are reached by framing them in a
 * web page (they must be listed in web_accessible_resources). A framed extension page shares the extension's
 * IndexedDB (not partitioned by the framing site), so the tests read the store through it. It gets only the
 * APIs a content script has (runtime, storage, i18n; no tabs), so a tab's id comes from a tiny helper add-on
 * installed beside the extension: its framed page asks its background, which answers with `sender.tab.id`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { firefoxPath } from './browsers.mjs';
import { DEMO_HOSTS } from '../demo/hosts.mjs';
import { decodeObservations, readStoreInPage } from './stored.mjs';

export const FIREFOX_BUILD = path.resolve('.output/firefox-mv2');
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const GECKO_ID = 'telltale@telltale.invalid';
/** Fixed so moz-extension:// URLs are known before the add-on is installed. */
export const EXTENSION_UUID = '7e1a5c2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d';
/** The tab-id helper add-on (test only, written to a temporary directory at launch). */
export const HELPER_GECKO_ID = 'tab-id-helper@telltale.invalid';
export const HELPER_UUID = '5f4e3d2c-1b0a-4987-8654-3210fedcba98';
const HELPER_PAGE = `moz-extension://${HELPER_UUID}/whoami.html`;

/** Writes the tab-id helper: a background that tells a framed page of its own which tab hosts it. */
async function writeTabIdHelper() {
  const dir = await mkdtemp(path.join(tmpdir(), 'telltale-tab-id-helper-'));
  const manifest = {
    manifest_version: 2,
    name: 'tab id helper',
    version: '1.0',
    background: { scripts: ['background.js'] },
    web_accessible_resources: ['whoami.html'],
    browser_specific_settings: { gecko: { id: HELPER_GECKO_ID } },
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(
    path.join(dir, 'background.js'),
    "browser.runtime.onMessage.addListener((m, sender) => m === 'tab-id' ? Promise.resolve(sender.tab ? sender.tab.id : -1) : undefined);\n",
  );
  await writeFile(path.join(dir, 'whoami.html'), '<!doctype html><meta charset="utf-8"><title>tab id</title>\n');
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Profile preferences: loopback host map, no HTTPS-first upgrades (the demo server is HTTPS anyway, but the map
 * must not be second-guessed), Swedish Accept-Language, fixed add-on UUIDs, nothing phoning home.
 * @param {{ uuids?: Record<string, string>, acceptLanguages?: string, hosts?: string[] }} [options]
 */
export function firefoxPrefs({ uuids = { [GECKO_ID]: EXTENSION_UUID }, acceptLanguages = 'sv-SE, sv, en', hosts = DEMO_HOSTS } = {}) {
  return {
    // Every listed hostname resolves to 127.0.0.1; URLs keep their port, so the demo server's random port works.
    'network.dns.localDomains': hosts.join(','),
    'dom.security.https_first': false,
    'dom.security.https_first_pbm': false,
    'intl.accept_languages': acceptLanguages,
    'extensions.webextensions.uuids': JSON.stringify(uuids),
    // Temporary add-ons need no signature, but keep the check from reaching the network or prompting.
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    'extensions.enabledScopes': 5,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    // Private-browsing windows would hide the tab from a non-incognito extension.
    'browser.privatebrowsing.autostart': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'toolkit.telemetry.enabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'app.normandy.enabled': false,
    'browser.region.network.url': '',
    'browser.topsites.contile.enabled': false,
  };
}

/**
 * @param {{ extensionDir?: string | null, uuids?: Record<string, string>, headless?: boolean, acceptLanguages?: string, prefs?: Record<string, unknown> }} [options]
 */
export async function launchFirefox(options = {}) {
  const executablePath = firefoxPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Firefox ESR not found at ${executablePath}: run \`node test/scripts/ensure-browsers.mjs firefox\` or set FIREFOX_PATH.`);
  }
  const extensionDir = options.extensionDir === undefined ? FIREFOX_BUILD : options.extensionDir;
  if (extensionDir && !existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npx wxt build -b firefox\` first.`);
  }
  const uuids = { [HELPER_GECKO_ID]: HELPER_UUID, ...(options.uuids ?? { [GECKO_ID]: EXTENSION_UUID }) };
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless ?? true,
    protocol: 'webDriverBiDi',
    acceptInsecureCerts: true,
    extraPrefsFirefox: { ...firefoxPrefs({ uuids, acceptLanguages: options.acceptLanguages }), ...options.prefs },
  });
  const helper = await writeTabIdHelper();
  let extensionId = null;
  try {
    await browser.installExtension(helper.dir);
    if (extensionDir) extensionId = await browser.installExtension(extensionDir);
  } catch (error) {
    await browser.close().catch(() => {});
    await helper.remove();
    throw error;
  }
  const uuid = extensionId ? uuids[extensionId] : undefined;
  return {
    browser,
    extensionId,
    uuid,
    /** @param {string} page */
    extensionUrl: (page) => `moz-extension://${uuid}/${page}`,
    /** The tab id Firefox's extension APIs use for `page` (a puppeteer Page). */
    tabIdOf: (page) => tabIdOf(page),
    async close() {
      await browser.close().catch(() => {});
      await helper.remove().catch(() => {});
    },
  };
}

/**
 * Opens the demo client in a new tab and waits until it has sent everything. `onPage` runs before the
 * navigation, e.g. to listen to the page's requests from the start.
 */
export async function runDemoClient(browser, url, { timeout = 30_000, onPage } = {}) {
  const page = await browser.newPage();
  await onPage?.(page);
  await page.goto(url);
  await page.waitForSelector('body[data-demo="done"]', { timeout });
  return page;
}

/**
 * Frames an extension page inside `page` and returns the puppeteer Frame once it has loaded.
 * The frame is appended to the page's body, so the page's own content stays as it was.
 */
export async function frameExtensionPage(page, url, { timeout = 15_000 } = {}) {
  const name = `telltale-frame-${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    (src, frameName) =>
      new Promise((resolve, reject) => {
        const frame = document.createElement('iframe');
        frame.name = frameName;
        frame.src = src;
        frame.style.cssText = 'width: 420px; height: 600px; border: 1px solid #888';
        frame.addEventListener('load', () => resolve(undefined), { once: true });
        frame.addEventListener('error', () => reject(new Error(`could not frame ${src}`)), { once: true });
        document.body.append(frame);
      }),
    url,
    name,
  );
  // Over BiDi, puppeteer reports a moz-extension frame's URL as about:blank, so the frame is recognised by the
  // unique name it was given, asked from inside each child frame.
  const end = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame.evaluate(() => [window.name, location.href]).catch(() => null);
      if (found && found[0] === name && found[1] === url) return frame;
    }
    if (Date.now() > end) throw new Error(`framed ${url} but could not reach the frame`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Removes frames added by frameExtensionPage, so the next read starts fresh. */
export async function unframeExtensionPages(page) {
  await page.evaluate(() => {
    for (const frame of document.querySelectorAll('iframe[name^="telltale-frame-"]')) frame.remove();
  });
}

/**
 * Reads every record of an IndexedDB object store of the extension, through an extension page framed in `page`
 * (`framePage` is any web-accessible page of the extension).
 */
export async function readExtensionStore(page, extensionUrl, storeName, { dbName = 'telltale', framePage = 'popup.html?tab=-1' } = {}) {
  const frame = await frameExtensionPage(page, extensionUrl(framePage));
  try {
    const rows = await frame.evaluate(readStoreInPage, [dbName, storeName]);
    // Observations are stored compact; tests read them as the extension's views do.
    return storeName === 'observations' ? await decodeObservations(rows) : rows;
  } finally {
    await unframeExtensionPages(page).catch(() => {});
  }
}

/** The tab id Firefox gave `page`, asked through the helper add-on's page framed in it. */
export async function tabIdOf(page) {
  const frame = await frameExtensionPage(page, HELPER_PAGE);
  try {
    return await frame.evaluate(() => globalThis.browser.runtime.sendMessage('tab-id'));
  } finally {
    await unframeExtensionPages(page).catch(() => {});
  }
}

export { waitFor } from './harness.mjs';
