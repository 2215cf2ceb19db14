/**
 * `telltale diff` at scale (a program, not a test): writes two HAR captures of the same Teams-like client of
 * the given size (300 MB each by default, and one tenth of that, to show memory does not grow with size),
 * the second made "later" (every timestamp, session id and sequence number different, entries in another
 * order) with one planted identifier in one event, then times `node dist/cli.mjs diff BEFORE AFTER --json`
 * and reads its peak resident memory (maxRSS, reported by the child itself at exit).
 *
 *   node test/bench/diff-scale.mjs            300 MB and 30 MB pairs
 *   node test/bench/diff-scale.mjs --mb 100   100 MB and 10 MB pairs
 *
 * The captures go to a temporary directory that is removed afterwards.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli.mjs');
if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'test/scripts/build-node.mjs')], { stdio: 'inherit' });
const mbArg = process.argv.indexOf('--mb');
const bigMb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 300;
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at start`;

const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const T0 = Date.parse('2026-11-02T08:00:00Z');
const hex = (n, seed) => ((seed * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(Math.ceil(n / 8)).slice(0, n);

/** One 1DS event as Teams sends it (FIELD-NOTES: Common Schema ext, Teams DeviceInfo / UserInfo blocks). */
function event(i, run, planted) {
  const userInfo = { Language: 'sv-SE', TimeZone: 'Europe/Stockholm' };
  if (planted) userInfo.Id = `8d3c${hex(28, 7)}`;
  return JSON.stringify({
    name: 'Microsoft.Teams.PageAction',
    time: new Date(T0 + run * 86_400_000 + i * 37).toISOString(),
    ver: '4.0',
    iKey: 'o:0c81f1c7c9b54cbd8e0e8e3c2f7a1b2c',
    ext: {
      os: { name: 'Windows', ver: '10.0' },
      web: { browser: 'Chrome', browserVer: '126.0.0.0', browserLang: 'sv-SE' },
      app: { sesId: hex(32, i + run * 1_000_003) },
      sdk: { ver: '1DS-Web-JS-4.4.4', seq: i + run * 7, epoch: hex(10, run + 1) },
    },
    data: {
      DeviceInfo: { OsName: 'Windows', OsVersion: '10', BrowserName: 'Chrome', BrowserVersion: '126.0.0.0' },
      UserInfo: userInfo,
      Action: { Scenario: 'chat.open', DurationMs: (i * 13) % 997, Padding: hex(600, i) },
    },
  });
}

function entry(n, run, plantAt) {
  const events = [];
  for (let e = 0; e < 40; e++) events.push(event(n * 40 + e, run, n === plantAt && e === 7));
  const started = new Date(T0 + run * 86_400_000 + n * 250).toISOString();
  return JSON.stringify({
    startedDateTime: started,
    time: 12,
    request: {
      method: 'POST',
      url: 'https://teams.events.data.microsoft.com/OneCollector/1.0/?cors=true&content-type=application/x-json-stream&w=0',
      httpVersion: 'HTTP/2',
      headers: [
        { name: 'User-Agent', value: UA },
        { name: 'Accept-Language', value: 'sv-SE,sv;q=0.9' },
        { name: 'Content-Type', value: 'application/x-json-stream' },
        { name: 'upload-time', value: String(T0 + run * 86_400_000 + n * 250) },
      ],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      postData: { mimeType: 'application/x-json-stream', text: events.join('\n') },
    },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/2', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 10, receive: 2 },
  });
}

/** Writes a HAR of about `mb` MB; `run` shifts every time and id, `reverse` writes entries in reverse order. */
async function writeHar(file, mb, run, { reverse = false, plant = false } = {}) {
  const perEntry = Buffer.byteLength(entry(0, run, -1));
  const count = Math.max(1, Math.round((mb * 1e6) / perEntry));
  const plantAt = plant ? Math.floor(count / 2) : -1;
  const out = createWriteStream(file);
  const write = (text) => (out.write(text) ? undefined : new Promise((r) => out.once('drain', r)));
  await write(`{"log":{"version":"1.2","creator":{"name":"diff-scale","version":"1"},"pages":[],"entries":[\n`);
  for (let k = 0; k < count; k++) {
    const n = reverse ? count - 1 - k : k;
    await write((k ? ',\n' : '') + entry(n, run, plantAt));
  }
  await write(']}}\n');
  await new Promise((r) => out.end(r));
  return count;
}

// The child reports its own peak resident set size as it exits (kilobytes on Linux).
const reportMaxRss = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss-kb="+process.resourceUsage().maxRSS+"\\n"))';

function timeDiff(before, after) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', reportMaxRss, cli, 'diff', before, after, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const kb = Number(/maxrss-kb=(\d+)/.exec(stderr)?.[1]);
      if (code !== 0) return reject(new Error(`diff exited ${code}: ${stderr}`));
      resolve({ seconds, peakMb: kb / 1024, result: JSON.parse(stdout) });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'telltale-diff-scale-'));
try {
  console.log(`telltale diff on two generated captures (${machine})\n`);
  console.log('| captures | entries each | before MB | after MB | time (s) | MB/s (both) | peak memory (MB) | added | removed | changed |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const mb of [bigMb / 10, bigMb]) {
    const before = join(dir, `before-${mb}.har`);
    const after = join(dir, `after-${mb}.har`);
    const count = await writeHar(before, mb, 0);
    await writeHar(after, mb, 3, { reverse: true, plant: true });
    const sizes = [before, after].map((f) => statSync(f).size / 1e6);
    const { seconds, peakMb, result } = await timeDiff(before, after);
    const label = `2 × ${mb} MB`;
    console.log(
      `| ${label} | ${count} | ${sizes[0].toFixed(1)} | ${sizes[1].toFixed(1)} | ${seconds.toFixed(1)} | ${((sizes[0] + sizes[1]) / seconds).toFixed(1)} | ${peakMb.toFixed(0)} | ${result.added.length} | ${result.removed.length} | ${result.changed.length} |`,
    );
    rmSync(before);
    rmSync(after);
  }
  console.log(`\nload average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
