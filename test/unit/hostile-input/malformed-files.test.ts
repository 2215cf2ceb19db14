/**
 * Malformed HAR and rules files given to `telltale check` (the built CLI) and to the HAR import: a message
 * naming the file and the problem, exit code 2, and nothing changed. Complements test/unit/cli/check.e2e.test.ts
 * and test/unit/export/import.test.ts, which cover the missing, truncated and entry-less cases.
 *
 * A directory with one bad file among good ones fails the whole run with exit code 2: the files before it
 * have been printed (the check streams), the bad one is named on stderr, and no file after it is checked. A
 * summary over the files that happened to be readable would read as a pass over the whole directory.
 */
import 'fake-indexeddb/auto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importHar, HarError } from '../../../lib/export/import';
import { classify } from '../../../lib/classify/index';
import { freshDb, observation } from '../lib/store/helpers';
import { ObservationWriter } from '../../../lib/store/writer';

const CLI = 'dist/cli.mjs';
const GOOD = readFileSync('test/fixtures/har/chrome-devtools.har');
let tmp: string;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(() => {
  execFileSync(process.execPath, ['test/scripts/build-node.mjs'], { stdio: 'inherit' });
  tmp = mkdtempSync(join(tmpdir(), 'telltale-malformed-'));
}, 60_000);

const entry = (request: unknown) => JSON.stringify({ log: { version: '1.2', entries: [{ request }] } });

const BAD_HARS: Array<[string, string | Uint8Array, RegExp]> = [
  ['an empty file', '', /empty/],
  ['JSON cut off mid-entry', GOOD.toString('utf8').slice(0, 900), /truncated|cut short|ends/i],
  ['a JSON array instead of an object', '[{"log":{}}]', /not a HAR file/],
  ['entries of the wrong type', '{"log":{"version":"1.2","entries":"none"}}', /log\.entries/],
  ['an entry whose URL is a number', entry({ method: 'GET', url: 12 }), /entry 0: request\.url/],
  ['an entry that is a string', '{"log":{"version":"1.2","entries":["GET https://a.microsoft.com/"]}}', /entry 0/],
  ['Latin-1 bytes', Buffer.from(GOOD.toString('utf8').replace('"POST"', '"PÖST"'), 'latin1'), /not UTF-8/],
  ['UTF-16 with a byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD.toString('utf8'), 'utf16le')]), /not UTF-8/],
];

describe('telltale check with malformed HAR files', () => {
  it.each(BAD_HARS)('exits 2 naming the file for %s', (name, content, message) => {
    const path = file(`${name.replace(/\W+/g, '-')}.har`, content);
    const r = run('check', path);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(path);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|at .*\.mjs:\d+/);
  });

  it('accepts a UTF-8 byte order mark, huge numbers and wrongly typed optional fields', () => {
    const bom = file('bom.har', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), GOOD]));
    expect(run('check', bom, '--json').code).toBe(0);
    const odd = file(
      'odd.har',
      // 1e400 is beyond a double: JSON.parse reads it as Infinity.
      '{"log":{"version":"1.2","entries":[{"startedDateTime":"yesterday","time":1e308,"request":{"method":"GET","url":"https://support.office.com/client/results?lcid=1053","headers":"none","bodySize":1e400,"queryString":5},"response":{"status":-1}}]}}',
    );
    const r = run('check', odd, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).entries).toHaveLength(1);
  });

  it('fails a directory run with 2 at its one bad file: earlier files printed, later ones not checked', () => {
    const dir = join(tmp, 'mixed');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a-good.har'), GOOD);
    writeFileSync(join(dir, 'b-bad.har'), '{"log":{"version":"1.2","entries":[{"request":');
    writeFileSync(join(dir, 'c-good.har'), GOOD);
    const r = run('check', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(dir, 'b-bad.har'));
    expect(r.stdout).toContain(join(dir, 'a-good.har'));
    expect(r.stdout).not.toContain(join(dir, 'c-good.har'));
    expect(r.stdout).not.toMatch(/Summary:/);
  });
});

const BAD_RULES: Array<[string, string | Uint8Array, RegExp]> = [
  ['truncated JSON', '{"endpoints": [{"host": "a.example"', /line|JSON|end/i],
  ['a list instead of an object', '[]', /object|rules/i],
  ['a field rule with a number for its key', '{"fields":[{"key":5,"signal":"language"}]}', /key/],
  ['an unknown signal', '{"fields":[{"key":"x","signal":"shoe-size"}]}', /signal|shoe-size/],
  ['an endpoint with a huge number for its host', '{"endpoints":[{"host":1e999,"feature":"online-help"}]}', /host/],
  ['Latin-1 bytes', Buffer.from('{"fields":[{"key":"språk","signal":"language"}]}', 'latin1'), /not UTF-8/],
];

describe('telltale check with malformed rules files', () => {
  it.each(BAD_RULES)('exits 2 for %s, before checking anything', (name, content, message) => {
    const rules = file(`${name.replace(/\W+/g, '-')}.rules.json`, content);
    const r = run('check', 'test/fixtures/har/chrome-devtools.har', '--rules', rules);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('HAR import of malformed files', () => {
  const options = { classify: (r: Parameters<typeof classify>[0]) => classify(r), fileName: 'bad.har', extensionVersion: '0.1.0', policyId: 'lync-2012', now: 0 };

  it.each([
    ['entries of the wrong type', '{"log":{"version":"1.2","entries":{"0":{}}}}'],
    ['an array root', '[1,2,3]'],
    ['a URL that is a number', entry({ method: 'GET', url: 12 })],
    ['100k-deep nesting in an entry', `{"log":{"entries":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}}`],
    ['a good entry, then a truncated one', `{"log":{"entries":[${JSON.stringify({ request: { method: 'GET', url: 'https://support.office.com/' } })},{"request":{"url":"https://a`],
  ])('rejects %s with a HarError and leaves the store as it was', async (_name, text) => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    for (let i = 0; i < 3; i++) writer.add(observation());
    await writer.flush();
    const before = JSON.stringify([await db.getAll('observations'), await db.getAll('aggregates'), await db.getAll('recordings')]);
    const error = await importHar(db, text, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarError);
    expect(JSON.stringify([await db.getAll('observations'), await db.getAll('aggregates'), await db.getAll('recordings')])).toBe(before);
  });
});
