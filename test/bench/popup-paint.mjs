/**
 * Popup first paint in real Chromium with 100 000 stored observations, beside a trivial extension page.
 *
 * The profile is prepared as in chromium-storage.mjs (the demo client's recorded observations copied 100 000
 * times into the client tab's scope through lib/store). popup.html?tab=<id> is then opened in a new tab, again
 * and again. The popup sets performance.mark('telltale:first-paint') at the paint time Chromium reports (element
 * timing) for the first view with data (the header and the summary), so the mark's startTime is navigation
 * start → data on screen. Its other marks ('telltale:boot', 'db-open', 'aggregate', 'state', 'view', 'render',
 * 'rendered', and 'first-screen' when the items table and the rest are built after that paint) give the steps.
 *
 * The baseline: a trivial page (one paragraph, one small module script that marks its own paint the same way)
 * is written into this run's private copy of the extension, never into the build, and opened in turn with the
 * popup, so both see the same machine load. On a shared, loaded machine the baseline says what a paint costs
 * here at all; the ratio popup / baseline is the figure that travels between machines. Each open of the popup is
 * paired with the trivial page opened next to it, and the median of those pairs' ratios is given beside the
 * ratio of medians, with the lowest and highest pair: how far one run can be trusted.
 *
 *   npx wxt build && node test/bench/popup-paint.mjs [count=100000] [opens=30] [--compare=DIR]
 *
 * `--compare=DIR` prepares a second browser the same way from another unpacked MV3 build (say, main's, built
 * and copied aside) and opens its popup and trivial page in turn with this build's, in rotating order: an A/B of
 * a change to the popup in one run, where separate runs differ by more than most changes do.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROME_BUILD } from '../e2e/harness.mjs';
import { machine, machineRows, median, pairedRatios, prepareProfile } from './chromium-storage.mjs';

export const TARGET_MS = 100;
/** How long the page is left alone after its load event before the marks are read (see openOnce). */
const QUIET_AFTER_LOAD_MS = 500;
const VIEWPORT = { width: 400, height: 600 }; // a popup is at most 800 × 600

/** The steps the popup marks, in the order they usually happen. */
const STEPS = [
  ['boot', 'the popup\'s script run, reads started (boot)'],
  ['state', "background's state answered"],
  ['db-open', 'IndexedDB open'],
  ['aggregate', "tab aggregate there (the page's own read; the background's answer if that read is slow)"],
  ['view', 'view started (same script, right after the reads)'],
  ['render', 'render starts'],
  ['rendered', 'DOM built'],
  ['first-paint', 'first paint with data (the header and the summary)'],
  ['first-screen', 'rest of the first screen built (items table, content list, controls)'],
];

const BASELINE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baseline</title><script type="module" src="/bench-baseline.js"></script></head>
<body><p elementtiming="telltale-data">Telltale</p></body></html>
`;
// The same measure as the popup's first-paint.ts: the element's paint time as Chromium reports it.
const BASELINE_JS = `new PerformanceObserver((list, observer) => {
  const entry = list.getEntries().find((e) => e.identifier === 'telltale-data');
  if (entry) { observer.disconnect(); performance.mark('telltale:first-paint', { startTime: entry.renderTime || entry.loadTime }); }
}).observe({ type: 'element', buffered: true });
`;

/**
 * The floors under the popup's steps, in fresh extension pages of the same browser: how long reading the tab's
 * aggregate takes (`?read=idb`: open the database and one get, as the popup does; `?read=session`: one
 * `storage.session.get` of the same aggregate as JSON, which the page put there first with `?setup`), and how
 * long a paragraph inserted by script right after the read waits to be painted (Chromium's element timing, as
 * the popup's mark). Written into the run's private copy beside the trivial page.
 */
const FLOOR_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Floor</title></head>
<body><div id="app"></div><script src="/bench-floor.js" async></script></body></html>
`;
const FLOOR_JS = `const q = new URLSearchParams(location.search);
const key = 'tab:' + q.get('tab');
const SESSION_KEY = 'bench-floor-aggregate';
function fromDb() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('telltale');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('aggregates', 'readonly').objectStore('aggregates').get(key);
      get.onsuccess = () => { db.close(); resolve(get.result); };
      get.onerror = () => reject(get.error);
    };
  });
}
if (q.has('setup')) {
  fromDb().then((agg) => chrome.storage.session.set({ [SESSION_KEY]: JSON.stringify(agg) }))
    .then(() => chrome.storage.session.get(SESSION_KEY))
    .then((got) => performance.mark('telltale:setup', { detail: got[SESSION_KEY].length }));
} else {
  // The trivial page's paint mark, for the paragraph inserted below.
  ${BASELINE_JS}
  performance.mark('telltale:read-start');
  const read = q.get('read') === 'session'
    ? chrome.storage.session.get(SESSION_KEY).then((got) => JSON.parse(got[SESSION_KEY]))
    : fromDb();
  read.then((agg) => {
    performance.mark('telltale:read-done');
    const p = document.createElement('p');
    p.setAttribute('elementtiming', 'telltale-data');
    p.textContent = agg.key + ': ' + agg.requests;
    document.getElementById('app').append(p);
    performance.mark('telltale:inserted');
  });
}
`;
/** Opens of each floor page: enough for a median, few enough not to lengthen the run much. */
const FLOOR_OPENS = 15;

/** Puts the aggregate into storage.session (for `?read=session`); returns its JSON length. */
async function prepareFloor(side) {
  const page = await side.p.context.newPage();
  try {
    await page.goto(`${side.floorUrl}&setup`);
    const handle = await page.waitForFunction(() => performance.getEntriesByName('telltale:setup')[0]?.detail, null, { timeout: 15_000 });
    return await handle.jsonValue();
  } finally {
    await page.close();
  }
}

/** The floor pages' opens, IndexedDB and storage.session alternating. */
async function measureFloor(side) {
  const aggregateChars = await prepareFloor(side);
  const idb = [];
  const session = [];
  for (let i = 0; i < FLOOR_OPENS; i++) {
    const order = i % 2 ? ['session', 'idb'] : ['idb', 'session'];
    for (const read of order) (read === 'idb' ? idb : session).push(await openOnce(side.p.context, `${side.floorUrl}&read=${read}`));
  }
  return { aggregateChars, idb, session };
}

function floorRows(floor) {
  const span = (runs, a, b) => f1(median(runs.map((r) => r[b] - r[a]).filter(Number.isFinite)));
  const all = [...floor.idb, ...floor.session];
  return [
    `Floors, in fresh extension pages of the same browser (${FLOOR_OPENS} opens each, alternating), median (ms):`,
    '',
    '| floor | ms |',
    '|---|---|',
    `| read the tab aggregate: IndexedDB open and one get, as the popup does | ${span(floor.idb, 'read-start', 'read-done')} |`,
    `| read the same aggregate from storage.session (${kb(floor.aggregateChars)} of JSON, parsed) | ${span(floor.session, 'read-start', 'read-done')} |`,
    `| a paragraph inserted by script → painted (the next frame) | ${span(all, 'inserted', 'first-paint')} |`,
    '',
  ];
}

/**
 * Files the popup loads before its first paint: everything popup.html names (its one classic script, which
 * holds the reads, the view and the policy model evaluated on demand; its style sheet; whatever module the
 * build adds to every page). The popup imports nothing after that.
 */
export function popupChunks(buildDir = CHROME_BUILD) {
  const html = readFileSync(path.join(buildDir, 'popup.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const size = (f) => statSync(path.join(buildDir, f)).size;
  return { first: named.map((f) => [f, size(f)]), firstBytes: named.reduce((n, f) => n + size(f), 0) };
}

async function openOnce(context, url) {
  const page = await context.newPage();
  try {
    await page.setViewportSize(VIEWPORT);
    await page.goto(url);
    // Nothing is evaluated in the page before its first paint is long past: Playwright's first evaluation
    // injects its own script into the page, which costs the page's main thread 10–20 ms, and right after
    // the load event it lands in the popup's reads (the trivial page has painted by then).
    await new Promise((resolve) => setTimeout(resolve, QUIET_AFTER_LOAD_MS));
    await page.waitForFunction(() => performance.getEntriesByName('telltale:first-paint').length > 0, null, {
      timeout: 15_000,
    });
    return await page.evaluate(() => {
      const out = {};
      for (const m of performance.getEntriesByType('mark')) {
        const name = m.name.replace(/^telltale:/, '');
        if (!(name in out)) out[name] = m.startTime;
      }
      const nav = performance.getEntriesByType('navigation')[0];
      out.domContentLoaded = nav?.domContentLoadedEventEnd ?? -1;
      out.fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1;
      out.items = document.querySelectorAll('[data-item]').length;
      return out;
    });
  } finally {
    await page.close();
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const files = (list) => `${list.length} (${list.map(([f, n]) => `${path.basename(f)} ${kb(n)}`).join(', ')})`;
const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');

/** A browser prepared for the benchmark from one build, with the trivial page written into its private copy. */
async function prepareSide(count, buildDir) {
  const p = await prepareProfile(count, { buildDir });
  writeFileSync(path.join(p.extensionDir, 'bench-baseline.html'), BASELINE_HTML);
  writeFileSync(path.join(p.extensionDir, 'bench-baseline.js'), BASELINE_JS);
  writeFileSync(path.join(p.extensionDir, 'bench-floor.html'), FLOOR_HTML);
  writeFileSync(path.join(p.extensionDir, 'bench-floor.js'), FLOOR_JS);
  const base = `chrome-extension://${p.extensionId}`;
  return {
    p,
    popupUrl: `${base}/popup.html?tab=${p.tabId}`,
    baselineUrl: `${base}/bench-baseline.html`,
    floorUrl: `${base}/bench-floor.html?tab=${p.tabId}`,
    popup: [],
    baseline: [],
  };
}

async function closeSide(side) {
  if (!side) return;
  await side.p.close();
  side.p.removeProfile();
}

/**
 * The order of the opens in round i: this build's popup and trivial page alternate; with a compare build, its
 * two pages join them and the four rotate, reversed every other cycle, so each takes every place in turn.
 */
function roundOrder(i, sides) {
  const opens = sides.flatMap((side) => [
    [side, 'popup'],
    [side, 'baseline'],
  ]);
  const k = i % opens.length;
  const rotated = [...opens.slice(k), ...opens.slice(0, k)];
  return Math.floor(i / opens.length) % 2 === 1 ? rotated.reverse() : rotated;
}

/** Each open's first paint with data, in the order opened. */
const paintsOf = (runs) => runs.map((r) => r['first-paint']);

/** The per-open ratios a[i] / b[i] as "median (lowest–highest)". */
function perOpen(a, b) {
  const r = pairedRatios(a, b);
  return Number.isFinite(r.median) ? `${r.median.toFixed(2)} (${r.low.toFixed(2)}–${r.high.toFixed(2)})` : '–';
}

/** The A/B rows: the compare build's figures from the same run, and this build against it, open by open. */
function compareRows(main, compare, compareDir) {
  const mainMs = median(paintsOf(main.popup));
  const compareMs = median(paintsOf(compare.popup));
  const compareBaseMs = median(paintsOf(compare.baseline));
  return [
    `A/B in this run: this build against ${compareDir}, each in its own browser with the same data, opened in turn:`,
    '',
    '| measure | value |',
    '|---|---|',
    `| compare build: popup first paint with data, median (ms) | ${f1(compareMs)} |`,
    `| compare build: trivial extension page first paint, median (ms) | ${f1(compareBaseMs)} |`,
    `| compare build: ratio popup / trivial page | ${(compareMs / compareBaseMs).toFixed(2)} |`,
    `| this build / compare build, popup first paint (ratio of medians) | ${(mainMs / compareMs).toFixed(2)} |`,
    `| this build / compare build, per open: median (lowest–highest) | ${perOpen(paintsOf(main.popup), paintsOf(compare.popup))} |`,
    '',
  ];
}

/** Runs the benchmark; returns the markdown rows and the figures run.mjs summarises. */
export async function popupPaint({ count = 100_000, opens = 30, compareDir } = {}) {
  opens = Math.max(10, opens);
  const load0 = loadavg();
  const main = await prepareSide(count, CHROME_BUILD);
  let compare;
  let floor;
  try {
    if (compareDir) compare = await prepareSide(count, path.resolve(compareDir));
    const sides = compare ? [main, compare] : [main];
    for (let i = 0; i < opens; i++) {
      // A drift in machine load falls on every page alike.
      for (const [side, page] of roundOrder(i, sides)) {
        side[page].push(await openOnce(side.p.context, page === 'popup' ? side.popupUrl : side.baselineUrl));
      }
    }
    floor = await measureFloor(main);
  } finally {
    await closeSide(main);
    await closeSide(compare);
  }
  const { popup, baseline } = main;
  const load1 = loadavg();
  const m = machine();
  const chunks = popupChunks();

  const med = (runs, key) => median(runs.map((r) => r[key]).filter((v) => typeof v === 'number' && v >= 0));
  const paints = paintsOf(popup);
  const popupMs = median(paints);
  const baselineMs = med(baseline, 'first-paint');
  const ratio = popupMs / baselineMs;
  const stepRows = STEPS.map(([key, label]) => `| ${label} | ${f1(med(popup, key))} |`);
  const between = (a, b) => median(popup.map((r) => r[b] - r[a]).filter(Number.isFinite));
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');

  const rows = [
    `### Popup first paint in real Chromium (${count.toLocaleString('en')} stored observations)`,
    '',
    '| measure | value |',
    '|---|---|',
    ...machineRows(m),
    `| load average (1/5/15 min) at start ; at end | ${load(load0)} ; ${load(load1)} |`,
    `| opens | ${opens} of popup.html?tab=<id> and ${opens} of a trivial extension page, ${compare ? "in turn with as many of the compare build's" : 'alternating'}, ${VIEWPORT.width}×${VIEWPORT.height} |`,
    `| **popup first paint with data, median (ms)** | **${f1(popupMs)}** |`,
    `| trivial extension page first paint, median (ms) | ${f1(baselineMs)} |`,
    `| **ratio popup / trivial page** | **${ratio.toFixed(2)}** |`,
    `| popup minus trivial page, median (ms) | ${f1(popupMs - baselineMs)} |`,
    `| per-open ratio popup / trivial page opened beside it: median (lowest–highest) | ${perOpen(paints, paintsOf(baseline))} |`,
    `| popup first paint: first open / min / max (ms) | ${f1(paints[0])} / ${f1(Math.min(...paints))} / ${f1(Math.max(...paints))} |`,
    `| popup first contentful paint / DOMContentLoaded, median (ms) | ${f1(med(popup, 'fcp'))} / ${f1(med(popup, 'domContentLoaded'))} |`,
    `| trivial page first contentful paint / DOMContentLoaded, median (ms) | ${f1(med(baseline, 'fcp'))} / ${f1(med(baseline, 'domContentLoaded'))} |`,
    `| elements with data-item rendered | ${popup[0]?.items ?? 0} |`,
    `| target ≤ ${TARGET_MS} ms met (median) | ${popupMs <= TARGET_MS ? 'yes' : 'no'} |`,
    `| trivial page alone within ${TARGET_MS} ms on this machine (median) | ${baselineMs <= TARGET_MS ? 'yes' : 'no'} |`,
    '',
    'Popup steps, median time since navigation start (ms):',
    '',
    '| step | ms |',
    '|---|---|',
    ...stepRows,
    '',
    'Step durations, median (ms):',
    '',
    '| between | ms |',
    '|---|---|',
    `| navigation start → boot (fetch, parse and run the popup's script) | ${f1(med(popup, 'boot'))} |`,
    `| boot → aggregate there (tab id, open IndexedDB and one get, or the background's answer when that is slow) | ${f1(between('boot', 'aggregate'))} |`,
    `| render → DOM built | ${f1(between('render', 'rendered'))} |`,
    `| DOM built → painted (style, layout, paint, frame) | ${f1(between('rendered', 'first-paint'))} |`,
    `| painted → rest of the first screen built (items table, content list, controls) | ${f1(between('first-paint', 'first-screen'))} |`,
    '',
    ...floorRows(floor),
    ...(compare ? compareRows(main, compare, compareDir) : []),
    `Files: ${files(chunks.first)}, named by popup.html and fetched side by side (${kb(chunks.firstBytes)}); ` +
      'nothing is imported after the first paint.',
  ];
  return {
    rows,
    figures: { popupMs, baselineMs, ratio, targetMs: TARGET_MS, met: popupMs <= TARGET_MS, count, opens },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const compareDir = process.argv.find((a) => a.startsWith('--compare='))?.slice('--compare='.length);
  const { rows } = await popupPaint({
    count: Number(positional[0] ?? 100_000),
    opens: Number(positional[1] ?? 30),
    compareDir,
  });
  console.log(rows.join('\n'));
}
