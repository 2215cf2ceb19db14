/**
 * The third-party switch in real Firefox ESR, with the real prompt path: the options page's own checkbox is
 * clicked (a trusted click over WebDriver BiDi, so `permissions.request` runs inside a user gesture) and Firefox
 * answers the request. `extensions.webextOptionalPermissionPrompts: false` makes Firefox grant optional
 * permissions without showing its prompt, as if the user had allowed it. Refusing cannot be tested here: with
 * the prompt shown, it is a doorhanger in the browser's own window, which BiDi does not reach, and headless
 * Firefox leaves it open.
 *
 * BiDi does not open moz-extension:// pages, but a page may navigate itself to Telltale's web-accessible popup,
 * which then runs as a full extension page in a tab (with the permissions API) and may go on to the options page.
 *
 * Also: Firefox's `permissions.remove` of all sites leaves the custom origins' and the manifest's hosts granted
 * (unlike Chromium, permissions.e2e.test.ts), and the switch and the background follow the permission when
 * another page removes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../lib/model';
// @ts-expect-error plain ESM helpers shared with npm start
import { startDemoServer } from '../demo/server.mjs';
// @ts-expect-error plain ESM helpers
import { launchFirefox, readExtensionStore, waitFor } from './firefox-harness.mjs';

/** The extension API inside the pages evaluated here. */
declare const browser: any;

const CUSTOM = 'lyncweb.contoso.example';
const SWITCH = '[data-switch="third-party"]';
let server: any;
let f: any;
const host = (o: Observation) => new URL(o.url).hostname;

beforeAll(async () => {
  server = await startDemoServer();
  f = await launchFirefox({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
});
afterAll(async () => {
  await f?.close();
  await server?.close();
});

/** A tab showing one of Telltale's pages as a full extension page (see above). */
async function extensionTab(pagePath: string): Promise<any> {
  const tab = await f.browser.newPage();
  await tab.goto(server.url('scope.html'));
  await tab.evaluate((url: string) => void (location.href = url), f.extensionUrl('popup.html?tab=-1'));
  await waitFor(() => tab.evaluate(() => location.protocol).catch(() => ''), (p: string) => p === 'moz-extension:');
  if (pagePath !== 'popup.html?tab=-1') {
    await tab.evaluate((url: string) => void (location.href = url), f.extensionUrl(pagePath));
    await waitFor(() => tab.evaluate(() => location.pathname).catch(() => ''), (p: string) => p === `/${pagePath}`);
  }
  return tab;
}

const granted = (tab: any): Promise<string[]> => tab.evaluate(async () => (await browser.permissions.getAll()).origins);

/** Loads the client's tracking pixel in a new client tab; returns how many pixel records are stored after. */
async function pixelsStored(expectStored: number): Promise<number> {
  const sent = server.received.filter((r: any) => r.host === 'tracker.example').length;
  const page = await f.browser.newPage();
  try {
    await page.goto(server.url('scope.html?pixel=1'));
    await page.waitForSelector('body[data-demo="done"]');
    await waitFor(() => server.received.filter((r: any) => r.host === 'tracker.example').length, (n: number) => n > sent);
    const rows = await waitFor(
      () => readExtensionStore(page, f.extensionUrl, 'observations'),
      (r: Observation[]) => r.filter((o) => host(o) === 'tracker.example').length >= expectStored,
      { timeout: 10_000 },
    );
    return rows.filter((o: Observation) => host(o) === 'tracker.example').length;
  } finally {
    await page.close();
  }
}

describe('the third-party switch in Firefox', () => {
  let options: any;

  beforeAll(async () => {
    options = await extensionTab('options.html');
    await options.waitForSelector(SWITCH);
  });

  it('a custom origin is granted from the options form', async () => {
    await options.type('input[placeholder="lyncweb.example.com"]', CUSTOM);
    await options.click('form:has(input[placeholder="lyncweb.example.com"]) button[type="submit"]');
    await waitFor(() => granted(options), (o: string[]) => o.includes(`https://${CUSTOM}/*`));
    expect(await granted(options)).toContain(`https://${CUSTOM}/*`);
  });

  it('clicking the switch asks Firefox, which grants all sites; the box turns on and the background records third parties', async () => {
    expect(await options.$eval(SWITCH, (el: HTMLInputElement) => el.checked)).toBe(false);
    await options.click(SWITCH);
    await options.waitForSelector(`${SWITCH}:checked`);
    expect(await granted(options)).toContain('*://*/*');
    expect(await pixelsStored(1)).toBe(1);
  });

  it('clicking it off gives all sites back and keeps the custom origin and Microsoft hosts; nothing is missing', async () => {
    await options.click(SWITCH);
    await options.waitForSelector(`${SWITCH}:not(:checked)`);
    const left = await granted(options);
    expect(left).not.toContain('*://*/*');
    expect(left).toContain(`https://${CUSTOM}/*`);
    expect(left).toContain('*://*.microsoft.com/*');
    expect(await options.$('[data-host-access-missing]')).toBeNull();
    // The background stopped recording third parties: a second pixel left, none more is stored.
    expect(await pixelsStored(1)).toBe(1);
  });

  it('follows the permission when another page changes it', async () => {
    await options.click(SWITCH);
    await options.waitForSelector(`${SWITCH}:checked`);
    const popup = await extensionTab('popup.html?tab=-1');
    await popup.evaluate(() => browser.permissions.remove({ origins: ['*://*/*'] }));
    await options.waitForSelector(`${SWITCH}:not(:checked)`);
    await popup.close();
  });
});
