import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHar } from '../../../../lib/export/har';
import { serializeJson } from '../../../../lib/export/manifest';
import { context, observations } from '../export/helpers';

const CLI = 'dist/cli.mjs';
const FIX = 'test/fixtures/har';
let tmp: string;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, ['test/scripts/build-node.mjs'], { stdio: 'inherit' });
  tmp = mkdtempSync(join(tmpdir(), 'telltale-cli-'));
}, 60_000);

describe('telltale check (built CLI)', () => {
  it('prints a table per request and exits 0', () => {
    const r = run('check', `${FIX}/chrome-devtools.har`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/#0 +POST https:\/\/browser\.events\.data\.microsoft\.com/);
    expect(r.stdout).toMatch(/feature: standard-computer-information, error-reporting/);
    expect(r.stdout).toMatch(/os-version +clear/);
    expect(r.stdout).toMatch(/Summary: 3 request\(s\) in 1 file\(s\)/);
  });

  it('reports what a Lync Web App sent in UCWA conversations, as content of the organisation, and nothing the server sent', () => {
    const r = run('check', `${FIX}/lync-web-app-ucwa.har`, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const found = out.entries.map((e: { destination: string; findings: { kind: string; verdict: string; evidence: { path: string }[] }[] }) => [
      e.destination,
      e.findings.map((f) => `${f.kind} ${f.verdict} ${f.evidence.map((x) => x.path).join(',')}`),
    ]);
    expect(found).toEqual([
      ['organisation', ['people-search vague url:query.query']],
      ['organisation', ['instant-message vague body.subject', 'contact-address vague body.to']],
      // The event channel's response carries a message and a name: the server sent them, so they are no item.
      ['organisation', []],
      ['organisation', ['instant-message vague body']],
    ]);
    expect(Object.keys(out.summary.findings).sort()).toEqual(['contact-address', 'instant-message', 'people-search']);
    // Content is shown as kind, length and hash: the message, the search and the address are not in the output.
    for (const secret of ["What's up?", 'sarad@contoso.com', 'lenea@contoso.com', 'Task Sample']) {
      expect(JSON.stringify(out.entries.flatMap((e: { findings: unknown[] }) => e.findings))).not.toContain(secret);
    }
    const text = run('check', `${FIX}/lync-web-app-ucwa.har`);
    expect(text.stdout).toMatch(/instant-message +vague +body = \[instant-message: 10 chars, sha256:[0-9a-f]{12}\]/);
    expect(text.stdout).toMatch(/people-search +1 +1 +0 +1 +0 +0/);
    // Vague, not undisclosed: the organisation's own server is not Microsoft.
    expect(run('check', `${FIX}/lync-web-app-ucwa.har`, '--fail-on', 'omitted').code).toBe(0);
    expect(run('check', `${FIX}/lync-web-app-ucwa.har`, '--fail-on', 'vague').code).toBe(1);
  });

  it('--json has exactly the documented keys', () => {
    const r = run('check', `${FIX}/chrome-devtools.har`, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['policy', 'entries', 'summary']);
    expect(out.policy).toBe('lync-2012');
    expect(out.entries).toHaveLength(3);
    for (const [i, e] of out.entries.entries()) {
      expect(Object.keys(e)).toEqual(['index', 'url', 'method', 'destination', 'features', 'items', 'findings', 'hints', 'purposes']);
      expect(e.index).toBe(i);
      for (const item of e.items) {
        expect(Object.keys(item)).toEqual(['item', 'verdict', 'evidence']);
        for (const ev of item.evidence) expect(Object.keys(ev)).toEqual(['where', 'path', 'value', 'matchedBy']);
      }
      for (const f of e.findings) expect(Object.keys(f)).toEqual(['kind', 'verdict', 'evidence']);
      for (const h of e.hints) expect(Object.keys(h)).toEqual(['signal', 'evidence']);
    }
    expect(out.entries[2].features).toEqual(['third-party']);
    expect(out.summary).toMatchObject({ files: 1, entries: 3 });
    expect(out.summary.perFile).toBeUndefined();
    expect(out.summary.features['third-party']).toEqual({ entries: 1, files: 1 });
    expect(out.summary.items['ip-address'].entries).toBe(3);
  });

  it('--fail-on exits 1 when a flow is that bad or worse, 0 otherwise', () => {
    // chrome-devtools has an omitted user id and vague hardware id.
    expect(run('check', `${FIX}/chrome-devtools.har`, '--fail-on', 'omitted').code).toBe(1);
    expect(run('check', `${FIX}/chrome-devtools.har`, '--fail-on=vague').code).toBe(1);
    // A help page visit only: clear flows.
    const clean = join(tmp, 'clean.har');
    writeFileSync(clean, JSON.stringify({ log: { version: '1.2', entries: [{ request: { method: 'GET', url: 'https://support.office.com/client/results?lcid=1053' } }] } }));
    expect(run('check', clean, '--fail-on', 'vague').code).toBe(0);
  });

  it('--fail-on ends with a line naming each failing flow: item, feature and field path', () => {
    const r = run('check', `${FIX}/chrome-devtools.har`, '--fail-on', 'omitted');
    expect(r.code).toBe(1);
    const last = r.stdout.trimEnd().split('\n').pop()!;
    const out = JSON.parse(run('check', `${FIX}/chrome-devtools.har`, '--json').stdout);
    // Every omitted or incorrect flow in the JSON output is named in the line, with its first evidence path.
    const failing = out.entries.flatMap((e: any) =>
      [...e.items.map((i: any) => ({ ...i, id: i.item })), ...e.findings.map((f: any) => ({ ...f, id: f.kind }))]
        .filter((f: any) => f.verdict === 'omitted' || f.verdict === 'incorrect')
        .map((f: any) => `${f.id}${f.verdict === 'omitted' ? '' : ' (incorrect)'} → ${e.features.join(', ')} ${f.evidence[0].path}`),
    );
    expect(failing.length).toBeGreaterThan(0);
    expect(last).toMatch(new RegExp(`^FAIL ${new Set(failing).size} flows? omitted: `));
    for (const f of failing) expect(last).toContain(f);
    // --json keeps stdout one JSON document and puts the line on stderr.
    const json = run('check', `${FIX}/chrome-devtools.har`, '--json', '--fail-on', 'vague');
    expect(json.code).toBe(1);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(json.stderr.trimEnd()).toMatch(/^FAIL \d+ flows? vague or worse: .*hardware-id/);
    // A passing run prints no FAIL line.
    const clean = join(tmp, 'clean-help.har');
    writeFileSync(clean, JSON.stringify({ log: { version: '1.2', entries: [{ request: { method: 'GET', url: 'https://support.office.com/client/results?lcid=1053' } }] } }));
    const pass = run('check', clean, '--fail-on', 'omitted');
    expect(pass.code).toBe(0);
    expect(pass.stdout).not.toContain('FAIL');
  });

  it('a passive-log export: check names the recorded flows it cannot see again, verify says bodies were not kept', () => {
    // Observations without a kept body, as the passive log stores them; their annotations saw the bodies.
    const logged = observations(6).map(({ recordingId: _r, ...o }) => o);
    const file = join(tmp, 'log.har');
    const ctx = context({ source: { kind: 'log', title: 'Passive log', startedAt: logged[0]!.time, rawEvidence: false } });
    writeFileSync(file, serializeJson(buildHar(logged, ctx)));
    const bodyOnly = logged.filter((o) => o.annotation.findings.some((f) => f.evidence.every((e) => e.where === 'body')));
    expect(bodyOnly.length).toBeGreaterThan(0);
    const r = run('check', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: \d+ recorded flow\(s\) in \d+ entr(y|ies) were not found again .*no request bodies \(a passive-log export\)/);
    for (const kind of new Set(bodyOnly.flatMap((o) => o.annotation.findings.map((f) => f.kind)))) expect(r.stderr).toContain(kind);
    const v = run('verify', file);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/passive log: request bodies were not kept/);
    // A recording's export with its bodies re-checks fully: no note.
    expect(run('check', `${FIX}/telltale-export.har`).stderr).not.toMatch(/not found again/);
  });

  it('checks several files and directories with a summary across them', () => {
    const dir = join(tmp, 'many');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'a.har'), readFileSync(`${FIX}/firefox-devtools.har`));
    writeFileSync(join(dir, 'sub', 'b.HAR'), readFileSync(`${FIX}/playwright-recordhar.har`));
    writeFileSync(join(dir, 'notes.txt'), 'not a har');
    const r = run('check', dir, `${FIX}/chrome-devtools.har`, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary.files).toBe(3);
    expect(out.summary.entries).toBe(7);
    expect(out.summary.perFile.map((f: { file: string }) => f.file)).toEqual([join(dir, 'a.har'), join(dir, 'sub', 'b.HAR'), `${FIX}/chrome-devtools.har`]);
    expect(out.entries[0].file).toBe(join(dir, 'a.har'));
    expect(out.summary.items['ip-address']).toMatchObject({ entries: 7, files: 3 });
    const flows = Object.values(out.summary.verdicts as Record<string, number>).reduce((a, b) => a + b, 0);
    const perItem = [...Object.values(out.summary.items), ...Object.values(out.summary.findings)] as { entries: number }[];
    expect(flows).toBe(perItem.reduce((a, b) => a + b.entries, 0));
  });

  it.each([
    ['a missing file', ['check', 'nope.har'], /nope\.har: no such file/],
    ['a truncated HAR', ['check', `${FIX}/malformed-truncated.har`], /malformed-truncated\.har: .*(truncated|cut short)/],
    ['a HAR without entries', ['check', `${FIX}/malformed-no-entries.har`], /log\.entries/],
    ['an unknown option', ['check', `${FIX}/chrome-devtools.har`, '--frob'], /unknown option '--frob'/],
    ['a bad --fail-on', ['check', `${FIX}/chrome-devtools.har`, '--fail-on', 'clear'], /--fail-on must be/],
    ['no command', [], /no command/],
  ])('exits 2 with a message for %s', (_, args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 naming the line of a broken rules file and the problem of a broken policy', () => {
    const rules = join(tmp, 'rules.json');
    writeFileSync(rules, '{\n  "fields": [\n    { "key": "x" "signal": "language" }\n  ]\n}\n');
    const r = run('check', `${FIX}/chrome-devtools.har`, '--rules', rules);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 3/);

    const policy = join(tmp, 'policy.json');
    writeFileSync(policy, JSON.stringify({ id: 'broken' }));
    const p = run('check', `${FIX}/chrome-devtools.har`, '--policy', policy);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/not a valid policy/);
  });

  it('applies --rules: a custom endpoint changes the feature', () => {
    const rules = join(tmp, 'tracker.json');
    writeFileSync(rules, JSON.stringify({ endpoints: [{ host: 'tracker.example.net', feature: 'standard-computer-information', family: 'pixel' }] }));
    const out = JSON.parse(run('check', `${FIX}/chrome-devtools.har`, '--json', '--rules', rules).stdout);
    expect(out.entries[2].features).toEqual(['standard-computer-information']);
  });

  it("--origin names the organisation's own server: its requests go to the organisation, not a third party", () => {
    const har = join(tmp, 'lwa.har');
    const entry = (url: string) => ({
      startedDateTime: '2026-01-01T00:00:00.000Z', time: 1,
      request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
      response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'text/html' }, redirectURL: '', headersSize: -1, bodySize: 0 },
      cache: {}, timings: { send: 0, wait: 1, receive: 0 },
    });
    writeFileSync(har, JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, pages: [], entries: [entry('https://lyncweb.example.com/lwa/WebPages/LyncWebApp.aspx')] } }));
    const without = JSON.parse(run('check', har, '--json').stdout);
    expect(without.entries[0].destination).toBe('third-party');
    expect(without.entries[0].features).toEqual(['third-party']);
    const withOrigin = JSON.parse(run('check', har, '--json', '--origin', 'lyncweb.example.com').stdout);
    expect(withOrigin.entries[0].destination).toBe('organisation');
    expect(withOrigin.entries[0].features).toEqual(['standard-computer-information']);
    expect(withOrigin.entries[0].purposes).toEqual([]);
    expect(run('check', har, '--origin', 'not a host').code).toBe(2);
  });

  it('reads a HAR from stdin with -', () => {
    const r = spawnSync(process.execPath, [CLI, 'check', '-', '--json'], { input: readFileSync(`${FIX}/playwright-recordhar.har`), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).entries[0].features).toEqual(['error-reporting']);
  });

  it('the library bundle resolves by package self-reference', () => {
    const script = "import { classify, loadPolicy } from 'telltale'; const a = classify({ url: 'https://watson.microsoft.com/x', method: 'POST', headers: [], type: 'other', time: 0 }); console.log(loadPolicy().id, a.features.join());";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out.trim()).toBe('lync-2012 error-reporting');
  });
  it('stops quietly when the reader closes the pipe early (as `| head` does)', async () => {
    // Enough output to fill the pipe many times over, so the check is still writing when the reader leaves.
    const har = JSON.parse(readFileSync(`${FIX}/chrome-devtools.har`, 'utf8'));
    har.log.entries = Array.from({ length: 500 }, () => har.log.entries).flat();
    const big = join(tmp, 'big.har');
    writeFileSync(big, JSON.stringify(har));
    const child = spawn(process.execPath, [CLI, 'check', big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});
