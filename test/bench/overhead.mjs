/**
 * Page-load overhead of the extension in real Chromium: the demo client's `?burst=1000` (1,000 1DS telemetry
 * POSTs, eight in flight at a time, to the loopback collector) with the built extension loaded against without
 * any extension.
 *
 * Each run is a fresh Chromium (with or without the extension) that first loads a 20-POST burst, so the
 * connection, the certificate and the page's code are warm, then the measured one. The measure is the client's
 * own mark `demo-sent`, set when the last POST has been answered, read as its startTime: navigation start →
 * everything sent. Runs come in pairs whose order alternates (with/without, then without/with), so a drift in
 * machine load falls on both sides. In the runs with the extension the store is then read, to show that the
 * extension really recorded the burst (a run where it recorded nothing would measure nothing). Every burst URL
 * is new, so each POST has its own CORS preflight, and the extension sees both.
 *
 * Prints a markdown table: medians, the ratio with/without (target ≤ 1.02), every run, and the machine. On
 * Linux it adds the CPU time the browser's processes used over the same span, which a busy machine distorts
 * less than wall time.
 *
 *   npx wxt build && node test/bench/overhead.mjs [pairs=7] [posts=1000] [--extension=<dir>]
 *
 * `--extension=<dir>` measures another unpacked extension in place of the build (for instance one whose
 * webRequest listeners do nothing, to tell Chromium's own cost of observing requests from Telltale's work);
 * its store is not read.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo/server.mjs';
import { launchChromium, readExtensionStore, tabIdOf } from '../e2e/harness.mjs';
import { machine, machineRows, median } from './chromium-storage.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WARM_UP_POSTS = 20;
const TARGET = 1.02;

/**
 * CPU time (ms) used so far by this process's descendants (the browser's processes), from Linux /proc; null
 * elsewhere. Less sensitive than wall time to other work on a busy machine.
 */
function browserCpuMs() {
  try {
    const stats = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .flatMap((pid) => {
        try {
          // Fields after the command name (which may hold spaces): state ppid … utime(14) stime(15).
          const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
          return [{ pid: Number(pid), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) }];
        } catch {
          return [];
        }
      });
    const children = new Map();
    for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
    let ticks = 0;
    const walk = (pid) => {
      for (const c of children.get(pid) ?? []) {
        ticks += c.ticks;
        walk(c.pid);
      }
    };
    walk(process.pid);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Opens the demo client once; returns the `demo-sent` mark (ms from navigation start) and the browser's CPU ms. */
async function load(context, url) {
  const page = await context.newPage();
  const cpu0 = browserCpuMs();
  await page.goto(url);
  await page.waitForSelector('body[data-demo="done"]', { state: 'attached', timeout: 120_000 });
  const cpu1 = browserCpuMs();
  const sent = await page.evaluate(() => performance.getEntriesByName('demo-sent')[0]?.startTime ?? -1);
  const failed = await page.evaluate(() => (document.getElementById('log')?.textContent ?? '').includes('error:'));
  if (sent < 0 || failed) throw new Error(`the demo client did not finish cleanly at ${url}`);
  return { page, sent, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

/**
 * Records the extension stored for the burst's numbered URLs in this tab (the POSTs and their CORS preflights),
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

/** One measured run in a fresh browser; `extensionDir` null for the run without the extension. */
async function run(server, extensionDir, posts, readStore) {
  const browser = await launchChromium({ extensionDir });
  try {
    const warm = await load(browser.context, server.url(`?burst=${WARM_UP_POSTS}`));
    await warm.page.close();
    const { page, sent, cpu } = await load(browser.context, server.url(`?burst=${posts}`));
    let recorded = -1;
    if (extensionDir && readStore) recorded = await recordedFor(browser, await tabIdOf(browser.context, page));
    return { sent, cpu, recorded };
  } finally {
    await browser.close();
  }
}

async function main() {
  const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
  const [pairsArg, postsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const pairs = Math.max(5, Number(pairsArg ?? 7));
  const posts = Number(postsArg ?? 1000);
  const other = flags.find((f) => f.startsWith('--extension='))?.slice('--extension='.length);
  const source = path.resolve(other ?? path.join(root, '.output/chrome-mv3'));
  // A private copy of the build, so a rebuild elsewhere cannot swap files under a running browser.
  const extensionDir = mkdtempSync(path.join(tmpdir(), 'telltale-overhead-ext-'));
  cpSync(source, extensionDir, { recursive: true });
  const server = await startDemoServer();
  const load0 = loadavg();
  const started = Date.now();
  const withExt = [];
  const without = [];
  try {
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 === 0 ? [extensionDir, null] : [null, extensionDir];
      for (const dir of order) {
        const r = await run(server, dir, posts, !other);
        (dir ? withExt : without).push(r);
        if (dir && !other && r.recorded <= 0) throw new Error('the extension recorded none of the burst: nothing was measured');
      }
    }
  } finally {
    await server.close();
    rmSync(extensionDir, { recursive: true, force: true });
  }
  const load1 = loadavg();
  const medWith = median(withExt.map((r) => r.sent));
  const medWithout = median(without.map((r) => r.sent));
  const ratio = medWith / medWithout;
  const ms = (xs) => xs.map((r) => r.sent.toFixed(0)).join(', ');
  const cpuWith = withExt.every((r) => r.cpu !== null) ? median(withExt.map((r) => r.cpu)) : null;
  const cpuWithout = without.every((r) => r.cpu !== null) ? median(without.map((r) => r.cpu)) : null;
  const cpuRows =
    cpuWith === null || cpuWithout === null
      ? []
      : [
          `| CPU time of the browser's processes over the same span, median with / without (ms) | ${cpuWith.toFixed(0)} / ${cpuWithout.toFixed(0)} |`,
          `| CPU ratio with / without | ${(cpuWith / cpuWithout).toFixed(3)} |`,
        ];
  const rows = [
    `### Page-load overhead in real Chromium: ${posts.toLocaleString('en')} telemetry POSTs from the demo client`,
    ...(other ? ['', `Extension measured: ${source} (not the Telltale build)`] : []),
    '',
    '| measure | value |',
    '|---|---|',
    ...machineRows(machine()),
    `| load average (1/5/15 min) at start / end | ${load0.map((x) => x.toFixed(2)).join(' / ')} ; ${load1.map((x) => x.toFixed(2)).join(' / ')} |`,
    `| runs | ${pairs} with, ${pairs} without, alternating; a fresh browser each, warmed with ${WARM_UP_POSTS} POSTs |`,
    `| navigation start → last POST answered, median with extension (ms) | ${medWith.toFixed(0)} |`,
    `| same, median without extension (ms) | ${medWithout.toFixed(0)} |`,
    `| **ratio with / without** | **${ratio.toFixed(3)}** |`,
    `| target ≤ ${TARGET} met (medians) | ${ratio <= TARGET ? 'yes' : 'no'} |`,
    ...cpuRows,
    `| every run with (ms) | ${ms(withExt)} |`,
    `| every run without (ms) | ${ms(without)} |`,
    ...(other ? [] : [`| records the extension stored for the burst per run (POSTs + CORS preflights) | ${withExt.map((r) => r.recorded).join(', ')} (${posts} POSTs sent) |`]),
    `| wall time of the benchmark (s) | ${((Date.now() - started) / 1000).toFixed(0)} |`,
  ];
  console.log(rows.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
