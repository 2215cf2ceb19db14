/**
 * What watching costs a page in real Chromium, side by side in one run: no extension, the do-nothing extension
 * (Telltale's build with every webRequest listener replaced by one that returns at once, same filters, options
 * and host permissions: do-nothing/make.mjs), and Telltale. Two loads of the demo client:
 *
 *   page load   an Outlook-like start: 100 subresources (scripts, style sheets, images) from Microsoft's CDN
 *               hostnames plus 20 1DS telemetry POSTs; measured from navigation start to the later of the
 *               load event and the last POST answered;
 *   burst       1,000 1DS POSTs, eight in flight; measured from navigation start to the last POST answered.
 *
 * Each run is a fresh Chromium that first loads a small warm-up page (20 POSTs, 8 assets), so connections, the
 * certificate and the page's code are warm, then the measured one. Every URL of a load is new, so nothing comes
 * from a cache. Within a round the three arms run in one of the six orders, a different one each round, so a
 * drift in machine load falls on all of them. After Telltale's burst run the store is read, to show that it
 * really recorded the burst (a run where it recorded nothing would measure nothing). Figures are medians; on
 * Linux the CPU time of the browser's processes over the same span is given too, which a busy machine distorts
 * less than wall time, and the CPU time of the extension's service worker thread until its deferred writes are
 * done: the nearest figure to Telltale's own work, and the least noisy way to judge a change to it.
 *
 *   npx wxt build && node test/bench/overhead.mjs [rounds=7] [posts=1000] [--compare=DIR] [--page-only]
 *                                                 [--do-nothing-without=EVENT[,EVENT]]
 *
 * `--compare=DIR` adds a fourth arm, another unpacked MV3 build of Telltale (say, main's, built and copied
 * aside), alternated with the others through eight orders, and prints its ratios after the usual tables: an A/B
 * of a change in one run. `--page-only` skips the burst. `--do-nothing-without=onCompleted` adds instead a
 * fourth arm, the do-nothing extension without those webRequest events: what Chromium charges for them, the
 * price of a listener set before it is built.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo/server.mjs';
import { launchChromium, readExtensionStore, tabIdOf } from '../e2e/harness.mjs';
import { machine, machineRows, median, pairedRatios } from './chromium-storage.mjs';
import { makeDoNothingExtension } from './do-nothing/make.mjs';
import { measuredLoads, WARM_UP } from './measure/loads.mjs';
import { browserCpuMs, workerCpuSince } from './measure/proc-cpu.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Targets, as ratios of medians. */
export const TARGETS = { pageVsNone: 1.1, burstVsNone: 1.25, vsDoNothing: 1.05 };

/**
 * Opens the demo client once; returns the time from navigation start to the later of the load event and the
 * client's `demo-sent` mark (last POST answered), and the browser's CPU ms over the load.
 */
async function load(context, url) {
  const page = await context.newPage();
  const cpu0 = browserCpuMs();
  await page.goto(url);
  await page.waitForSelector('body[data-demo="done"]', { state: 'attached', timeout: 120_000 });
  const cpu1 = browserCpuMs();
  const { sent, loaded, failed } = await page.evaluate(() => ({
    sent: performance.getEntriesByName('demo-sent')[0]?.startTime ?? -1,
    loaded: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? -1,
    failed: (document.getElementById('log')?.textContent ?? '').includes('error:'),
  }));
  if (sent < 0 || loaded <= 0 || failed) throw new Error(`the demo client did not finish cleanly at ${url}`);
  return { page, ms: Math.max(sent, loaded), cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

/**
 * Records Telltale stored for the burst's numbered URLs in this tab (the POSTs, and any CORS preflights),
 * once the count has stopped growing. Read from the serialized record, so it holds whatever the stored shape.
 */
async function recordedFor(browser, tab) {
  const count = async () =>
    (await readExtensionStore(browser.context, browser.extensionId, 'observations')).filter(
      (o) => o.tabId === tab && /[?&]seq=\d+/.test(JSON.stringify(o)),
    ).length;
  let last = -1;
  let now = await count();
  const end = Date.now() + 30_000;
  while (now !== last && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    [last, now] = [now, await count()];
  }
  return now;
}

/**
 * After a load, how long the extension's worker thread is given before its CPU time is read: Telltale's writes
 * wait for the page's load and a pause (at most 2 s after its first record), so they fall inside this.
 */
const WORKER_SETTLE_MS = 2_500;

/**
 * One measured run in a fresh browser. `workerCpu`: the extension's service worker thread's CPU time (ms) from
 * navigation start to WORKER_SETTLE_MS after the load; null without an extension.
 */
async function run(server, arm, query, checkStore) {
  const browser = await launchChromium({ extensionDir: arm.dir });
  try {
    const warm = await load(browser.context, server.url(WARM_UP));
    await warm.page.close();
    const workerSince = arm.dir ? workerCpuSince() : null;
    const { page, ms, cpu } = await load(browser.context, server.url(query));
    let workerCpu = null;
    if (workerSince) {
      await new Promise((resolve) => setTimeout(resolve, WORKER_SETTLE_MS));
      workerCpu = workerSince();
    }
    const recorded = checkStore ? await recordedFor(browser, await tabIdOf(browser.context, page)) : -1;
    return { ms, cpu, workerCpu, recorded };
  } finally {
    await browser.close();
  }
}

/**
 * The six orders of three arms; round i uses order i mod 6. Four arms: their rotations and those reversed, so
 * each arm comes in each place, and before and after each other arm, equally often.
 */
function orders(arms) {
  if (arms.length !== 3) {
    const rotations = arms.map((_, i) => [...arms.slice(i), ...arms.slice(0, i)]);
    return [...rotations, ...rotations.map((r) => [...r].reverse())];
  }
  const [a, b, c] = arms;
  return [[a, b, c], [b, c, a], [c, a, b], [c, b, a], [b, a, c], [a, c, b]];
}

/** Median wall time of one arm's runs (ms). */
const wallMedian = (runs, arm) => median(runs[arm].map((r) => r.ms));
/** Median browser CPU time of one arm's runs (ms); null where it could not be read. */
const cpuMedian = (runs, arm) => (runs[arm].every((r) => r.cpu !== null) ? median(runs[arm].map((r) => r.cpu)) : null);
/** Median CPU time of the arm's service worker thread (ms); null without an extension or where it could not be read. */
const workerMedian = (runs, arm) => (runs[arm].every((r) => r.workerCpu !== null) ? median(runs[arm].map((r) => r.workerCpu)) : null);
/** a / b, null when either is unknown. */
const ratio = (a, b) => (a === null || b === null ? null : a / b);
/**
 * Arm a's wall time over arm b's within each round (the two ran minutes apart at most, in the same machine
 * state), as "median (lowest–highest)": how far one round's ratio strays says how much a single run can be trusted.
 */
function roundRatios(runs, a, b) {
  const r = pairedRatios(runs[a].map((x) => x.ms), runs[b].map((x) => x.ms));
  return `${fmt(r.median)} (${fmt(r.low, 2)}–${fmt(r.high, 2)})`;
}

/**
 * Rows for a fourth arm (`key`, shown as `name`): its medians, then the ratio of each pair of arms in `pairs`
 * ([numerator, denominator] keys), wall, CPU and worker thread CPU, for one load.
 */
function fourthArmRows(label, runs, key, name, pairs) {
  const wall = (arm) => wallMedian(runs, arm);
  const cpu = (arm) => cpuMedian(runs, arm);
  const worker = (arm) => workerMedian(runs, arm);
  const names = { none: 'no extension', nothing: 'do-nothing', telltale: 'this build', [key]: name };
  const every = runs[key].map((r) => r.ms.toFixed(0)).join(', ');
  return [
    `| ${label}: ${name}, wall / CPU / worker thread CPU median (ms) | ${wall(key).toFixed(0)} / ${fmt(cpu(key), 0)} / ${fmt(worker(key), 1)} (every run: ${every}) |`,
    ...pairs.map(
      ([a, b]) => `| ${label}: ${names[a]} / ${names[b]}, wall / CPU / worker thread CPU | ${fmt(wall(a) / wall(b))} / ${fmt(ratio(cpu(a), cpu(b)))} / ${fmt(ratio(worker(a), worker(b)))} |`,
    ),
  ];
}

const COMPARE_PAIRS = [['compare', 'nothing'], ['telltale', 'nothing'], ['telltale', 'compare']];
const VARIANT_PAIRS = [['variant', 'none'], ['nothing', 'none'], ['variant', 'nothing']];

const fmt = (x, digits = 3) => (x === null || Number.isNaN(x) ? '—' : x.toFixed(digits));

/** `requests`: how many requests the load sends, for the worker's CPU per request. */
function tableFor(label, runs, requests) {
  const med = (arm) => wallMedian(runs, arm);
  const cpu = (arm) => cpuMedian(runs, arm);
  const [none, nothing, telltale] = ['none', 'nothing', 'telltale'].map(med);
  const [cNone, cNothing, cTelltale] = ['none', 'nothing', 'telltale'].map(cpu);
  const every = (arm) => runs[arm].map((r) => r.ms.toFixed(0)).join(', ');
  const [wNothing, wTelltale] = ['nothing', 'telltale'].map((arm) => workerMedian(runs, arm));
  const ownPerRequest = wNothing === null || wTelltale === null ? null : (wTelltale - wNothing) / requests;
  return {
    ratios: { vsNone: telltale / none, vsNothing: telltale / nothing, nothingVsNone: nothing / none },
    cpuRatios: { vsNone: ratio(cTelltale, cNone), vsNothing: ratio(cTelltale, cNothing), nothingVsNone: ratio(cNothing, cNone) },
    rows: [
      `| ${label}, wall time median (ms) | ${none.toFixed(0)} | ${nothing.toFixed(0)} | ${telltale.toFixed(0)} |`,
      `| ${label}, ratio to no extension | 1.000 | ${fmt(nothing / none)} | ${fmt(telltale / none)} |`,
      `| ${label}, ratio to do-nothing | — | 1.000 | ${fmt(telltale / nothing)} |`,
      `| ${label}, browser CPU median (ms) | ${fmt(cNone, 0)} | ${fmt(cNothing, 0)} | ${fmt(cTelltale, 0)} |`,
      `| ${label}, CPU ratio to no extension | 1.000 | ${fmt(ratio(cNothing, cNone))} | ${fmt(ratio(cTelltale, cNone))} |`,
      `| ${label}, CPU ratio to do-nothing | — | 1.000 | ${fmt(ratio(cTelltale, cNothing))} |`,
      `| ${label}, service worker thread CPU median, to ${WORKER_SETTLE_MS / 1000} s after (ms) | — | ${fmt(wNothing, 1)} | ${fmt(wTelltale, 1)} |`,
      `| ${label}, worker thread CPU over do-nothing's, per request (ms) | — | — | ${fmt(ownPerRequest)} |`,
      `| ${label}, every run (ms) | ${every('none')} | ${every('nothing')} | ${every('telltale')} |`,
      `| ${label}, per-round ratio to no extension, median (lowest–highest) | 1.000 | ${roundRatios(runs, 'nothing', 'none')} | ${roundRatios(runs, 'telltale', 'none')} |`,
      `| ${label}, per-round ratio to do-nothing, median (lowest–highest) | — | 1.000 | ${roundRatios(runs, 'telltale', 'nothing')} |`,
    ],
  };
}

async function main() {
  const [roundsArg, postsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const compareDir = process.argv.find((a) => a.startsWith('--compare='))?.slice('--compare='.length);
  const pageOnly = process.argv.includes('--page-only');
  const without =
    process.argv
      .find((a) => a.startsWith('--do-nothing-without='))
      ?.slice('--do-nothing-without='.length)
      .split(',')
      .filter(Boolean) ?? [];
  if (without.length && compareDir) throw new Error('--compare and --do-nothing-without each add the fourth arm: give one');
  const rounds = Math.max(3, Number(roundsArg ?? 7));
  const posts = Number(postsArg ?? 1000);
  // Private copies of the build, so a rebuild elsewhere cannot swap files under a running browser.
  const telltaleDir = mkdtempSync(path.join(tmpdir(), 'telltale-overhead-ext-'));
  cpSync(path.join(root, '.output/chrome-mv3'), telltaleDir, { recursive: true });
  const nothingDir = makeDoNothingExtension(telltaleDir);
  const arms = [
    { key: 'none', dir: null },
    { key: 'nothing', dir: nothingDir },
    { key: 'telltale', dir: telltaleDir },
  ];
  const compareCopy = compareDir && mkdtempSync(path.join(tmpdir(), 'telltale-overhead-compare-'));
  if (compareCopy) {
    cpSync(compareDir, compareCopy, { recursive: true });
    arms.push({ key: 'compare', dir: compareCopy });
  }
  const variantDir = without.length ? makeDoNothingExtension(telltaleDir, { without }) : null;
  if (variantDir) arms.push({ key: 'variant', dir: variantDir });
  const loads = measuredLoads(posts).filter((l) => !pageOnly || l.key === 'page');
  const runs = Object.fromEntries(loads.map((l) => [l.key, Object.fromEntries(arms.map((a) => [a.key, []]))]));
  const recorded = [];
  const server = await startDemoServer();
  const load0 = loadavg();
  const started = Date.now();
  try {
    for (let i = 0; i < rounds; i++) {
      for (const l of loads) {
        const order = orders(arms);
        for (const arm of order[i % order.length]) {
          // Telltale's store after each of its bursts; the do-nothing extension's once, to show it stores nothing.
          const telltale = arm.key === 'telltale' || arm.key === 'compare';
          const doNothing = arm.key === 'nothing' || arm.key === 'variant';
          const checkStore = l.key === 'burst' && (telltale || (doNothing && i === 0));
          const r = await run(server, arm, l.query, checkStore);
          runs[l.key][arm.key].push(r);
          if (checkStore && telltale) {
            if (r.recorded <= 0) throw new Error('Telltale recorded none of the burst: nothing was measured');
            recorded.push(r.recorded);
          }
          if (checkStore && doNothing && r.recorded !== 0) {
            throw new Error(`the do-nothing extension stored ${r.recorded} records: its listeners were not replaced`);
          }
        }
      }
    }
  } finally {
    await server.close();
    for (const dir of [telltaleDir, nothingDir, compareCopy, variantDir].filter(Boolean)) rmSync(dir, { recursive: true, force: true });
  }
  const load1 = loadavg();
  const page = tableFor('page load', runs.page, loads.find((l) => l.key === 'page').requests);
  const burst = runs.burst ? tableFor('burst', runs.burst, posts) : null;
  const met = (v, t) => (v <= t ? 'yes' : 'no');
  console.log(
    [
      '### What watching costs in real Chromium: no extension, do-nothing extension with Telltale\'s listeners, Telltale',
      '',
      '| measure | value |',
      '|---|---|',
      ...machineRows(machine()),
      `| load average (1/5/15 min) at start / end | ${load0.map((x) => x.toFixed(2)).join(' / ')} ; ${load1.map((x) => x.toFixed(2)).join(' / ')} |`,
      `| runs | ${rounds} rounds × ${loads.length} loads × ${arms.length} arms, a fresh browser each, order rotated through all ${arms.length === 3 ? 'six' : orders(arms).length} |`,
      ...loads.map((l) => `| ${l.key} | ${l.label} |`),
      burst && `| records Telltale stored per burst run | ${recorded.join(', ')} (${posts} POSTs sent; CORS preflights are recorded only where a full-header listener makes Chromium show them) |`,
      `| wall time of the benchmark (s) | ${((Date.now() - started) / 1000).toFixed(0)} |`,
      '',
      '| load | no extension | do-nothing, same listeners | Telltale |',
      '|---|---|---|---|',
      ...page.rows,
      ...(burst?.rows ?? []),
      '',
      '| overhead figure | ratio of medians (wall) | browser CPU | target | met? (wall) |',
      '|---|---|---|---|---|',
      `| page load: Telltale / no extension | ${fmt(page.ratios.vsNone)} | ${fmt(page.cpuRatios.vsNone)} | ≤ ${TARGETS.pageVsNone} | ${met(page.ratios.vsNone, TARGETS.pageVsNone)} |`,
      burst && `| burst: Telltale / no extension | ${fmt(burst.ratios.vsNone)} | ${fmt(burst.cpuRatios.vsNone)} | ≤ ${TARGETS.burstVsNone} | ${met(burst.ratios.vsNone, TARGETS.burstVsNone)} |`,
      `| page load: Telltale / do-nothing | ${fmt(page.ratios.vsNothing)} | ${fmt(page.cpuRatios.vsNothing)} | ≤ ${TARGETS.vsDoNothing} | ${met(page.ratios.vsNothing, TARGETS.vsDoNothing)} |`,
      burst && `| burst: Telltale / do-nothing | ${fmt(burst.ratios.vsNothing)} | ${fmt(burst.cpuRatios.vsNothing)} | ≤ ${TARGETS.vsDoNothing} | ${met(burst.ratios.vsNothing, TARGETS.vsDoNothing)} |`,
      `| page load: do-nothing / no extension (Chromium's own cost of the listeners) | ${fmt(page.ratios.nothingVsNone)} | ${fmt(page.cpuRatios.nothingVsNone)} | — | — |`,
      burst && `| burst: do-nothing / no extension (Chromium's own cost of the listeners) | ${fmt(burst.ratios.nothingVsNone)} | ${fmt(burst.cpuRatios.nothingVsNone)} | — | — |`,
      ...(compareCopy ? ['', `| A/B against ${compareDir} | ratio |`, '|---|---|', ...loads.flatMap((l) => fourthArmRows(l.key, runs[l.key], 'compare', 'compare build', COMPARE_PAIRS))] : []),
      ...(variantDir
        ? ['', `| do-nothing without ${without.join(', ')} | ratio |`, '|---|---|', ...loads.flatMap((l) => fourthArmRows(l.key, runs[l.key], 'variant', 'variant', VARIANT_PAIRS))]
        : []),
    ]
      .filter((line) => typeof line === 'string')
      .join('\n'),
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
