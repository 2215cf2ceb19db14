/**
 * The CI recipe, exactly as a client developer runs it in pull-request checks: drive the client in Chromium
 * WITHOUT the extension, record its traffic with Playwright's `recordHar`, then run
 * `telltale check capture.har --fail-on omitted` (here `node dist/cli.mjs`, which is what `npx telltale` runs)
 * and gate on the exit code.
 *
 *   ?mode=compliant          the demo client sends only what the policy discloses  → exit 0
 *   ?mode=compliant&plant=1  plus a user id in every 1DS event (undisclosed)       → exit 1, naming it
 *
 * and the baseline recipe: `telltale check --json` of one compliant run is kept as telltale.baseline.json, and
 * `telltale diff telltale.baseline.json capture.har --fail-on new` passes on a second compliant run (made
 * later, so its timestamps, ids and order differ) and fails on the planted run, naming the one new flow.
 *
 * The harness's launchChromium makes a persistent context without recordHar, so this launches a plain browser
 * with the harness's flags (loopback host map, self-signed certificate) and a context that records the HAR.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helpers shared with npm start
import { startDemoServer } from '../demo/server.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { chromiumArgs } from './harness.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { chromiumPath } from './browsers.mjs';

const CLI = path.resolve('dist/cli.mjs');

interface CheckEntry {
  url: string;
  items: Array<{ item: string; verdict: string; evidence: Array<{ path: string }> }>;
  findings: Array<{ kind: string; verdict: string; evidence: Array<{ path: string; value: string }> }>;
}
interface CheckJson {
  entries: CheckEntry[];
  summary: { entries: number; files: number; worst: string | null; findings: Record<string, { verdicts: Record<string, number> }> };
}

let server: any;
let browser: Browser;
let work: string;
const captures: Record<'compliant' | 'planted' | 'again', string> = { compliant: '', planted: '', again: '' };
/** What the demo server received per capture, to check the HAR holds all of it. */
const received: Record<'compliant' | 'planted', any[]> = { compliant: [], planted: [] };

/** Step 1 of the recipe: run the client in a context that records a HAR with bodies embedded. */
async function capture(query: string, file: string): Promise<any[]> {
  const start = server.received.length;
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    locale: 'sv-SE',
    recordHar: { path: file, content: 'embed' },
  });
  const page = await context.newPage();
  await page.goto(server.url(query));
  await page.waitForSelector('body[data-demo="done"]', { state: 'attached', timeout: 30_000 });
  // The HAR is written when the context closes.
  await context.close();
  // CORS preflights and the browser's own favicon fetch are not the client's requests.
  return server.received.slice(start).filter((r: any) => r.method !== 'OPTIONS' && r.path !== '/favicon.ico');
}

/** Step 2 of the recipe: the check, as a CI step runs it. */
function check(...args: string[]) {
  return cli('check', ...args);
}

function cli(command: 'check' | 'diff', ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, command, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const undisclosed = (j: CheckJson) =>
  j.entries.flatMap((e) =>
    [...e.items.map((i) => ({ what: i.item, ...i })), ...e.findings.map((f) => ({ what: f.kind, ...f }))]
      .filter((f) => f.verdict === 'omitted' || f.verdict === 'incorrect')
      .map((f) => ({ url: e.url, what: f.what, verdict: f.verdict, paths: f.evidence.map((x) => x.path) })),
  );

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'telltale-ci-'));
  if (!existsSync(CLI)) spawnSync(process.execPath, ['test/scripts/build-node.mjs'], { stdio: 'inherit' });
  server = await startDemoServer();
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...chromiumArgs({ extensionDir: null }), '--headless=new'],
  });
  captures.compliant = path.join(work, 'compliant', 'capture.har');
  captures.planted = path.join(work, 'planted', 'capture.har');
  captures.again = path.join(work, 'again', 'capture.har');
  for (const file of Object.values(captures)) mkdirSync(path.dirname(file));
  received.compliant = await capture('?mode=compliant', captures.compliant);
  received.planted = await capture('?mode=compliant&plant=1', captures.planted);
  // The same compliant client once more, later: other timestamps, session ids and request order.
  await capture('?mode=compliant', captures.again);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('CI recipe: recordHar + telltale check --fail-on omitted', () => {
  it('the HAR holds every request the client sent', () => {
    for (const which of ['compliant', 'planted'] as const) {
      const har = JSON.parse(readFileSync(captures[which], 'utf8'));
      const urls = new Set(har.log.entries.map((e: any) => new URL(e.request.url)).map((u: URL) => `${u.hostname}${u.pathname}${u.search}`));
      expect(received[which].length).toBeGreaterThanOrEqual(6);
      expect(received[which].filter((r) => !urls.has(`${r.host}${r.path}${r.search}`))).toEqual([]);
    }
  });

  it('passes (exit 0) on the compliant client, with no omitted or incorrect flow', () => {
    const gate = check(captures.compliant, '--fail-on', 'omitted');
    expect(gate.status, gate.stdout + gate.stderr).toBe(0);
    const json: CheckJson = JSON.parse(check(captures.compliant, '--json').stdout);
    // Named in full on failure, so a regression says which request and field made it.
    expect(undisclosed(json)).toEqual([]);
    expect(json.summary.entries).toBeGreaterThanOrEqual(5);
  });

  it('fails (exit 1) with the planted flow, and the JSON output names it: a user id in the 1DS event data', () => {
    const gate = check(captures.planted, '--fail-on', 'omitted');
    expect(gate.status, gate.stderr).toBe(1);
    expect(gate.stdout).toMatch(/user-id\s+omitted\s+body\[\d+\]\.data\.UserInfo\.Id/);

    const run = check(captures.planted, '--fail-on', 'omitted', '--json');
    expect(run.status).toBe(1);
    const json: CheckJson = JSON.parse(run.stdout);
    const found = undisclosed(json);
    expect(found.length).toBeGreaterThanOrEqual(1);
    // The planted flow is the only reason to fail.
    for (const f of found) {
      expect(f).toMatchObject({ what: 'user-id', verdict: 'omitted' });
      expect(new URL(f.url).pathname).toBe('/OneCollector/1.0/');
      for (const p of f.paths) expect(p).toMatch(/^body\[\d+\]\.data\.UserInfo\.Id$/);
    }
    expect(json.summary.worst).toBe('omitted');
    expect(json.summary.findings['user-id']?.verdicts.omitted).toBe(found.length);
  });

  it('--fail-on vague is stricter: the compliant client still sends values the policy covers only broadly', () => {
    const gate = check(captures.compliant, '--fail-on', 'vague', '--json');
    expect(gate.status).toBe(1);
    const json: CheckJson = JSON.parse(gate.stdout);
    const vague = new Set(json.entries.flatMap((e) => e.items.filter((i) => i.verdict === 'vague').map((i) => i.item)));
    // Sec-CH-UA-Mobile and the screen resolution are covered only by "maskinvaru-ID" (hardware ID).
    expect(vague.has('hardware-id')).toBe(true);
    expect(json.summary.worst).toBe('vague');
  });

  it('checks a directory of captures in one run, failing when any file does, with file counts in the summary', () => {
    const dir = path.join(work, 'all');
    mkdirSync(dir);
    copyFileSync(captures.compliant, path.join(dir, 'compliant.har'));
    copyFileSync(captures.planted, path.join(dir, 'planted.har'));
    const run = check(dir, '--fail-on', 'omitted', '--json');
    expect(run.status).toBe(1);
    const json: CheckJson = JSON.parse(run.stdout);
    expect(json.summary.files).toBe(2);
  });

  it('documents what recordHar leaves out: no sendBeacon body, and gzip bodies stored as lossy text', () => {
    const har = JSON.parse(readFileSync(captures.compliant, 'utf8'));
    const entries: any[] = har.log.entries;
    const beacon = entries.find((e) => e._resourceType === 'ping');
    expect(beacon, 'the demo sends one beacon').toBeTruthy();
    expect(beacon.request.postData).toBeUndefined();
    const gzip = entries.find((e) => e.request.url.includes('content-encoding=gzip'));
    const sent = received.compliant.find((r) => r.search.includes('content-encoding=gzip'));
    // The bytes were gzip; the HAR holds text with U+FFFD where bytes were not UTF-8, so they cannot be inflated.
    expect(gzip.request.postData.encoding).toBeUndefined();
    expect(gzip.request.postData.text).toContain('\uFFFD');
    expect(Buffer.byteLength(gzip.request.postData.text, 'utf8')).not.toBe(sent.bodyBytes);
  });
});

describe('CI recipe with a baseline: telltale diff telltale.baseline.json capture.har --fail-on new', () => {
  let baseline: string;
  beforeAll(() => {
    baseline = path.join(work, 'telltale.baseline.json');
    const run = check(captures.compliant, '--json');
    expect(run.status).toBe(0);
    writeFileSync(baseline, run.stdout);
  });

  it('passes (exit 0) on a later run of the same client: no flow added, removed or changed', () => {
    const gate = cli('diff', baseline, captures.again, '--fail-on', 'new');
    expect(gate.status, gate.stdout + gate.stderr).toBe(0);
    const json = JSON.parse(cli('diff', baseline, captures.again, '--json').stdout);
    expect({ added: json.added, removed: json.removed, changed: json.changed }).toEqual({ added: [], removed: [], changed: [] });
    expect(json.summary.unchanged).toBeGreaterThanOrEqual(5);
    expect(json.summary.after.requests).toBeGreaterThanOrEqual(5);
  });

  it('fails (exit 1) on the planted run, naming exactly the one new flow: a user id to the 1DS collector', () => {
    const gate = cli('diff', baseline, captures.planted, '--fail-on', 'new');
    expect(gate.status, gate.stderr).toBe(1);
    expect(gate.stdout).toMatch(/^\+ user-id → general clause at [a-z.]+\.events\.data\.microsoft\.com \(omitted\), e\.g\. body\[\d+\]\.data\.UserInfo\.Id$/m);
    const json = JSON.parse(cli('diff', baseline, captures.planted, '--json').stdout);
    expect(json.added).toHaveLength(1);
    expect(json.added[0]).toMatchObject({ kind: 'user-id', feature: 'standard-computer-information', verdict: 'omitted' });
    expect(json.removed).toEqual([]);
    expect(json.changed).toEqual([]);
  });

  it('the baseline gives the same answer as the HAR it was made from', () => {
    const fromHar = JSON.parse(cli('diff', captures.compliant, captures.planted, '--json').stdout);
    const fromBaseline = JSON.parse(cli('diff', baseline, captures.planted, '--json').stdout);
    expect(fromBaseline).toEqual(fromHar);
  });
});
