/**
 * `npm run bench`: every benchmark in this folder, one after another (the engine first), each printing its own
 * table, under one header that describes the machine, and a closing summary of the figures that have targets.
 *
 * Each benchmark is its own program (`node test/bench/<name>.mjs` works alone); here each runs as a child
 * process whose output is shown as it comes and kept, so the summary can read the figures out of the tables.
 * They run in turn, never side by side, so one does not slow another down. The Node bundle and the extension
 * are built once first, so every benchmark measures the code as it is. A benchmark that fails (or is missing) is reported and
 * the rest still run; the exit code is 1 when any failed, or when a figure could not be found in its table.
 *
 *   node test/bench/run.mjs              all of them
 *   node test/bench/run.mjs engine       only those whose file name contains "engine"
 *   node test/bench/run.mjs --no-build   use the build already in .output/chrome-mv3
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const self = basename(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const filter = args.find((a) => !a.startsWith('--'));

/** The benchmarks the report is made of, in the order they run; others found in the folder run after them. */
export const EXPECTED = ['engine.mjs', 'storage.mjs', 'chromium-storage.mjs', 'popup-paint.mjs', 'overhead.mjs'];
const BROWSER_BENCHES = new Set(['chromium-storage.mjs', 'popup-paint.mjs', 'overhead.mjs']);

// ---------------------------------------------------------------------------------------------------------
// Reading figures out of the benchmarks' markdown tables.

/** Cells of the first table row whose first cell matches `label`, without markdown emphasis. */
export function rowCells(text, label) {
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined)
      .split('|')
      .map((c) => c.trim().replace(/\*\*|`/g, ''));
    if (label.test(cells[0] ?? '')) return cells;
  }
  return undefined;
}

/** The first number in a cell ("1,234", "0.0123 ms", "0.55×"), or NaN. */
export function numberIn(cell) {
  const m = /-?\d[\d,]*(?:\.\d+)?/.exec(cell ?? '');
  return m ? Number(m[0].replace(/,/g, '')) : NaN;
}

/**
 * The figures with targets, each read from one cell of one benchmark's table. `column` counts cells from
 * the row label (0). When a table changes its wording, the summary says "not found" rather than guessing.
 */
export const FIGURES = [
  { script: 'engine.mjs', figure: 'engine: URL + headers, median vs Ghostery', label: /^Telltale classify, URL \+ headers, with profile$/, column: 3, target: '≤ 1.00 ×', met: (v) => v <= 1 },
  { script: 'engine.mjs', figure: 'engine: URL + headers, p99 (ms)', label: /^Telltale classify, URL \+ headers, with profile$/, column: 2, target: '≤ 0.05', met: (v) => v <= 0.05 },
  ...['1 KB', '64 KB', '1 MB'].map((size) => ({
    script: 'engine.mjs',
    figure: `engine: ${size} NDJSON body, throughput vs JSON.parse`,
    label: new RegExp(`^${size}$`),
    column: -1,
    target: '≥ 0.5 ×',
    met: (v) => v >= 0.5,
  })),
  { script: 'storage.mjs', figure: 'storage (fake-indexeddb): bytes per stored record', label: /^bytes per observation, mean/, column: 1, target: '≤ 1024', met: (v) => v <= 1024 },
  { script: 'chromium-storage.mjs', figure: 'storage (Chromium): on-disk bytes per observation', label: /^on-disk growth per observation, after close/, column: 1, target: '≤ 1024', met: (v) => v <= 1024 },
  { script: 'chromium-storage.mjs', figure: 'storage (Chromium): open DB + read tab aggregate, median (ms)', label: /^open \+ read, median/, column: 1, target: '—' },
  { script: 'popup-paint.mjs', figure: 'popup: first paint with data, 100k observations, median (ms)', label: /^popup first paint with data, median/, column: 1, target: '≤ 100', met: (v) => v <= 100 },
  { script: 'popup-paint.mjs', figure: 'popup: trivial extension page first paint, same run (ms)', label: /^trivial extension page first paint, median/, column: 1, target: '—' },
  { script: 'popup-paint.mjs', figure: 'popup: ratio popup / trivial page', label: /^ratio popup \/ trivial page/, column: 1, target: '≤ 1.50 ×', met: (v) => v <= 1.5 },
  ...[
    ['page load (100 CDN assets + 20 POSTs): Telltale / no extension', /^page load: Telltale \/ no extension$/, 1.1],
    ['burst (1,000 POSTs): Telltale / no extension', /^burst: Telltale \/ no extension$/, 1.25],
    ['page load: Telltale / do-nothing extension, same listeners', /^page load: Telltale \/ do-nothing$/, 1.05],
    ['burst: Telltale / do-nothing extension, same listeners', /^burst: Telltale \/ do-nothing$/, 1.05],
  ].flatMap(([figure, label, limit]) => [
    { script: 'overhead.mjs', figure, label, column: 1, target: `≤ ${limit.toFixed(2)} ×`, met: (v) => v <= limit },
    // The browser's CPU time beside each wall-time ratio: steadier than wall time on a shared machine.
    { script: 'overhead.mjs', figure: `${figure} (browser CPU)`, label, column: 2, target: `≤ ${limit.toFixed(2)} ×`, met: (v) => v <= limit },
  ]),
  { script: 'overhead.mjs', figure: 'page load: do-nothing / no extension (Chromium\'s cost of the listeners)', label: /^page load: do-nothing \/ no extension/, column: 1, target: '—' },
  { script: 'overhead.mjs', figure: 'page load: do-nothing / no extension (browser CPU)', label: /^page load: do-nothing \/ no extension/, column: 2, target: '—' },
  { script: 'overhead.mjs', figure: 'burst: do-nothing / no extension (Chromium\'s cost of the listeners)', label: /^burst: do-nothing \/ no extension/, column: 1, target: '—' },
  { script: 'overhead.mjs', figure: 'burst: do-nothing / no extension (browser CPU)', label: /^burst: do-nothing \/ no extension/, column: 2, target: '—' },
  { script: 'overhead.mjs', figure: 'page load: Telltale\'s worker thread CPU over do-nothing\'s, per request (ms)', label: /^page load, worker thread CPU over do-nothing's, per request/, column: 3, target: '—' },
  { script: 'overhead.mjs', figure: 'burst: Telltale\'s worker thread CPU over do-nothing\'s, per request (ms)', label: /^burst, worker thread CPU over do-nothing's, per request/, column: 3, target: '—' },
];

/** One summary row per figure, from the collected outputs (script name → stdout, or undefined if it failed). */
export function summarize(outputs) {
  return FIGURES.filter((f) => f.script in outputs).map((f) => {
    const out = outputs[f.script];
    if (out === undefined) return { ...f, measured: 'benchmark failed', ok: 'no' };
    const cells = rowCells(out, f.label);
    const cell = cells && (f.column < 0 ? cells[cells.length + f.column] : cells[f.column]);
    const value = numberIn(cell);
    if (Number.isNaN(value)) return { ...f, measured: 'not found in its table', ok: 'no', missing: true };
    return { ...f, measured: cell, ok: f.met ? (f.met(value) ? 'yes' : 'no') : '—' };
  });
}

// ---------------------------------------------------------------------------------------------------------
// The machine.

function version(file, flag = '--version') {
  try {
    return execFileSync(file, [flag], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }).trim();
  } catch {
    return undefined;
  }
}

async function browsers() {
  try {
    const { chromiumPath, firefoxPath } = await import('../e2e/browsers.mjs');
    const chromium = version(chromiumPath());
    const firefox = version(firefoxPath());
    return { chromium: chromium ?? 'not found', firefox: firefox ?? 'not found' };
  } catch (e) {
    return { chromium: `unknown (${e.message})`, firefox: 'unknown' };
  }
}

async function machineHeader() {
  const gb = (n) => `${(n / 1024 ** 3).toFixed(1)} GB`;
  const { chromium, firefox } = await browsers();
  return [
    '# Telltale benchmarks',
    '',
    '| machine | |',
    '|---|---|',
    `| CPU | ${cpus()[0]?.model ?? 'unknown'} |`,
    `| cores | ${cpus().length} |`,
    `| RAM | ${gb(totalmem())} (${gb(freemem())} free at start) |`,
    `| load average (1/5/15 min) at start | ${loadavg().map((l) => l.toFixed(2)).join(' / ')} |`,
    `| Node | ${process.version} |`,
    `| Chromium | ${chromium} |`,
    `| Firefox | ${firefox} |`,
    `| started | ${new Date().toISOString()} |`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Running.

/** Runs one benchmark as a child process; its output goes to ours as it comes and is kept. */
function runScript(script) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, script)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('error', (error) => resolve({ code: -1, out, error }));
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, out }));
  });
}

async function main() {
  const present = readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== self);
  const order = [...EXPECTED, ...present.filter((f) => !EXPECTED.includes(f)).sort()];
  const chosen = order.filter((f) => !filter || f.includes(filter));

  console.log(await machineHeader());
  const outputs = {};
  const failed = [];
  const skipped = [];

  if (!noBuild && chosen.some((f) => !BROWSER_BENCHES.has(f))) {
    // The engine and storage benchmarks import the Node bundle, which would otherwise be whatever was built last.
    console.log('\n(building the Node bundle: node test/scripts/build-node.mjs)');
    try {
      execFileSync(process.execPath, [join(root, 'test/scripts/build-node.mjs')], { cwd: root, stdio: 'ignore' });
    } catch (e) {
      console.log(`(the Node bundle build failed: ${e.message}; the engine benchmarks use whatever dist/ holds)`);
    }
  }
  if (!noBuild && chosen.some((f) => BROWSER_BENCHES.has(f) && present.includes(f))) {
    console.log('\n(building the extension: npx wxt build)');
    try {
      execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' });
    } catch (e) {
      console.log(`(the build failed: ${e.message}; the Chromium benchmarks use whatever .output/chrome-mv3 holds)`);
    }
  }

  for (const script of chosen) {
    console.log(`\n## ${script}\n`);
    if (!present.includes(script)) {
      skipped.push(script);
      console.log(`(${script} is not in test/bench yet: skipped)`);
      continue;
    }
    if (BROWSER_BENCHES.has(script) && !existsSync(join(root, '.output/chrome-mv3/manifest.json'))) {
      console.log('(no built extension in .output/chrome-mv3: this benchmark will fail)');
    }
    const started = Date.now();
    const run = await runScript(script);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (run.code !== 0) {
      failed.push(script);
      outputs[script] = undefined;
      console.log(`\n(${script} failed after ${seconds} s: ${run.error?.message ?? `exit code ${run.code}${run.signal ? `, ${run.signal}` : ''}`})`);
    } else {
      outputs[script] = run.out;
      console.log(`\n(${script}: ${seconds} s)`);
    }
  }

  const rows = summarize(outputs);
  console.log('\n## Summary\n');
  console.log('| figure | measured | target | met? |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.figure} | ${r.measured} | ${r.target} | ${r.ok} |`);
  console.log(`\nload average (1/5/15 min) at end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  for (const s of skipped) console.log(`Skipped (missing): ${s}`);
  if (failed.length > 0) console.log(`Failed: ${failed.join(', ')}`);
  const missing = rows.filter((r) => r.missing).map((r) => r.figure);
  if (missing.length > 0) console.log(`Figures not found in their tables: ${missing.join('; ')}`);
  if (failed.length > 0 || missing.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
