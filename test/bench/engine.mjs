/**
 * Engine benchmark (a program, not a test): per-request classification time for URL + headers and for
 * 1 KB / 64 KB / 1 MB NDJSON (1DS) bodies, body throughput against plain JSON.parse of the same text, the
 * same URLs matched by @ghostery/adblocker against equivalent `||host^` filters, and the streaming HAR
 * reader's throughput. Imports the built library (dist/index.mjs; built first when missing).
 *
 *   node test/bench/engine.mjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { FiltersEngine, Request } from '@ghostery/adblocker';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist/index.mjs');
if (!existsSync(dist)) execFileSync(process.execPath, [join(root, 'test/scripts/build-node.mjs')], { stdio: 'inherit' });
// The machine as the run starts: timings on a loaded machine are not comparable with an idle one's.
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at start`;
const { classify, decodeBody, detect, loadCatalogue, BUILTIN_RULES, MICROSOFT_DOMAINS, HarEntryScanner, entryToRequest } = await import(dist);

const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const profile = {
  userAgent: UA, osName: 'Windows', osVersion: '15.0.0', browserName: 'Chrome', browserVersion: '126.0.6478.127',
  languages: ['sv-SE', 'sv', 'en'], timeZone: 'Europe/Stockholm', screenResolution: '1920x1080', architecture: 'x86',
};
const headers = [
  { name: 'User-Agent', value: UA },
  { name: 'Accept-Language', value: 'sv-SE,sv;q=0.9,en;q=0.8' },
  { name: 'sec-ch-ua', value: '"Chromium";v="126", "Google Chrome";v="126", "Not-A.Brand";v="99"' },
  { name: 'sec-ch-ua-mobile', value: '?0' },
  { name: 'sec-ch-ua-platform', value: '"Windows"' },
  { name: 'Content-Type', value: 'application/x-json-stream' },
  { name: 'Origin', value: 'https://teams.microsoft.com' },
];

// The URLs: every catalogue example, Microsoft hosts that fall to the general clause, and third parties.
const urls = [
  ...BUILTIN_RULES.map((r) => r.example),
  'https://teams.microsoft.com/api/mt/emea/beta/users/tenants',
  'https://res.cdn.office.net/owamail/scripts/boot.worker.js',
  'https://outlook.office.com/owa/service.svc?action=GetAccessTokenforResource',
  'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  'https://www.googletagmanager.com/gtag/js?id=G-XYZ',
  'https://cdn.example.net/lib.js',
  'https://tracker.example.org/pixel.gif?lang=sv-SE&tz=Europe%2FStockholm',
];

function stats(samples) {
  const s = Float64Array.from(samples).sort();
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p99: at(0.99), n: s.length };
}

/**
 * Per-call times of several functions over the same items, interleaved: each item is given to every function in
 * turn, in an order that rotates each round, so a change in the machine's load falls on all of them alike. Timed
 * one after the other instead, the Telltale / Ghostery ratio moved from 0.65 to 1.40 between runs of the same code.
 */
function timeInterleaved(rounds, count, fns) {
  for (let r = 0; r < 3; r++) for (let i = 0; i < count; i++) for (const fn of fns) fn(i); // warm-up
  const samples = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < fns.length; k++) {
        const f = (k + r + i) % fns.length;
        const t0 = performance.now();
        fns[f](i);
        samples[f].push(performance.now() - t0);
      }
    }
  }
  return samples.map(stats);
}

/** Time for `reps` calls in a row, per call: resolves times below the timer's granularity. */
function timeBatched(reps, rounds, items, fn) {
  for (const it of items) fn(it);
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    for (const it of items) {
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) fn(it);
      samples.push((performance.now() - t0) / reps);
    }
  }
  return stats(samples);
}

// --- URL + headers ---------------------------------------------------------------------------------
const requests = urls.map((url) => ({ url, method: 'POST', headers, type: 'xmlhttprequest', time: 0, initiator: 'https://teams.microsoft.com' }));
const catalogue = loadCatalogue();
const catalogueOnly = timeBatched(50, 200, urls, (u) => catalogue.match(u));

// Ghostery: the same hosts as `||host^` network filters.
const filterHosts = new Set();
for (const r of BUILTIN_RULES) {
  if (r.host === '*' || r.host.endsWith('.*')) continue;
  filterHosts.add(r.host.startsWith('*.') ? r.host.slice(2) : r.host);
}
for (const d of MICROSOFT_DOMAINS) filterHosts.add(d);
const engine = FiltersEngine.parse([...filterHosts].map((h) => `||${h}^`).join('\n'));
const ghosteryMatch = (url) => engine.match(Request.fromRawDetails({ url, type: 'xmlhttprequest', sourceUrl: 'https://teams.microsoft.com/' }));
const [urlHeaders, urlHeadersNoProfile, ghostery] = timeInterleaved(400, urls.length, [
  (i) => classify(requests[i], { profile }),
  (i) => classify(requests[i]),
  (i) => ghosteryMatch(urls[i]),
]);
const ghosteryBatched = timeBatched(50, 200, urls, ghosteryMatch);

// Every URL new (a 1DS beacon carries its upload time in the query): no remembered URL split or scan helps.
let unique = 0;
const freshUrl = (url) => `${url}${url.includes('?') ? '&' : '?'}upload-time=${1714641300000 + unique++}`;
const [coldUrls, ghosteryCold] = timeInterleaved(300, urls.length, [
  (i) => classify({ url: freshUrl(urls[i]), method: 'POST', headers, type: 'xmlhttprequest', time: 0 }, { profile }),
  (i) => ghosteryMatch(freshUrl(urls[i])),
]);

// --- NDJSON bodies -----------------------------------------------------------------------------------
function onedsEvent(i) {
  return JSON.stringify({
    name: i % 17 === 0 ? 'Microsoft.Teams.Exception' : 'Microsoft.Teams.PanelAction',
    time: '2024-05-02T09:15:00.000Z', ver: '4.0', iKey: 'o:0c81f1c7c9b54cbd8e0e8e3c2f7a1b2c',
    ext: {
      app: { id: 'teams-web', ver: '24123.1', locale: 'sv-SE', sesId: `s-${i}` },
      os: { name: 'Windows', ver: '10.0' },
      web: { browser: 'Chrome', browserVer: '126.0.6478.127', browserLang: 'sv-SE', screenRes: '1920x1080', domain: 'teams.microsoft.com' },
      device: { localId: 'c:4f2a9c1e77d34b1a', deviceClass: 'Web' },
      user: { localId: 'u:9e0f2b6d8c1a3e55', locale: 'sv-SE' },
      loc: { tz: '+02:00' },
      sdk: { ver: '1DS-Web-JS-4.3.3', seq: i, epoch: '123456' },
    },
    data: {
      panel: 'chat', action: 'click', seq: i, durationMs: (i * 37) % 1000, text: 'lorem ipsum dolor sit amet '.repeat(3),
      DeviceInfo: { OsName: 'Windows', OsVersion: '10', BrowserName: 'Chrome', BrowserVersion: '126.0.6478.127' },
    },
  });
}
/** Whole 1DS events up to `bytes` (so the 1 MB body stays under the 1 MiB decode cap and is read whole). */
function ndjsonOf(bytes) {
  const lines = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const line = onedsEvent(i);
    if (size + line.length + 1 > bytes && lines.length > 0) break;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}
/** CPU time per call of `a` and of `b`, each the median of 9 batches of `reps` calls, the batches alternating. */
function cpuSideBySide(reps, a, b) {
  const batch = (fn) => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < reps; i++) fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000 / reps;
  };
  batch(a);
  batch(b);
  const as = [];
  const bs = [];
  for (let r = 0; r < 9; r++) {
    as.push(batch(a));
    bs.push(batch(b));
  }
  return { a: stats(as).median, b: stats(bs).median };
}
const encoder = new TextEncoder();
const bodyRows = [];
for (const [label, size, rounds] of [['1 KB', 1024, 2000], ['64 KB', 64 * 1024, 200], ['1 MB', 1024 * 1024, 30]]) {
  const text = ndjsonOf(size);
  const raw = encoder.encode(text);
  const req = { url: urls[0], method: 'POST', headers, type: 'xmlhttprequest', time: 0, body: { raw, mimeType: 'application/x-json-stream' } };
  // Where the time goes: body decoding and detection on their own, interleaved with the whole and JSON.parse.
  const decoded = decodeBody(req.body);
  const classifyBody = () => classify(req, { profile });
  const parseLines = () => text.split('\n').map((l) => JSON.parse(l));
  const [ours, parse, decode, detection] = timeInterleaved(rounds, 1, [
    classifyBody,
    parseLines,
    () => decodeBody(req.body),
    () => detect(req, decoded, profile),
  ]);
  // Side by side in CPU time, alternating the two, because wall-clock medians move with the machine's load.
  const cpu = cpuSideBySide(Math.max(4, Math.round(rounds / 10)), parseLines, classifyBody);
  bodyRows.push({ label, bytes: raw.length, ours, parse, decode, detection, cpu });
}

// --- Streaming HAR reader ---------------------------------------------------------------------------
const entry = (i) => ({
  startedDateTime: '2024-05-02T09:15:00.000Z', time: 1,
  request: { method: 'POST', url: urls[i % urls.length], httpVersion: 'HTTP/2', headers, queryString: [], cookies: [], headersSize: -1, bodySize: 1000,
    postData: { mimeType: 'application/x-json-stream', text: onedsEvent(i) + '\n' + onedsEvent(i + 1) } },
  response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/2', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: -1 },
  cache: {}, timings: { send: 0, wait: 1, receive: 0 },
});
const harEntries = Array.from({ length: 8000 }, (_, i) => JSON.stringify(entry(i)));
const harText = `{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"pages":[],"entries":[${harEntries.join(',')}]}}`;
const CHUNK = 1 << 20;
function scanHar(withClassify) {
  const scanner = new HarEntryScanner();
  let n = 0;
  for (let i = 0; i < harText.length; i += CHUNK) {
    for (const e of scanner.push(harText.slice(i, i + CHUNK))) {
      const req = entryToRequest(e, n++, scanner.pages);
      if (withClassify) classify(req);
    }
  }
  scanner.end();
  return n;
}
scanHar(false);
let t0 = performance.now();
scanHar(false);
const scanMs = performance.now() - t0;
t0 = performance.now();
scanHar(true);
const checkMs = performance.now() - t0;

// --- Report ------------------------------------------------------------------------------------------
const ms = (v) => (v < 0.01 ? v.toFixed(4) : v < 1 ? v.toFixed(3) : v.toFixed(2));
const mbps = (bytes, msPer) => (bytes / 1048576 / (msPer / 1000)).toFixed(1);
const out = [];
out.push(machine);
out.push(`${urls.length} URLs, ${headers.length} headers each, ${urlHeaders.n} timed requests per row; times in ms per request.`);
out.push('');
out.push('| measurement | median | p99 | vs Ghostery (median) |');
out.push('|---|---|---|---|');
out.push(`| Ghostery \`Request.fromRawDetails\` + \`engine.match\` (${filterHosts.size} \`||host^\` filters) | ${ms(ghostery.median)} | ${ms(ghostery.p99)} | 1.00 |`);
out.push(`| Ghostery, batched ×50 | ${ms(ghosteryBatched.median)} | ${ms(ghosteryBatched.p99)} | — |`);
out.push(`| Telltale catalogue lookup only (batched ×50) | ${ms(catalogueOnly.median)} | ${ms(catalogueOnly.p99)} | ${(catalogueOnly.median / ghosteryBatched.median).toFixed(2)} (vs batched) |`);
out.push(`| Telltale classify, URL + headers, with profile | ${ms(urlHeaders.median)} | ${ms(urlHeaders.p99)} | ${(urlHeaders.median / ghostery.median).toFixed(2)} |`);
out.push(`| Telltale classify, URL + headers, no profile | ${ms(urlHeadersNoProfile.median)} | ${ms(urlHeadersNoProfile.p99)} | ${(urlHeadersNoProfile.median / ghostery.median).toFixed(2)} |`);
out.push(`| Ghostery, every URL new | ${ms(ghosteryCold.median)} | ${ms(ghosteryCold.p99)} | 1.00 (new URLs) |`);
out.push(`| Telltale classify, with profile, every URL new | ${ms(coldUrls.median)} | ${ms(coldUrls.p99)} | ${(coldUrls.median / ghosteryCold.median).toFixed(2)} (vs new URLs) |`);
out.push('');
out.push('| NDJSON body (1DS) | bytes | classify median | classify p99 | decodeBody median | detect median | classify MB/s | JSON.parse MB/s | ratio |');
out.push('|---|---|---|---|---|---|---|---|---|');
for (const r of bodyRows) {
  out.push(`| ${r.label} | ${r.bytes} | ${ms(r.ours.median)} | ${ms(r.ours.p99)} | ${ms(r.decode.median)} | ${ms(r.detection.median)} | ${mbps(r.bytes, r.ours.median)} | ${mbps(r.bytes, r.parse.median)} | ${(r.parse.median / r.ours.median).toFixed(2)}× |`);
}
out.push('');
out.push('| NDJSON body (1DS), CPU time, alternated | JSON.parse ms | classify ms | decodeBody / JSON.parse | detect / JSON.parse | ratio (CPU) |');
out.push('|---|---|---|---|---|---|');
for (const r of bodyRows) {
  out.push(`| ${r.label} | ${ms(r.cpu.a)} | ${ms(r.cpu.b)} | ${(r.decode.median / r.parse.median).toFixed(2)} | ${(r.detection.median / r.parse.median).toFixed(2)} | ${(r.cpu.a / r.cpu.b).toFixed(2)}× |`);
}
out.push('');
out.push('| streaming HAR reader (1 MiB chunks) | size | time | MB/s |');
out.push('|---|---|---|---|');
out.push(`| scan + normalize, ${harEntries.length} entries | ${(harText.length / 1048576).toFixed(1)} MB | ${scanMs.toFixed(0)} ms | ${mbps(harText.length, scanMs)} |`);
out.push(`| scan + normalize + classify | ${(harText.length / 1048576).toFixed(1)} MB | ${checkMs.toFixed(0)} ms | ${mbps(harText.length, checkMs)} |`);
console.log(out.join('\n'));
