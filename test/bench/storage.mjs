/**
 * Storage benchmark: stores N observations (default 100 000) in fake-indexeddb through the real writer and
 * reports the stored size per observation and the time to read the aggregates the popup opens with.
 *
 * Observations come from the recorded Chromium requests in test/fixtures/requests, merged and classified as
 * the background does, so their headers and annotations have realistic sizes. fake-indexeddb runs in Node,
 * so its timings only rank changes against each other; the real-Chromium figures come from the e2e bench.
 *
 *   node test/bench/storage.mjs [count]
 */
import 'fake-indexeddb/auto';
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const COUNT = Number(process.argv[2] ?? 100_000);
const TABS = 20;

/** Bundles the TypeScript engine for Node (lib/ has no browser API, so it runs as is). */
async function load(entry, name) {
  const dir = mkdtempSync(join(tmpdir(), 'telltale-bench-'));
  const outfile = join(dir, `${name}.mjs`);
  try {
    await build({
      entryPoints: [join(root, entry)],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile,
      logLevel: 'silent',
      loader: { '.txt': 'text' },
    });
    return await import(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function revive(_key, value) {
  if (value && typeof value === 'object' && Object.keys(value).length === 1 && typeof value.base64 === 'string') {
    return Uint8Array.from(Buffer.from(value.base64, 'base64')).buffer;
  }
  return value;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const store = await load('lib/store/index.ts', 'store');
const { PhaseMerger } = await load('lib/capture/merger.ts', 'merger');
let classify;
let classifier = 'lib/classify';
try {
  ({ classify } = await load('lib/classify/index.ts', 'classify'));
} catch {
  classifier = 'none (empty annotations: lib/classify did not build)';
}

// Recorded requests → captured records (one merge each), reused round-robin.
const fixtureDir = join(root, 'test/fixtures/requests/chromium');
if (!existsSync(fixtureDir)) throw new Error(`no fixtures in ${fixtureDir}`);
const captured = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const fx = JSON.parse(readFileSync(join(fixtureDir, f), 'utf8'), revive);
    const m = new PhaseMerger();
    m.onBeforeRequest(fx.onBeforeRequest);
    m.onSendHeaders(fx.onSendHeaders);
    return fx.onCompleted ? m.onCompleted(fx.onCompleted) : m.onError(fx.onErrorOccurred);
  })
  .filter(Boolean);

const profile = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  osName: 'Linux',
  browserName: 'Chromium',
  browserVersion: '156.0.0.0',
  languages: ['sv-SE', 'sv', 'en'],
  timeZone: 'Europe/Stockholm',
};
const empty = (policy) => ({
  policy,
  features: [],
  purposes: [],
  items: [],
  findings: [],
  body: { format: 'none', gzip: false, truncated: false, undecodable: false, size: 0 },
});
const t0 = performance.now();
const annotations = captured.map((c) => (classify ? classify(c.request, { profile }) : empty('none')));
const classifyMs = (performance.now() - t0) / captured.length;

const db = await store.openTelltaleDB(`bench-${Date.now()}`);
const writer = new store.ObservationWriter(() => db, { delayMs: 0 });
const base = Date.now() - 3_600_000;
const writeStart = performance.now();
for (let i = 0; i < COUNT; i++) {
  const c = captured[i % captured.length];
  writer.add({
    requestId: String(100_000 + i),
    time: base + i * 10,
    tabId: i % TABS,
    frameId: c.frameId,
    clientOrigin: c.clientOrigin,
    url: c.request.url,
    method: c.request.method,
    type: c.request.type,
    status: c.status,
    requestSize: c.requestSize,
    headers: c.request.headers,
    annotation: annotations[i % annotations.length],
  });
  if (writer.queued >= 500) await writer.flush();
}
await writer.flush();
const writeMs = performance.now() - writeStart;

// Size: JSON of the stored (redacted, compact) record as IndexedDB holds it, a proxy for its structured-clone
// size; and of the same observation decoded to its public shape, as views and exports get it.
const json = (v) => (v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v)));
const storedSample = await db.getAll('observations', undefined, 2_000);
const bytes = storedSample.map(json);
const tableBytes = storedSample.map((r) => json(r.x));
const headerBytes = storedSample.map((r) => json(r.h) + json(r.ho));
const annotationBytes = storedSample.map((r) => json(r.a));
const decodedBytes = (await store.listObservations(db, { limit: 2_000 })).map(json);
const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

const readTimes = (key) => {
  const times = [];
  return (async () => {
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await store.getAggregate(db, key);
      times.push(performance.now() - t);
    }
    return median(times);
  })();
};
const tabRead = await readTimes('tab:3');
const logRead = await readTimes('log');
const tabAgg = await store.getAggregate(db, 'tab:3');
const logAgg = await store.getAggregate(db, 'log');
const listStart = performance.now();
await store.listObservations(db, { tabId: 3, limit: 200 });
const listMs = performance.now() - listStart;
const total = await db.count('observations');

const row = (k, v) => console.log(`| ${k} | ${v} |`);
console.log(`\n### Storage benchmark (fake-indexeddb in Node ${process.version})\n`);
console.log('| measure | value |\n|---|---|');
row('observations stored', total.toLocaleString('en'));
row('distinct recorded requests cycled', captured.length);
row('classifier', classifier);
row('bytes per observation, mean (JSON of stored record)', Math.round(avg(bytes)));
row('bytes per observation, max', Math.max(...bytes));
row('of which string table / headers / annotation, mean', `${Math.round(avg(tableBytes))} / ${Math.round(avg(headerBytes))} / ${Math.round(avg(annotationBytes))}`);
row('the same observation decoded (public shape), mean', Math.round(avg(decodedBytes)));
row('target ≤ 1 KB met', avg(bytes) <= 1024 ? 'yes' : 'no');
row('tab aggregate size (bytes)', Buffer.byteLength(JSON.stringify(tabAgg)));
row('log aggregate size (bytes)', Buffer.byteLength(JSON.stringify(logAgg)));
row('read tab aggregate, median (ms)', tabRead.toFixed(2));
row('read log aggregate, median (ms)', logRead.toFixed(2));
row('list newest 200 of one tab (ms)', listMs.toFixed(1));
row('write throughput (observations/s, batches of 500)', Math.round((COUNT / writeMs) * 1000).toLocaleString('en'));
row('classify, mean per request (ms)', classify ? classifyMs.toFixed(3) : 'n/a');
console.log('\nfake-indexeddb timings are not browser timings: the real-Chromium figure comes from the e2e bench.');
db.close();
