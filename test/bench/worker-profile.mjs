/**
 * Where the service worker's time goes, in real Chromium: a CPU profile (V8's sampling profiler over the
 * DevTools protocol) of Telltale's worker and of the do-nothing extension's (do-nothing/make.mjs: the same
 * build and listeners, every listener returning at once) over the overhead benchmark's two loads. The
 * difference is Telltale's own work on the events; each sample is put to the source file of its nearest frame
 * in Telltale's code, read from the build's source map, so the table says which concern costs what.
 *
 *   node test/bench/worker-profile.mjs [pageLoads=5] [bursts=2] [posts=1000] [--no-build] [--by-file]
 *
 * `--by-file` puts each sample to the source file itself instead of its concern. A third arm without an extension
 * runs the same unprofiled loads, for a table of every browser thread's CPU time in the three arms.
 *
 * The profiled build is the extension as shipped (minified) with source maps, built into .output/profiled
 * (TELLTALE_SOURCEMAP=1, wxt.config.ts). Each arm gets a fresh browser and a warm-up page; the profiler runs
 * over the measured loads only, and each load is followed by 3 s of quiet so the worker's deferred writes fall
 * inside it. Only the worker's thread is profiled: IndexedDB and storage.session also cost the browser process,
 * which the overhead benchmark's CPU column counts and this does not.
 *
 * A sampled profile counts the time the thread was in JavaScript, including time it was descheduled there, so on
 * a busy machine its milliseconds exceed CPU time. The CPU time itself comes from Linux: before the profiled
 * loads, the same number of loads run unprofiled while the kernel counts the worker thread's time on a CPU
 * (/proc/<pid>/task/<tid>/schedstat of the extension renderer's "ServiceWorker" thread).
 */
/* global WebSocket, fetch -- Node 20 (WebSocket behind the flag below) and later */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo/server.mjs';
import { launchChromium, runDemoClient } from '../e2e/harness.mjs';
import { machine, machineRows } from './chromium-storage.mjs';
import { makeDoNothingExtension } from './do-nothing/make.mjs';
import { measuredLoads, WARM_UP } from './measure/loads.mjs';
import { byConcern, sourceLookup } from './measure/profile-concerns.mjs';
import { browserThreadsCpuNs, workerCpuSince } from './measure/proc-cpu.mjs';

// Node 20 has the WebSocket client behind a flag; later versions have it by default.
if (typeof WebSocket === 'undefined') {
  const r = spawnSync(process.execPath, ['--experimental-websocket', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD = path.join(root, '.output/profiled/chrome-mv3');
const QUIET_MS = 3_000;
const SAMPLING_US = 100;

const args = process.argv.slice(2);
const numbers = args.filter((a) => !a.startsWith('--')).map(Number);
const [pageLoads = 5, bursts = 2, posts = 1000] = numbers;
const byFile = args.includes('--by-file');

/** Sends DevTools protocol commands over one WebSocket, one answer per id. */
async function devtools(url) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(`could not connect to ${url}`));
  });
  let id = 0;
  const waiting = new Map();
  ws.onmessage = (m) => {
    const d = JSON.parse(m.data);
    if (d.id && waiting.has(d.id)) {
      waiting.get(d.id)(d);
      waiting.delete(d.id);
    }
  };
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const i = ++id;
        waiting.set(i, (d) => (d.error ? reject(new Error(`${method}: ${d.error.message}`)) : resolve(d.result)));
        ws.send(JSON.stringify({ id: i, method, params }));
      }),
    close: () => ws.close(),
  };
}

/** Runs the demo client at `url` to its end, then leaves the worker QUIET_MS to finish its writes. */
async function openClient(context, url) {
  const page = await runDemoClient(context, url, { timeout: 120_000 });
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  await page.close();
}

/** Milliseconds per load of each browser thread between two readings of browserThreadsCpuNs. */
function threadsPerLoad(before, after, loads) {
  if (!before || !after) return new Map();
  return new Map([...after].map(([k, ns]) => [k, (ns - (before.get(k) ?? 0)) / 1e6 / loads]));
}

/**
 * In a fresh browser with the extension in `dir` (none when null): the worker thread's CPU time and every
 * browser thread's over `loads` unprofiled loads of `query`, then the worker's CPU profile over as many more.
 */
async function profileArm(server, dir, query, loads) {
  const browser = await launchChromium({ extensionDir: dir, args: ['--remote-debugging-port=0'] });
  const { context } = browser;
  try {
    await openClient(context, server.url(WARM_UP));
    if (!dir) {
      const before = browserThreadsCpuNs();
      for (let i = 0; i < loads; i++) await openClient(context, server.url(query));
      return { threads: threadsPerLoad(before, browserThreadsCpuNs(), loads) };
    }
    const port = readFileSync(path.join(browser.userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    const worker = targets.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (!worker) throw new Error('the extension has no running service worker to profile');
    const cpuSince = workerCpuSince();
    const before = browserThreadsCpuNs();
    for (let i = 0; i < loads; i++) await openClient(context, server.url(query));
    const cpuMs = cpuSince();
    const threads = threadsPerLoad(before, browserThreadsCpuNs(), loads);
    const cdp = await devtools(worker.webSocketDebuggerUrl);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await cdp.send('Profiler.start');
    for (let i = 0; i < loads; i++) await openClient(context, server.url(query));
    const { profile } = await cdp.send('Profiler.stop');
    cdp.close();
    return { profile, cpuMs, threads };
  } finally {
    await browser.close();
  }
}

async function main() {
  if (!args.includes('--no-build')) {
    console.log('(building the extension with source maps: TELLTALE_SOURCEMAP=1 npx wxt build)');
    execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, TELLTALE_SOURCEMAP: '1' } });
  }
  const sourceOf = sourceLookup(JSON.parse(readFileSync(path.join(BUILD, 'background.js.map'), 'utf8')));
  const doNothing = makeDoNothingExtension(BUILD);
  const server = await startDemoServer();
  const loads = measuredLoads(posts).map((l) => ({ ...l, n: l.key === 'page' ? pageLoads : bursts }));
  const results = {};
  try {
    for (const l of loads) {
      const telltale = await profileArm(server, BUILD, l.query, l.n);
      const nothing = await profileArm(server, doNothing, l.query, l.n);
      const none = await profileArm(server, null, l.query, l.n);
      const scriptOf = (p) => p.nodes.find((n) => n.callFrame.url.endsWith('/background.js'))?.callFrame.url;
      results[l.key] = {
        telltale: { ...byConcern(telltale.profile, sourceOf, scriptOf(telltale.profile), { byFile }), cpuMs: telltale.cpuMs },
        nothing: { ...byConcern(nothing.profile, () => undefined, ''), cpuMs: nothing.cpuMs },
        threads: { none: none.threads, nothing: nothing.threads, telltale: telltale.threads },
      };
    }
  } finally {
    await server.close();
    rmSync(doNothing, { recursive: true, force: true });
  }

  const ms = (us, n) => (us / 1000 / n).toFixed(1);
  console.log('\n### Service worker CPU in real Chromium: Telltale and the do-nothing extension\n');
  console.log('| measure | value |\n|---|---|');
  for (const row of machineRows(machine())) console.log(row);
  console.log(`| loads | per arm and load, a fresh browser: ${pageLoads} page loads and ${bursts} bursts unprofiled (CPU time), as many profiled, sampling every ${SAMPLING_US} µs |\n`);
  console.log('| load | worker thread CPU per load, do-nothing / Telltale (ms) | Telltale minus do-nothing, per load / per request (ms) | sampled busy per load, do-nothing / Telltale (ms) | Telltale minus do-nothing, per load / per request (ms) |');
  console.log('|---|---|---|---|---|');
  const perLoad = (total, n) => (total === null ? null : total / n);
  const pair = (a, b) => `${a === null ? '—' : a.toFixed(1)} / ${b === null ? '—' : b.toFixed(1)}`;
  const own = (a, b, requests) => (a === null || b === null ? '—' : `${(b - a).toFixed(1)} / ${((b - a) / requests).toFixed(3)}`);
  for (const l of loads) {
    const r = results[l.key];
    const [cn, ct] = [perLoad(r.nothing.cpuMs, l.n), perLoad(r.telltale.cpuMs, l.n)];
    const [bn, bt] = [r.nothing.busy / 1000 / l.n, r.telltale.busy / 1000 / l.n];
    console.log(`| ${l.label} | ${pair(cn, ct)} | ${own(cn, ct, l.requests)} | ${pair(bn, bt)} | ${own(bn, bt, l.requests)} |`);
  }
  const concerns = [...new Set(loads.flatMap((l) => [...results[l.key].telltale.out.keys()]))].sort(
    (a, b) => (results.burst.telltale.out.get(b) ?? 0) - (results.burst.telltale.out.get(a) ?? 0),
  );
  console.log('\n| Telltale\'s worker busy time, by its nearest own frame\'s concern | page load, ms per load | share | burst, ms per load | share |');
  console.log('|---|---|---|---|---|');
  for (const c of concerns) {
    const cells = loads.map((l) => {
      const t = results[l.key].telltale;
      const us = t.out.get(c) ?? 0;
      return `${ms(us, l.n)} | ${((100 * us) / t.busy).toFixed(1)} %`;
    });
    console.log(`| ${c} | ${cells.join(' | ')} |`);
  }
  for (const l of loads) threadTable(l, results[l.key].threads);
}

/**
 * Each browser thread's CPU per load in the three arms, the threads that used at least 2 % of Telltale's arm's
 * total: where the listeners' cost and Telltale's own land, beyond its worker thread. The page's renderer is
 * closed with its page before the second reading, so it is not among them.
 */
function threadTable(load, threads) {
  const total = [...threads.telltale.values()].reduce((a, b) => a + b, 0);
  if (!total) return;
  const keys = [...new Set(Object.values(threads).flatMap((m) => [...m.keys()]))]
    .filter((k) => Math.max(...Object.values(threads).map((m) => m.get(k) ?? 0)) >= 0.02 * total)
    .sort((a, b) => (threads.telltale.get(b) ?? 0) - (threads.telltale.get(a) ?? 0));
  const cell = (arm, k) => (threads[arm].get(k) ?? 0).toFixed(1);
  console.log(`\n| ${load.label}: browser thread CPU per load (ms) | no extension | do-nothing | Telltale | Telltale minus do-nothing |`);
  console.log('|---|---|---|---|---|');
  for (const k of keys) {
    const own = (threads.telltale.get(k) ?? 0) - (threads.nothing.get(k) ?? 0);
    console.log(`| ${k} | ${cell('none', k)} | ${cell('nothing', k)} | ${cell('telltale', k)} | ${own.toFixed(1)} |`);
  }
}

await main();
