/**
 * Storage cost in real Chromium: 100 000 observations in the extension's own IndexedDB.
 *
 * The observations are copies of real recorded traffic: the demo client runs once with the built extension,
 * and the observations the extension stored become the templates. The copies are written through the
 * extension's own store code (lib/store: ObservationWriter, the same aggregates), bundled here by esbuild and
 * evaluated over CDP in an extension-origin document, so they land in the same database the background and
 * the popup use. Nothing is added to the product for this: no bench page, no bench message.
 *
 * Reports bytes per observation (growth of the profile's IndexedDB folder on disk, and the JSON of the stored
 * record) and the time to open the database and read the popup's aggregate.
 *
 *   npx wxt build && node test/bench/chromium-storage.mjs [count]
 *
 * prepareProfile() is shared with popup-paint.mjs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../e2e/browsers.mjs';
import { CHROME_BUILD, chromiumArgs, runDemoClient, tabIdOf, waitFor } from '../e2e/harness.mjs';
import { startDemoServer } from '../demo/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BATCH = 500;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * The ratios a[i] / b[i] of measurements taken side by side (one round, one pair of opens): their median, lowest
 * and highest. Beside a ratio of medians, it says how far apart one run's pairs are. NaN fields when none.
 */
export function pairedRatios(a, b) {
  const each = a.map((x, i) => x / b[i]).filter(Number.isFinite);
  if (!each.length) return { median: NaN, low: NaN, high: NaN };
  return { median: median(each), low: Math.min(...each), high: Math.max(...each) };
}

/** Bytes under a directory. */
export function du(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? du(p) : statSync(p).size;
  }
  return total;
}

/**
 * Bytes of the extension's IndexedDB in a Chromium profile: the LevelDB folder, plus the blob folder where
 * Chromium keeps values too large to inline (a scope aggregate can be one).
 */
export function indexedDbBytes(userDataDir, extensionId) {
  const base = path.join(userDataDir, 'Default', 'IndexedDB', `chrome-extension_${extensionId}_0.indexeddb`);
  return [`${base}.leveldb`, `${base}.blob`].filter((d) => existsSync(d)).reduce((n, d) => n + du(d), 0);
}

/** lib/store as one script that sets globalThis.telltaleStore (lib/ has no browser-extension API). */
async function storeBundle() {
  const out = await build({
    entryPoints: [path.join(root, 'lib/store/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'telltaleStore',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  // Evaluated as a string over CDP, the IIFE's `var` would not land on the global object by itself.
  return `${out.outputFiles[0].text}\nglobalThis.telltaleStore = telltaleStore;`;
}

/** An extension-origin document that sends the background no message (unlike the popup). */
export async function extensionDocument(context, extensionId, bundle) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manifest.json`);
  if (bundle) await page.evaluate(bundle);
  return page;
}

/**
 * Launches Chromium with a private copy of the build, records the demo client once, and writes `count`
 * copies of its observations into the client tab's scope (and the passive log).
 */
export async function prepareProfile(count, { buildDir = CHROME_BUILD } = {}) {
  const server = await startDemoServer();
  const extensionDir = mkdtempSync(path.join(tmpdir(), 'telltale-bench-ext-'));
  cpSync(buildDir, extensionDir, { recursive: true });
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'telltale-bench-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false,
    args: [...chromiumArgs({ extensionDir }), '--headless=new'],
    ignoreHTTPSErrors: true,
    locale: 'sv-SE',
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;

  const client = await runDemoClient(context, server.url());
  const tabId = await tabIdOf(context, client);
  const bundle = await storeBundle();
  const doc = await extensionDocument(context, extensionId, bundle);
  const templates = await waitFor(
    () =>
      doc.evaluate(async (tab) => {
        const db = await globalThis.telltaleStore.openTelltaleDB();
        const rows = await globalThis.telltaleStore.listObservations(db, { tabId: tab, limit: 1000 });
        db.close();
        return rows;
      }, tabId),
    (rows) => rows.length >= 8,
  );
  const jsonBytes = templates.map((o) => Buffer.byteLength(JSON.stringify(o)));
  const headerBytes = templates.map((o) => Buffer.byteLength(JSON.stringify(o.headers)));
  const annotationBytes = templates.map((o) => Buffer.byteLength(JSON.stringify(o.annotation)));

  const dbBytes = () => indexedDbBytes(userDataDir, extensionId);
  const before = dbBytes();
  const started = performance.now();
  await doc.evaluate(
    async ({ templates, count, batch, tab }) => {
      const store = globalThis.telltaleStore;
      const db = await store.openTelltaleDB();
      const writer = new store.ObservationWriter(() => db, { delayMs: 0, maxBatch: batch + 1 });
      const base = Date.now() - count * 10;
      for (let i = 0; i < count; i++) {
        const { id: _id, ...t } = templates[i % templates.length];
        writer.add({ ...t, requestId: `bench-${i}`, tabId: tab, time: base + i * 10 });
        if (writer.queued >= batch) await writer.flush();
      }
      await writer.flush();
      db.close();
    },
    { templates, count, batch: BATCH, tab: tabId },
  );
  const writeMs = performance.now() - started;
  // The records as IndexedDB holds them (compact, codec.ts), not as listObservations decodes them.
  const stored = await doc.evaluate(async () => {
    const db = await globalThis.telltaleStore.openTelltaleDB();
    const rows = await db.getAll('observations', null, 2000);
    db.close();
    const size = (v) => (v === undefined ? 0 : new TextEncoder().encode(JSON.stringify(v)).length);
    return {
      jsonBytes: rows.map(size),
      tableBytes: rows.map((r) => size(r.x)),
      headerBytes: rows.map((r) => size(r.h) + size(r.ho)),
      annotationBytes: rows.map((r) => size(r.a)),
    };
  });
  await doc.close();
  // The client tab stays open: closing it would drop its aggregate (the background forgets closed tabs).

  return {
    context,
    server,
    extensionId,
    /** This run's private copy of the build, which the browser loaded. */
    extensionDir,
    userDataDir,
    tabId,
    bundle,
    templates,
    sizes: { jsonBytes, headerBytes, annotationBytes, dbBytes, before, stored },
    writeMs,
    async close() {
      await context.close().catch(() => undefined);
      await server.close();
      rmSync(extensionDir, { recursive: true, force: true });
    },
    removeProfile() {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}

export function machine() {
  // The user agent says 156.0.0.0 (reduced); the binary knows its full version.
  const version = execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    chromium: /\d+\.\d+\.\d+\.\d+/.exec(version)?.[0] ?? 'unknown',
  };
}

export function machineRows(m) {
  return [
    `| machine | ${m.cpu}, ${m.cores} cores |`,
    `| Node | ${m.node} |`,
    `| Chromium | ${m.chromium} |`,
  ];
}

async function main() {
  const count = Number(process.argv[2] ?? 100_000);
  const p = await prepareProfile(count);
  const m = machine();

  // Opening the popup's data: a fresh connection and the tab aggregate, as the popup does on open.
  const doc = await extensionDocument(p.context, p.extensionId, p.bundle);
  const reads = await doc.evaluate(
    async ({ tab, runs }) => {
      const store = globalThis.telltaleStore;
      const out = { open: [], read: [], total: [], bytes: 0, requests: 0, stored: 0 };
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const db = await store.openTelltaleDB();
        const t1 = performance.now();
        const agg = await store.getAggregate(db, `tab:${tab}`);
        const t2 = performance.now();
        out.open.push(t1 - t0);
        out.read.push(t2 - t1);
        out.total.push(t2 - t0);
        out.bytes = JSON.stringify(agg).length;
        out.requests = agg?.requests ?? 0;
        if (i === 0) out.stored = await db.count('observations');
        db.close();
      }
      return out;
    },
    { tab: p.tabId, runs: 20 },
  );
  await doc.close();
  const liveBytes = p.sizes.dbBytes();
  await p.close();
  // After the browser closed: LevelDB has written its log and compacted what it will.
  const closedBytes = p.sizes.dbBytes();
  p.removeProfile();

  const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const perObs = (bytes) => Math.round((bytes - p.sizes.before) / count);
  const rows = [
    `### IndexedDB storage in real Chromium (${count.toLocaleString('en')} observations)`,
    '',
    '| measure | value |',
    '|---|---|',
    ...machineRows(m),
    `| observations stored | ${reads.stored.toLocaleString('en')} |`,
    `| templates (demo client requests recorded by the extension) | ${p.templates.length} |`,
    `| on-disk growth per observation, browser running (bytes) | ${perObs(liveBytes)} |`,
    `| on-disk growth per observation, after close (bytes) | ${perObs(closedBytes)} |`,
    `| JSON of a stored record, mean (bytes) | ${Math.round(avg(p.sizes.stored.jsonBytes))} |`,
    `| of which string table / headers / annotation, mean (bytes) | ${Math.round(avg(p.sizes.stored.tableBytes))} / ${Math.round(avg(p.sizes.stored.headerBytes))} / ${Math.round(avg(p.sizes.stored.annotationBytes))} |`,
    `| JSON of the same observation decoded (public shape), mean (bytes) | ${Math.round(avg(p.sizes.jsonBytes))} |`,
    `| of which headers / annotation, mean (bytes) | ${Math.round(avg(p.sizes.headerBytes))} / ${Math.round(avg(p.sizes.annotationBytes))} |`,
    `| target ≤ 1 KB per observation (on disk) met | ${perObs(closedBytes) <= 1024 ? 'yes' : 'no'} |`,
    `| write, through ObservationWriter in batches of ${BATCH} (observations/s) | ${Math.round((count / p.writeMs) * 1000).toLocaleString('en')} |`,
    `| tab aggregate: requests / JSON size (bytes) | ${reads.requests.toLocaleString('en')} / ${reads.bytes.toLocaleString('en')} |`,
    `| open DB, median of 20 (ms) | ${median(reads.open).toFixed(2)} |`,
    `| read the tab aggregate, median of 20 (ms) | ${median(reads.read).toFixed(2)} |`,
    `| open + read, median / max of 20 (ms) | ${median(reads.total).toFixed(2)} / ${Math.max(...reads.total).toFixed(2)} |`,
  ];
  console.log(rows.join('\n'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
