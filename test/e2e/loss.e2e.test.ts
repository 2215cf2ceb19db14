/**
 * Nothing lost silently, in real headless Chromium: the demo client sends numbered 1DS POSTs (`seq=<n>`) while
 * the test stops the extension's service worker again and again (CDP `ServiceWorker.stopAllWorkers`); then the
 * worker is left to stop on its own when idle, and the client sends more. The loopback server's log is compared
 * with what the extension stored: no POST is recorded twice, none is recorded that was not sent, and the records
 * plus the scope's `gaps` cover every POST sent.
 *
 * The burst keeps eight POSTs in flight (the collector holds each answer 250 ms), and the test reports, per
 * stop, the POSTs in flight when it came, the POSTs left without a record and the records left incomplete.
 *
 * Before the burst, a page with CDN assets loads and the worker is stopped just after its load event, while its
 * assets wait in the journal to be classified (a request without a body is classified when the writer's queue is
 * written, after the page's load): every asset must still be recorded once, whole.
 *
 * What the figures show: requests whose events reached a listener are all recorded (the journal in
 * storage.session carries them over a stop, finished records included until they are committed), and every
 * record missing its body or headers is counted as a gap.
 * A stop can still take events the browser had handed the worker before any listener ran; no extension API
 * tells a worker about those, so they are covered by the gap count only in total, not one by one. The test
 * prints that residue ("POSTs not recorded") so README can state it.
 *
 * Why Chromium is launched by hand: Playwright (and DevTools) attach to every target, service workers included,
 * and an attached worker never idles out. Here Chromium runs with a debugging port and puppeteer-core connects
 * with a target filter that leaves the service worker alone; the worker's state is read from the page's CDP
 * session (ServiceWorker domain events), which does not attach to the worker.
 *
 * Needs the built extension in .output/chrome-mv3 (npx wxt build). The figures are printed for README.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation, ScopeAggregate } from '../../lib/model';
// @ts-expect-error plain ESM helpers shared with npm start
import { startDemoServer } from '../demo/server.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { CHROME_BUILD, chromiumArgs } from './harness.mjs';
// @ts-expect-error plain ESM helpers shared with the harnesses
import { decodeObservations } from './stored.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { chromiumPath } from './browsers.mjs';

const BURST = 300;
const AFTER_IDLE = 40;
/** Eight senders, and the collector holds each answer this long, so eight POSTs are in flight at every stop. */
const IN_FLIGHT = 8;
const HOLD_MS = 250;
/**
 * Stops come 1–2 s apart, so each new worker finishes starting (150–700 ms here) before it is stopped again.
 * A worker stopped while it is still starting loses the events the browser already handed it, before any
 * listener ran: no extension can see or count those (index.ts); the README gives that residue measured with
 * stops 0.2–0.4 s apart.
 */
const STOP_EVERY_MS = [1_000, 2_000] as const;
const IDLE_TIMEOUT_MS = 45_000;
/** The page of phase 0: CDN assets, then a few slow POSTs that keep the traffic going past the stop. */
const ASSETS = 40;
/** After the load event: past the journal's 100 ms batch, well before the writer's 2 s. */
const STOP_AFTER_LOAD_MS = 200;

interface Received {
  time: number;
  method: string;
  host: string;
  path: string;
  search: string;
  /** When the server answered (the demo server sets it). */
  answered?: number;
}

let server: any;
let chromium: ChildProcess | undefined;
let browser: Browser | undefined;
let userDataDir = '';
let extensionDir = '';
let extensionId = '';
let client: Page;
let cdp: CDPSession;
/** Requests from this time on belong to the second phase (after the idle stop). */
let phase2Start = Infinity;
/** Requests before this time belong to phase 0 (the asset page). */
let phase1Start = 0;
let assetStopAfterStart = -1;
let warmStart = Infinity;
/** Running states of the extension's worker, as the ServiceWorker domain reports them. */
const workerStates: Array<{ time: number; status: string }> = [];
let forcedStops = 0;
const stopTimes: number[] = [];
let idleStopAfterMs = -1;
let observations: Observation[] = [];
let aggregate: ScopeAggregate | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seqOf = (url: string) => new URL(url, 'https://x').searchParams.get('seq');
const isBurstPost = (r: { method: string; url?: string; search?: string; time: number }) =>
  r.method === 'POST' && r.time >= phase1Start && seqOf(r.url ?? `/${r.search}`) !== null;
const workerRunning = () => workerStates.at(-1)?.status === 'running';

async function launch(): Promise<void> {
  // A private copy of the build, so a rebuild elsewhere cannot swap files under the running browser.
  extensionDir = mkdtempSync(path.join(tmpdir(), 'telltale-loss-ext-'));
  cpSync(CHROME_BUILD, extensionDir, { recursive: true });
  userDataDir = mkdtempSync(path.join(tmpdir(), 'telltale-loss-profile-'));
  chromium = spawn(
    chromiumPath(),
    [...chromiumArgs({ extensionDir }), '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, 'about:blank'],
    { stdio: 'ignore' },
  );
  const portFile = path.join(userDataDir, 'DevToolsActivePort');
  const end = Date.now() + 20_000;
  while (!existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2) {
    if (Date.now() > end) throw new Error('Chromium did not open its debugging port');
    await sleep(100);
  }
  const [port, wsPath] = readFileSync(portFile, 'utf8').split('\n');
  browser = await puppeteer.connect({
    browserWSEndpoint: `ws://127.0.0.1:${port}${wsPath}`,
    defaultViewport: null,
    // Attach to tabs and pages only: an attached service worker would never stop when idle.
    // (Chromium reports a tab target above each page; puppeteer's TargetType does not list it.)
    targetFilter: (target) => ['page', 'tab'].includes(target.type()),
  });
}

/** The extension's id, from its worker's script URL as the ServiceWorker domain reports it. */
async function waitForExtensionWorker(): Promise<void> {
  const end = Date.now() + 20_000;
  while (!extensionId && Date.now() < end) await sleep(100);
  if (!extensionId) throw new Error('no extension service worker seen');
}

/** Every record of one of the extension's object stores, read from an extension page. */
async function readStore<T>(store: string): Promise<T[]> {
  const page = await browser!.newPage();
  try {
    // A plain file of the extension: an extension-origin document that sends the worker no message.
    await page.goto(`chrome-extension://${extensionId}/manifest.json`);
    return await page.evaluate(
      (name) =>
        new Promise<T[]>((resolve, reject) => {
          const open = indexedDB.open('telltale');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const req = db.transaction(name).objectStore(name).getAll();
            req.onsuccess = () => {
              db.close();
              resolve(req.result as T[]);
            };
            req.onerror = () => reject(req.error);
          };
        }),
      store,
    );
  } finally {
    await page.close();
  }
}

async function waitUntilSent(page: Page, timeout: number): Promise<void> {
  await page.waitForSelector('body[data-demo="done"]', { timeout });
}

beforeAll(async () => {
  server = await startDemoServer();
  await launch();
  client = await browser!.newPage();
  cdp = await client.createCDPSession();
  cdp.on('ServiceWorker.workerVersionUpdated', (e: any) => {
    for (const v of e.versions) {
      if (!String(v.scriptURL).startsWith('chrome-extension://')) continue;
      extensionId ||= new URL(v.scriptURL).host;
      if (workerStates.at(-1)?.status !== v.runningStatus) workerStates.push({ time: Date.now(), status: v.runningStatus });
    }
  });
  await cdp.send('ServiceWorker.enable');
  await waitForExtensionWorker();

  // 0. A page's assets, with the worker stopped just after the page's load event.
  const assetPage = await browser!.newPage();
  await assetPage.goto(server.url(`?assets=${ASSETS}&burst=4&concurrency=1&delay=600`), { waitUntil: 'load' });
  await sleep(STOP_AFTER_LOAD_MS);
  assetStopAfterStart = await assetPage.evaluate(() => performance.now());
  await cdp.send('ServiceWorker.stopAllWorkers');
  await waitUntilSent(assetPage, 30_000);
  await assetPage.close();
  phase1Start = Date.now();

  // 1. A burst, with the worker stopped again and again while it runs. With IN_FLIGHT senders and each answer
  // held HOLD_MS, it lasts about BURST / IN_FLIGHT × HOLD_MS (9 s) on any machine: three stops or more.
  await client.goto(server.url(`?burst=${BURST}&concurrency=${IN_FLIGHT}&delay=${HOLD_MS}`));
  let done = false;
  const sent = waitUntilSent(client, 60_000).then(() => (done = true));
  while (!done) {
    await sleep(STOP_EVERY_MS[0] + Math.random() * (STOP_EVERY_MS[1] - STOP_EVERY_MS[0]));
    if (done) break;
    stopTimes.push(Date.now());
    await cdp.send('ServiceWorker.stopAllWorkers');
    forcedStops++;
  }
  await sent;

  // 2. Nothing attached to the worker: it stops by itself once idle. A few requests first make sure it runs
  // (the last forced stop may have come after the last event). Then more requests wake it.
  warmStart = Date.now();
  const warm = await browser!.newPage();
  await warm.goto(server.url('?burst=4&concurrency=1'));
  await waitUntilSent(warm, 30_000);
  await warm.close();
  const runningBy = Date.now() + 10_000;
  while (!workerRunning() && Date.now() < runningBy) await sleep(100);
  const lastRequest = Math.max(...server.received.map((r: Received) => r.time));
  const idleEnd = Date.now() + IDLE_TIMEOUT_MS;
  while (workerRunning() && Date.now() < idleEnd) await sleep(250);
  if (!workerRunning()) idleStopAfterMs = (workerStates.at(-1)?.time ?? Date.now()) - lastRequest;
  phase2Start = Date.now();
  const client2 = await browser!.newPage();
  await client2.goto(server.url(`?burst=${AFTER_IDLE}&concurrency=4`));
  await waitUntilSent(client2, 30_000);
  await client2.close();

  // 3. Wait until the store stops changing: restored requests become records within ~15 s of a restart.
  let last = -1;
  let stable = 0;
  const settleEnd = Date.now() + 25_000;
  while (stable < 3 && Date.now() < settleEnd) {
    const n = (await readStore<Observation>('observations')).length;
    stable = n === last ? stable + 1 : 0;
    last = n;
    await sleep(1_500);
  }
  // A fresh profile: the passive log holds exactly this test's requests, from both client tabs.
  observations = await decodeObservations(await readStore('observations'));
  aggregate = (await readStore<ScopeAggregate>('aggregates')).find((a) => a.key === 'log');
}, 120_000);

afterAll(async () => {
  await browser?.disconnect().catch(() => undefined);
  if (chromium && chromium.exitCode === null) {
    const exited = new Promise((resolve) => chromium!.once('exit', resolve));
    chromium.kill('SIGKILL');
    await exited;
  }
  await server?.close();
  for (const dir of [userDataDir, extensionDir]) {
    // Chromium's helper processes may still be writing the profile for a moment after the browser exits.
    // A leftover temporary profile is not a test failure: the figures above are what this file checks.
    try {
      if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
    } catch (e) {
      console.warn(`could not remove ${dir}: ${(e as Error).message}`);
    }
  }
});

describe('nothing lost silently (real Chromium, service worker stopped)', () => {
  it('accounts for every POST the server received: recorded once, or counted in the scope gaps', () => {
    const sentPosts = (server.received as Received[]).filter(isBurstPost);
    const phase = (time: number) => (time >= phase2Start ? 2 : time >= warmStart ? 'warm' : 1);
    const sentSeqs = sentPosts.map((r) => `${phase(r.time)}:${seqOf(`/${r.search}`)}`);
    const posts = observations.filter(isBurstPost);
    const recordedSeqs = posts.map((o) => `${phase(o.time)}:${seqOf(o.url)}`);
    const recorded = new Set(recordedSeqs);
    const missing = sentSeqs.filter((s) => !recorded.has(s));
    const duplicates = recordedSeqs.length - recorded.size;
    const incompleteRecords = observations.filter((o) => o.incomplete?.some((p) => p === 'body' || p === 'headers')).length;
    const gaps = aggregate?.gaps ?? 0;
    // Gaps that are not incomplete records: requests the extension knew of but could not store at all.
    const unrecordedGaps = gaps - incompleteRecords;
    const sentPreflights = (server.received as Received[]).filter((r) => r.time >= phase1Start && r.method === 'OPTIONS' && r.search.includes('seq=')).length;
    const recordedPreflights = observations.filter((o) => o.time >= phase1Start && o.method === 'OPTIONS' && seqOf(o.url) !== null).length;

    // Per stop: the POSTs in flight when it came (sent, not yet answered), and which of the POSTs that lost
    // something (no record, or a record without body or headers) were among them.
    const sentBySeq = new Map(sentPosts.map((r) => [`${phase(r.time)}:${seqOf(`/${r.search}`)}`, r]));
    // A POST is in flight from its CORS preflight (the browser's first event for it comes just before) to its answer.
    const preflightAt = new Map(
      (server.received as Received[]).filter((r) => r.method === 'OPTIONS').map((r) => [`${phase(r.time)}:${seqOf(`/${r.search}`)}`, r.time]),
    );
    const startOf = (r: Received) => preflightAt.get(`${phase(r.time)}:${seqOf(`/${r.search}`)}`) ?? r.time;
    const inFlightAt = (t: number) => sentPosts.filter((r) => startOf(r) <= t && (r.answered ?? Infinity) >= t);
    const inFlight = new Set(stopTimes.flatMap((t) => inFlightAt(t)));
    const incompletePosts = posts.filter((o) => o.incomplete?.some((p) => p === 'body' || p === 'headers'));
    const hurt = [...missing, ...incompletePosts.map((o) => `${phase(o.time)}:${seqOf(o.url)}`)];
    const hurtInFlight = hurt.filter((k) => inFlight.has(sentBySeq.get(k)!)).length;
    const perStop = (n: number) => (forcedStops ? (n / forcedStops).toFixed(1) : '—');

    console.log(
      [
        '',
        '| nothing lost silently (real Chromium) | value |',
        '|---|---|',
        `| POSTs sent (server log): burst + wake-up + after idle | ${sentSeqs.length} (${BURST} + 4 + ${AFTER_IDLE}) |`,
        `| forced worker stops during the burst (every ${STOP_EVERY_MS[0] / 1000}–${STOP_EVERY_MS[1] / 1000} s) | ${forcedStops} |`,
        `| idle stop, after the last request (s) | ${idleStopAfterMs >= 0 ? (idleStopAfterMs / 1000).toFixed(1) : 'did not stop'} |`,
        `| POSTs recorded | ${recorded.size} |`,
        `| POSTs with no record | ${missing.length} |`,
        `| duplicate records | ${duplicates} |`,
        `| records missing body or headers (counted as gaps) | ${incompleteRecords} |`,
        `| gaps in the passive log's aggregate | ${gaps} |`,
        `| CORS preflights sent / recorded | ${sentPreflights} / ${recordedPreflights} |`,
        `| POSTs in flight at each stop (${IN_FLIGHT} senders, answers held ${HOLD_MS} ms) | ${stopTimes.map((t) => inFlightAt(t).length).join(', ')} |`,
        `| per stop: POSTs with no record / POST records incomplete | ${perStop(missing.length)} / ${perStop(incompletePosts.length)} |`,
        `| POSTs with no record or incomplete: in flight at a stop / not | ${hurtInFlight} / ${hurt.length - hurtInFlight} |`,
        '',
      ].join('\n'),
    );

    expect(forcedStops).toBeGreaterThanOrEqual(3);
    expect(sentSeqs.length).toBe(BURST + 4 + AFTER_IDLE);
    expect(duplicates).toBe(0);
    expect(recordedSeqs.every((s) => sentSeqs.includes(s))).toBe(true);
    expect(recorded.size).toBeLessThanOrEqual(sentSeqs.length);
    // Every record missing its body or headers is counted, and so is every request that could not be written.
    expect(unrecordedGaps).toBeGreaterThanOrEqual(0);
    expect(recorded.size + gaps).toBeGreaterThanOrEqual(sentSeqs.length);
    // The residue stays a small share of what a stop disturbs.
    expect(missing.length).toBeLessThanOrEqual(Math.max(5, sentSeqs.length * 0.05));
    // A stop costs the requests in flight when it came and those begun while the next worker started, each
    // still recorded (marked incomplete), never the finished records waiting to be written: at most two
    // senders' worth per stop.
    expect(missing.length + incompletePosts.length).toBeLessThanOrEqual(forcedStops * IN_FLIGHT * 2);
  });

  it("records every asset of a page whole when the worker is stopped after its load, before they were classified", () => {
    const sent = (server.received as Received[]).filter((r) => r.time < phase1Start && r.path.startsWith('/assets/')).map((r) => r.path);
    const records = observations.filter((o) => o.time < phase1Start && new URL(o.url).pathname.startsWith('/assets/'));
    const paths = records.map((o) => new URL(o.url).pathname);
    console.log(
      `\n| a page's assets, worker stopped ${STOP_AFTER_LOAD_MS} ms after its load (${assetStopAfterStart.toFixed(0)} ms after navigation start) | sent ${sent.length}, recorded ${new Set(paths).size}, incomplete ${records.filter((o) => o.incomplete).length} |\n`,
    );
    expect(sent.length).toBe(ASSETS);
    expect([...paths].sort()).toEqual([...sent].sort());
    expect(records.filter((o) => o.incomplete)).toEqual([]);
    // Classified from what the journal held: the browser's User-Agent is among the headers, and its items found.
    for (const o of records) {
      expect(o.headers.some((h) => h.name.toLowerCase() === 'user-agent')).toBe(true);
      expect(o.annotation.items.map((i) => i.item)).toContain('browser-version');
    }
  });

  it('lets the unattached worker stop when idle, and records what is sent after', () => {
    expect(idleStopAfterMs).toBeGreaterThan(0);
    const after = observations.filter((o) => isBurstPost(o) && o.time >= phase2Start);
    expect(new Set(after.map((o) => seqOf(o.url))).size).toBe(AFTER_IDLE);
    expect(after.every((o) => !o.incomplete)).toBe(true);
  });

  it('makes no network request of its own: the server saw only the client page and its requests', () => {
    const own = (server.received as Received[]).filter(
      (r) => !r.search.includes('seq=') && !(r.path === '/' || r.path === '/client.js' || r.path === '/favicon.ico' || r.path.startsWith('/assets/')),
    );
    expect(own).toEqual([]);
  });
});
