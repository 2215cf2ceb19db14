/**
 * Scope in real headless Chromium: what a client page causes beyond its own fetches is recorded as the
 * client's, in the right tab's popup with the right feature — the help link and the help form (same tab),
 * window.open and a go.microsoft.com/fwlink redirect (new tabs), the client's service worker (no tab), and, with
 * the all-sites permission granted, a third-party pixel. Without the permission no third-party request is stored.
 * Also: exactly what Chromium hands an extension for sendBeacon bodies (a string arrives, a Blob does not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation, ScopeAggregate } from '../../lib/model';
import { BEACON_BODY_UNSEEN } from '../../lib/capture/beacon';
// @ts-expect-error plain ESM helpers shared with npm start
import { startDemoServer } from '../demo/server.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { CHROME_BUILD, launchChromium, readExtensionStore, runDemoClient, tabIdOf, waitFor } from './harness.mjs';
// @ts-expect-error plain ESM helper
import { withAllSitesGranted } from './all-sites.mjs';

let server: any;
const host = (o: Observation) => new URL(o.url).hostname;

async function observationsOf(b: any, done: (rows: Observation[]) => boolean): Promise<Observation[]> {
  return waitFor(() => readExtensionStore(b.context, b.extensionId, 'observations'), done, { timeout: 20_000 });
}

/**
 * Launches Chromium and waits until Telltale's worker answers a page: a navigation made while the worker is
 * still evaluating its script reaches no listener at all, and these tests are about the first page's own.
 */
async function launchReady(options: object = {}): Promise<any> {
  const b = await launchChromium(options);
  const page = await b.context.newPage();
  await page.goto(b.extensionUrl('popup.html?tab=-1'));
  await page.waitForSelector('.tt-summary');
  await page.close();
  return b;
}

async function popupOf(b: any, tabId: number): Promise<any> {
  const popup = await b.context.newPage();
  await popup.goto(b.extensionUrl(`popup.html?tab=${tabId}`));
  await popup.waitForSelector('.tt-summary');
  return popup;
}

/** A click that opens a new tab; resolves with the new page once it has loaded. */
async function opensTab(b: any, page: any, selector: string): Promise<any> {
  const [opened] = await Promise.all([b.context.waitForEvent('page'), page.click(selector)]);
  await opened.waitForLoadState('load');
  return opened;
}

beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(async () => {
  await server?.close();
});

describe('without the all-sites permission', () => {
  let b: any;
  let page: any;
  let tabId: number;

  beforeAll(async () => {
    b = await launchReady();
    page = await runDemoClient(b.context, server.url('scope.html?sw=1'));
    tabId = await tabIdOf(b.context, page);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('stores no third-party request, and the popup says third parties are not visible and why', async () => {
    await page.click('#pixel');
    await waitFor(() => server.received.filter((r: any) => r.host === 'tracker.example'), (r: any[]) => r.length > 0);
    const popup = await popupOf(b, tabId);
    await popup.waitForSelector('[data-third-party="hidden"]');
    expect(await popup.textContent('.tt-third-party')).toMatch(/Microsoft/);
    expect(await popup.isVisible('[data-switch="third-party"]')).toBe(true);
    await popup.close();
    const rows = await observationsOf(b, (r) => r.some((o) => o.tabId === tabId));
    expect(rows.filter((o) => host(o) === 'tracker.example')).toEqual([]);
  });

  it("records the service worker's fetch as the client's, shown in a client tab's popup", async () => {
    const rows = await observationsOf(b, (r) => r.some((o) => o.url.includes('from=sw')));
    const sw = rows.find((o) => o.url.includes('from=sw'))!;
    expect(sw.tabId).toBe(-1);
    expect(sw.clientOrigin).toBe(server.origin);
    expect(sw.annotation.features).toEqual(['standard-computer-information']);
    const popup = await popupOf(b, tabId);
    const line = await popup.waitForSelector(`[data-worker="worker:${server.origin}"]`);
    expect(await line.getAttribute('data-features')).toContain('standard-computer-information');
    await popup.close();
  });

  it('reads a string beacon body; a Blob beacon body is not handed over, and the page-side witness fills it', async () => {
    await page.click('#beacons');
    const rows = await observationsOf(b, (r) => ['probe=string', 'probe=blob'].every((p) => r.some((o) => o.url.includes(p))));
    const string = rows.find((o) => o.url.includes('probe=string'))!;
    const blob = rows.find((o) => o.url.includes('probe=blob'))!;
    expect(string.type).toBe('beacon');
    expect(string.annotation.body.size).toBeGreaterThan(0);
    expect(string.annotation.body.unseen).toBeUndefined();
    expect(blob.type).toBe('beacon');
    // Chromium handed over no body; the page-side observer's report of what sendBeacon was given fills it.
    expect(blob.annotation.body.unseen).toBe(BEACON_BODY_UNSEEN);
    expect(blob.annotation.body.undecodable).toBe(false);
    expect(blob.annotation.body.witness).toBe('page');
    expect(blob.annotation.body.size).toBeGreaterThan(0);
    // The witnessed body is read: its language fields are evidence (on Linux its OS block names no version).
    const language = blob.annotation.items.find((i) => i.item === 'language-settings');
    expect(language?.evidence.some((e) => e.where === 'body')).toBe(true);
    expect(string.annotation.body.witness).toBeUndefined();
  });

  it('records the help link as online help of the client, and keeps the earlier page reachable', async () => {
    await Promise.all([page.waitForURL(/support\.microsoft\.com/), page.click('#help-link')]);
    const rows = await observationsOf(b, (r) => r.some((o) => o.type === 'main_frame' && host(o) === 'support.microsoft.com' && o.tabId === tabId));
    const nav = rows.find((o) => o.type === 'main_frame' && host(o) === 'support.microsoft.com' && o.tabId === tabId)!;
    expect(nav.clientOrigin).toBe(server.origin);
    expect(nav.annotation.features).toEqual(['online-help']);
    const popup = await popupOf(b, tabId);
    const from = await popup.waitForSelector('[data-opened-from]');
    expect(await from.getAttribute('data-opened-from')).toBe(server.origin);
    expect(await popup.textContent('.tt-origin')).toContain('Outlook on the web');
    expect(await popup.getAttribute('.tt-origin__sent', 'data-features')).toBe('online-help');
    expect(await popup.getAttribute('[data-earlier]', 'data-earlier')).toBe(server.origin);
    await popup.close();
  });

  it('records the help search form as online help with the query as content', async () => {
    const form = await runDemoClient(b.context, server.url('scope.html'));
    const formTab = await tabIdOf(b.context, form);
    await Promise.all([form.waitForURL(/support\.office\.com/), form.click('#help-search')]);
    const rows = await observationsOf(b, (r) => r.some((o) => o.tabId === formTab && o.type === 'main_frame' && host(o) === 'support.office.com'));
    const nav = rows.find((o) => o.tabId === formTab && o.type === 'main_frame' && host(o) === 'support.office.com')!;
    expect(nav.clientOrigin).toBe(server.origin);
    expect(nav.annotation.features).toEqual(['online-help']);
    expect(nav.annotation.findings.map((f) => f.kind)).toContain('help-query');
  });

  it('ties a help window.open in a new tab to the client', async () => {
    const client = await runDemoClient(b.context, server.url('scope.html'));
    const opened = await opensTab(b, client, '#help-open');
    const newTab = await tabIdOf(b.context, opened);
    const rows = await observationsOf(b, (r) => r.some((o) => o.tabId === newTab && o.type === 'main_frame'));
    const nav = rows.find((o) => o.tabId === newTab && o.type === 'main_frame')!;
    expect(host(nav)).toBe('support.microsoft.com');
    expect(nav.clientOrigin).toBe(server.origin);
    expect(nav.annotation.features).toEqual(['online-help']);
    const popup = await popupOf(b, newTab);
    expect(await (await popup.waitForSelector('[data-opened-from]')).getAttribute('data-opened-from')).toBe(server.origin);
    await popup.close();
  });

  it('follows a go.microsoft.com/fwlink redirect in a new tab to the support page, both legs the client’s', async () => {
    const client = await runDemoClient(b.context, server.url('scope.html'));
    const opened = await opensTab(b, client, '#fwlink');
    expect(new URL(opened.url()).hostname).toBe('support.microsoft.com');
    const newTab = await tabIdOf(b.context, opened);
    const rows = await observationsOf(b, (r) => r.filter((o) => o.tabId === newTab && o.type === 'main_frame').length >= 2);
    const legs = rows.filter((o) => o.tabId === newTab && o.type === 'main_frame');
    expect(legs.map(host).sort()).toEqual(['go.microsoft.com', 'support.microsoft.com']);
    for (const leg of legs) {
      expect(leg.clientOrigin).toBe(server.origin);
      expect(leg.annotation.features).toEqual(['online-help']);
    }
    const aggregates: ScopeAggregate[] = await readExtensionStore(b.context, b.extensionId, 'aggregates');
    const agg = aggregates.find((a) => a.key === `tab:${newTab}`)!;
    expect(agg.page?.openedFrom).toBe(server.origin);
    expect(agg.page?.origin).toMatch(/^https:\/\/support\.microsoft\.com/);
    expect(agg.earlier ?? []).toEqual([]);
  });
});

describe('with the all-sites permission granted (the third-party switch on)', () => {
  let b: any;
  let granted: { dir: string; remove: () => Promise<void> };

  beforeAll(async () => {
    granted = await withAllSitesGranted(CHROME_BUILD);
    b = await launchReady({ extensionDir: granted.dir });
  });
  afterAll(async () => {
    await b?.close();
    await granted?.remove();
  });

  it("records a client page's third-party pixel as third-party, in that tab's popup, and nothing from other pages", async () => {
    const page = await runDemoClient(b.context, server.url('scope.html'));
    const tabId = await tabIdOf(b.context, page);
    await page.click('#pixel');
    // A page that is not a client sends to the same third party: not recorded.
    const other = await b.context.newPage();
    await other.goto(`https://support.microsoft.com:${server.port}/sv-se/`);
    await other.evaluate((url: string) => fetch(url).then((r) => r.status), `https://tracker.example:${server.port}/pixel.gif?from=other`);
    const rows = await observationsOf(b, (r) => r.some((o) => host(o) === 'tracker.example'));
    const pixel = rows.filter((o) => host(o) === 'tracker.example');
    expect(pixel).toHaveLength(1);
    expect(pixel[0]!.tabId).toBe(tabId);
    expect(pixel[0]!.clientOrigin).toBe(server.origin);
    expect(pixel[0]!.annotation.features).toEqual(['third-party']);
    expect(pixel[0]!.annotation.items.map((i) => i.item)).toContain('language-settings');
    const popup = await popupOf(b, tabId);
    await popup.waitForFunction(() => document.querySelector('.tt-summary')?.textContent?.match(/\d/));
    expect(await popup.$('[data-third-party="hidden"]')).toBeNull();
    await popup.close();
  });
});
