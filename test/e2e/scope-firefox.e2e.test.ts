/**
 * Scope in real Firefox ESR over WebDriver BiDi, the same figures as scope.e2e.test.ts in Chromium: the help link
 * and the help form (same tab), window.open and a go.microsoft.com/fwlink redirect (new tabs) are the client's
 * online help, the client's service worker is shown in a client tab's popup, and a third-party pixel is stored
 * only while the all-sites permission is granted. Firefox names the page that started a navigation `originUrl`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation, ScopeAggregate } from '../../lib/model';
// @ts-expect-error plain ESM helpers shared with npm start
import { startDemoServer } from '../demo/server.mjs';
import {
  FIREFOX_BUILD,
  frameExtensionPage,
  launchFirefox,
  readExtensionStore,
  runDemoClient,
  tabIdOf,
  unframeExtensionPages,
  waitFor,
  // @ts-expect-error plain ESM helpers
} from './firefox-harness.mjs';
// @ts-expect-error plain ESM helper
import { withAllSitesGranted } from './all-sites.mjs';

/** Service workers on the demo server's self-signed certificate. */
const PREFS = { 'dom.serviceWorkers.testing.enabled': true };
let server: any;
const host = (o: Observation) => new URL(o.url).hostname;

async function observations(f: any, page: any, done: (rows: Observation[]) => boolean): Promise<Observation[]> {
  return waitFor(() => readExtensionStore(page, f.extensionUrl, 'observations'), done, { timeout: 20_000 });
}

/** The popup for `tabId`, framed in `page`: the element matching `selector` once it shows, as [attribute, text]. */
async function popupShows(f: any, page: any, tabId: number, selector: string, attribute: string): Promise<[string | null, string]> {
  const frame = await frameExtensionPage(page, f.extensionUrl(`popup.html?tab=${tabId}`));
  try {
    await frame.waitForSelector(selector, { timeout: 15_000 });
    return await frame.evaluate((s: string, a: string) => {
      const el = document.querySelector(s)!;
      return [el.getAttribute(a), el.textContent ?? ''];
    }, selector, attribute);
  } finally {
    await unframeExtensionPages(page).catch(() => {});
  }
}

/** Clicks `selector` in `page`; resolves with the new tab it opens, once loaded. */
async function opensTab(f: any, page: any, selector: string): Promise<any> {
  const created = new Promise<any>((resolve) => f.browser.once('targetcreated', (t: any) => resolve(t.page())));
  await page.click(selector);
  const opened = await created;
  await waitFor(() => opened.url(), (u: string) => /support\.microsoft\.com/.test(u), { timeout: 15_000 });
  await opened.waitForSelector('h1');
  return opened;
}

beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(async () => {
  await server?.close();
});

describe('Firefox, without the all-sites permission', () => {
  let f: any;
  let page: any;
  let tabId: number;

  beforeAll(async () => {
    f = await launchFirefox({ prefs: PREFS });
    page = await runDemoClient(f.browser, server.url('scope.html?sw=1'));
    tabId = await f.tabIdOf(page);
  });
  afterAll(async () => {
    await f?.close();
  });

  it("records the service worker's fetch as the client's and shows it in a client tab's popup; no third party", async () => {
    await page.click('#pixel');
    await waitFor(() => server.received.filter((r: any) => r.host === 'tracker.example'), (r: any[]) => r.length > 0);
    const rows = await observations(f, page, (r) => r.some((o) => o.url.includes('from=sw')));
    const sw = rows.find((o) => o.url.includes('from=sw'))!;
    expect(sw.tabId).toBe(-1);
    expect(sw.clientOrigin).toBe(server.origin);
    expect(sw.annotation.features).toEqual(['standard-computer-information']);
    expect(rows.filter((o) => host(o) === 'tracker.example')).toEqual([]);
    const [features] = await popupShows(f, page, tabId, `[data-worker="worker:${server.origin}"]`, 'data-features');
    expect(features).toContain('standard-computer-information');
    const [hidden] = await popupShows(f, page, tabId, '[data-third-party]', 'data-third-party');
    expect(hidden).toBe('hidden');
  });

  it('records the help form and the help link as online help of the client, in that tab', async () => {
    const form = await runDemoClient(f.browser, server.url('scope.html'));
    const formTab = await f.tabIdOf(form);
    await Promise.all([form.waitForNavigation(), form.click('#help-search')]);
    await Promise.all([page.waitForNavigation(), page.click('#help-link')]);
    const rows = await observations(f, page, (r) =>
      r.some((o) => o.tabId === tabId && o.type === 'main_frame' && host(o) === 'support.microsoft.com') &&
      r.some((o) => o.tabId === formTab && o.type === 'main_frame' && host(o) === 'support.office.com'),
    );
    const link = rows.find((o) => o.tabId === tabId && o.type === 'main_frame' && host(o) === 'support.microsoft.com')!;
    const search = rows.find((o) => o.tabId === formTab && o.type === 'main_frame' && host(o) === 'support.office.com')!;
    for (const nav of [link, search]) {
      expect(nav.clientOrigin).toBe(server.origin);
      expect(nav.annotation.features).toEqual(['online-help']);
    }
    expect(search.annotation.findings.map((x) => x.kind)).toContain('help-query');
    const [from, text] = await popupShows(f, page, tabId, '[data-opened-from]', 'data-opened-from');
    expect(from).toBe(server.origin);
    expect(text).toContain('Outlook on the web');
    const [earlier] = await popupShows(f, page, tabId, '[data-earlier]', 'data-earlier');
    expect(earlier).toBe(server.origin);
  });

  it('ties window.open and a fwlink redirect in new tabs to the client', async () => {
    const client = await runDemoClient(f.browser, server.url('scope.html'));
    for (const selector of ['#help-open', '#fwlink']) {
      const opened = await opensTab(f, client, selector);
      const newTab = await tabIdOf(opened);
      const rows = await observations(f, client, (r) => r.some((o) => o.tabId === newTab && o.type === 'main_frame' && host(o) === 'support.microsoft.com'));
      const legs = rows.filter((o) => o.tabId === newTab && o.type === 'main_frame');
      expect(legs.map(host).sort(), selector).toEqual(selector === '#fwlink' ? ['go.microsoft.com', 'support.microsoft.com'] : ['support.microsoft.com']);
      for (const leg of legs) {
        expect(leg.clientOrigin).toBe(server.origin);
        expect(leg.annotation.features).toEqual(['online-help']);
      }
      const aggregates: ScopeAggregate[] = await readExtensionStore(client, f.extensionUrl, 'aggregates');
      expect(aggregates.find((a) => a.key === `tab:${newTab}`)?.page?.openedFrom, selector).toBe(server.origin);
      await opened.close();
    }
  });
});

describe('Firefox, with the all-sites permission granted (the third-party switch on)', () => {
  let f: any;
  let granted: { dir: string; remove: () => Promise<void> };

  beforeAll(async () => {
    granted = await withAllSitesGranted(FIREFOX_BUILD);
    f = await launchFirefox({ extensionDir: granted.dir, prefs: PREFS });
  });
  afterAll(async () => {
    await f?.close();
    await granted?.remove();
  });

  it("records a client page's third-party pixel as third-party in that tab, and nothing from other pages", async () => {
    const page = await runDemoClient(f.browser, server.url('scope.html'));
    const tabId = await f.tabIdOf(page);
    await page.click('#pixel');
    const other = await f.browser.newPage();
    await other.goto(`https://support.microsoft.com:${server.port}/sv-se/`);
    await other.evaluate((url: string) => fetch(url).then((r) => r.status), `https://tracker.example:${server.port}/pixel.gif?from=other`);
    const rows = await observations(f, page, (r) => r.some((o) => host(o) === 'tracker.example'));
    const pixel = rows.filter((o) => host(o) === 'tracker.example');
    expect(pixel).toHaveLength(1);
    expect(pixel[0]!.tabId).toBe(tabId);
    expect(pixel[0]!.annotation.features).toEqual(['third-party']);
    expect(pixel[0]!.annotation.items.map((i) => i.item)).toContain('language-settings');
  });
});
