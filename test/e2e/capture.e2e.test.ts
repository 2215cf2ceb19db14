/**
 * The walking skeleton, end to end in real headless Chromium: the built extension records the demo client's
 * real SDK traffic, decodes the bodies and keeps the headers that carry standard computer information.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../lib/model';
// @ts-expect-error plain ESM helpers shared with npm start
import { startDemoServer } from '../demo/server.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { launchChromium, messageFrom, readExtensionStore, runDemoClient, tabIdOf, waitFor } from './harness.mjs';
// @ts-expect-error plain ESM helpers shared with the harnesses
import { sameRequestUrl } from './stored.mjs';
import { expectAttributedToClient, expectGzipInflated, expectSdkBatchDecoded } from './capture-assertions';

let server: any;
let browser: any;
let tabId: number;
let observations: Observation[];
let sent: any[];
const pageRequests = new Set<string>();

const header = (o: Observation, name: string) => o.headers.find((h) => h.name.toLowerCase() === name)?.value;
const key = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}${u.pathname}${u.search}`;
};

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
  // Playwright sees requests made by pages, not by the extension's own contexts.
  browser.context.on('request', (r: any) => pageRequests.add(key(r.url())));
  const page = await runDemoClient(browser.context, server.url());
  tabId = await tabIdOf(browser.context, page);
  sent = server.received.filter((r: any) => r.method !== 'OPTIONS' && r.host !== 'outlook.office.com');
  const all: Observation[] = await waitFor(
    () => readExtensionStore(browser.context, browser.extensionId, 'observations'),
    (rows: Observation[]) => rows.filter((o) => o.tabId === tabId).length >= sent.length,
  );
  observations = all.filter((o) => o.tabId === tabId);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('capture in real Chromium', () => {
  it('records every request the demo client sent to a Microsoft host', () => {
    expect(sent.length).toBeGreaterThanOrEqual(8);
    // Stored URLs keep a preview in place of a parameter that held content (the help search): it must be a
    // preview of exactly the value sent, every other parameter as sent.
    const missing = sent.filter((r) => !observations.some((o) => sameRequestUrl(o.url, `https://${r.host}${r.path}${r.search}`)));
    expect(missing).toEqual([]);
  });

  it('stores the help search as its preview, never as the text the user typed', () => {
    const search = sent.find((r) => r.path === '/client/results' && new URLSearchParams(r.search).get('query'));
    expect(search).toBeDefined();
    const typed = new URLSearchParams(search.search).get('query')!;
    const stored = observations.find((o) => new URL(o.url).pathname === '/client/results')!;
    expect(new URL(stored.url).searchParams.get('query')).toMatch(new RegExp(`^\\[help-query: ${typed.length} chars, sha256:[0-9a-f]{12}\\]$`));
    expect(JSON.stringify(stored)).not.toContain(encodeURIComponent(typed).replace(/%20/g, '+'));
    expect(JSON.stringify(stored)).not.toContain(typed);
  });

  it('attributes requests to the client tab and origin', () => expectAttributedToClient(observations, server.origin, tabId));

  it('decodes the 1DS NDJSON body sent by the real SDK', () => expectSdkBatchDecoded(observations));

  it('inflates the gzip upload', () => {
    const gz = expectGzipInflated(observations);
    expect(gz?.annotation.items.map((i) => i.item)).toContain('language-settings');
  });

  it('records the sendBeacon call as a beacon', () => {
    expect(observations.some((o) => o.type === 'beacon' && o.url.includes('/OneCollector/'))).toBe(true);
  });

  it('keeps User-Agent and Sec-CH-UA (HTTPS only) from every request, and names the headers Chromium hides unseen', () => {
    // Hidden headers are read only when the user asks (README: what watching costs): by default Chromium hides
    // Accept-Language and the like from Telltale, and every request names them unseen, never guessed.
    const collector = observations.find((o) => o.method === 'POST' && o.url.includes('/OneCollector/'))!;
    expect(header(collector, 'user-agent')).toMatch(/Chrome\//);
    expect(header(collector, 'sec-ch-ua')).toMatch(/Chromium/);
    expect(header(collector, 'accept-language')).toBeUndefined();
    expect(collector.annotation.unseen).toContain('accept-language');
    const feedback = observations.find((o) => o.method === 'POST' && new URL(o.url).hostname === 'sas.office.microsoft.com')!;
    expect(header(feedback, 'accept-language')).toBeUndefined();
    expect(feedback.annotation.unseen).toContain('accept-language');
  });

  it('with hidden headers on, reads Accept-Language of feedback, one of the families asked for in full, and still not of telemetry', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    expect((await messageFrom(options, 'settings/set', { hiddenHeaders: true })).hiddenHeaders).toBe(true);
    await options.reload();
    expect(await options.getByRole('checkbox', { name: /Accept-Language/ }).isChecked()).toBe(true);
    await options.close();
    // A URL of its own, so its tab is not the first run's (tabIdOf finds a tab by its URL).
    const page = await runDemoClient(browser.context, server.url('?run=hidden-headers'));
    const tab = await tabIdOf(browser.context, page);
    const isFeedback = (o: Observation) => o.tabId === tab && o.method === 'POST' && new URL(o.url).hostname === 'sas.office.microsoft.com';
    const rows: Observation[] = await waitFor(
      () => readExtensionStore(browser.context, browser.extensionId, 'observations'),
      (all: Observation[]) => all.some(isFeedback),
    );
    const feedback = rows.find(isFeedback)!;
    // Feedback is one of the families watched with every header: its language is the user's.
    expect(header(feedback, 'accept-language')).toMatch(/^sv/);
    expect(feedback.annotation.unseen).toBeUndefined();
    const collector = rows.find((o) => o.tabId === tab && o.method === 'POST' && o.url.includes('/OneCollector/'))!;
    expect(collector.annotation.unseen).toContain('accept-language');
    await page.close();
  });

  it('records static requests at their headers, with their answers not watched; a collector shows no CORS preflight', () => {
    // Chromium shows an extension a preflight only where a listener has extraHeaders: feedback, not telemetry.
    expect(observations.filter((o) => o.method === 'OPTIONS' && o.url.includes('/OneCollector/'))).toEqual([]);
    const statics = observations.filter((o) => o.type === 'script' || o.type === 'image');
    expect(statics.length).toBeGreaterThan(0);
    for (const o of statics) expect(o.status).toBe(-1);
  });

  it('makes no network request of its own: everything the server received was asked for by a page', () => {
    const unexplained = server.received.filter(
      // Preflights are made by the network stack and the favicon by the browser for the tab; neither is an
      // extension request, and Playwright reports neither as a page request.
      (r: any) => r.method !== 'OPTIONS' && r.path !== '/favicon.ico' && !pageRequests.has(`${r.host}${r.path}${r.search}`),
    );
    expect(unexplained).toEqual([]);
  });
});
