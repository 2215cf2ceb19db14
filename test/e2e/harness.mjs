/**
 * Real-browser harness: Debian Chromium driven by playwright-core with the built extension loaded and the
 * demo client's Microsoft hostnames mapped to loopback. Used by the e2e suite, `npm start` and the benchmarks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './browsers.mjs';
import { HOST_RESOLVER_RULES } from '../demo/hosts.mjs';
import { decodeObservations, readStoreInPage } from './stored.mjs';

export const CHROME_BUILD = path.resolve('.output/chrome-mv3');

/** Flags that keep Chromium quiet on a machine with no network, plus the loopback host map. */
export function chromiumArgs({ extensionDir, netLog } = {}) {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--ignore-certificate-errors',
    `--host-resolver-rules=${HOST_RESOLVER_RULES}`,
  ];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  if (netLog) args.push(`--log-net-log=${netLog}`, '--net-log-capture-mode=Everything');
  return args;
}

/**
 * @param {{ extensionDir?: string | null, headless?: boolean, locale?: string, netLog?: string, colorScheme?: 'light' | 'dark', args?: string[] }} [options]
 *   `args`: more Chromium flags (say, a DevTools port); the profile directory is returned as `userDataDir`.
 */
export async function launchChromium(options = {}) {
  const extensionDir = options.extensionDir === undefined ? CHROME_BUILD : options.extensionDir;
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'telltale-chromium-'));
  const headless = options.headless ?? true;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false,
    args: [...chromiumArgs({ extensionDir, netLog: options.netLog }), ...(headless ? ['--headless=new'] : []), ...(options.args ?? [])],
    ignoreHTTPSErrors: true,
    locale: options.locale ?? 'sv-SE',
    colorScheme: options.colorScheme,
    viewport: { width: 1100, height: 800 },
  });
  let extensionId = null;
  if (extensionDir) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    userDataDir,
    extensionId,
    extensionUrl: (page) => `chrome-extension://${extensionId}/${page}`,
    async close() {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/** Opens the demo client and waits until it has sent everything. */
export async function runDemoClient(context, url, { timeout = 30_000 } = {}) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-demo="done"]', { timeout, state: 'attached' });
  return page;
}

/**
 * Reads every record of an IndexedDB object store of the extension, from one of its own pages (extension pages
 * share the extension's storage). Opening a page keeps the service worker's traffic out of the picture.
 */
export async function readExtensionStore(context, extensionId, storeName, dbName = 'telltale') {
  const rows = await readRawStore(context, extensionId, storeName, dbName);
  // Observations are stored compact; tests read them as the extension's views do.
  return storeName === 'observations' ? decodeObservations(rows) : rows;
}

/** The records of one store as IndexedDB holds them. */
export async function readRawStore(context, extensionId, storeName, dbName = 'telltale') {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/popup.html?tab=-1`);
    return await page.evaluate(readStoreInPage, [dbName, storeName]);
  } finally {
    await page.close();
  }
}

/** Sends one protocol message from an extension page (a trusted sender) and returns the reply's value. */
export async function messageFrom(page, type, payload) {
  const reply = await page.evaluate(([t, p]) => globalThis.chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload]);
  if (!reply?.ok) throw new Error(`${type}: ${reply?.error}`);
  return reply.value;
}

/** Polls until `read()` returns a value for which `done(value)` is true, or the time is up; returns the last value. */
export async function waitFor(read, done, { timeout = 15_000, interval = 250 } = {}) {
  const end = Date.now() + timeout;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, interval));
    value = await read();
  }
  return value;
}

/** The tab id Chromium gave a page, asked from the extension's service worker. */
export async function tabIdOf(context, page) {
  const worker = context.serviceWorkers()[0];
  const url = page.url();
  return worker.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id ?? -1;
  }, url);
}
