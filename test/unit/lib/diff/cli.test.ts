import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../lib/cli/run';
import { allFixtures, fixture, plantUserId, recapture } from './helpers';

let tmp: string;
const files = { base: '', again: '', planted: '', baseline: '', dir: '' };

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const json = async (...args: string[]) => JSON.parse((await cli(...args, '--json')).stdout);

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'telltale-diff-'));
  const har = allFixtures();
  files.base = join(tmp, 'base.har');
  files.again = join(tmp, 'again.har');
  files.planted = join(tmp, 'planted.har');
  files.baseline = join(tmp, 'telltale.baseline.json');
  writeFileSync(files.base, JSON.stringify(har, null, 2));
  writeFileSync(files.again, JSON.stringify(recapture(har)));
  writeFileSync(files.planted, JSON.stringify(recapture(plantUserId(har))));
  writeFileSync(files.baseline, (await cli('check', files.base, '--json')).stdout);
  // The same capture split over two files in a directory.
  files.dir = join(tmp, 'split');
  mkdirSync(files.dir);
  for (const name of ['chrome-devtools', 'firefox-devtools', 'playwright-recordhar', 'telltale-export'] as const) {
    writeFileSync(join(files.dir, `${name}.har`), JSON.stringify(fixture(name)));
  }
});

describe('telltale diff', () => {
  it('--json prints exactly added, removed, changed and summary; nothing changed exits 0', async () => {
    const r = await cli('diff', files.base, files.again, '--json', '--fail-on', 'worse');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['added', 'removed', 'changed', 'summary']);
    expect([out.added, out.removed, out.changed]).toEqual([[], [], []]);
    expect(Object.keys(out.summary)).toEqual(['before', 'after', 'added', 'removed', 'worse', 'better', 'unchanged']);
    // 3 + 2 + 2 + 1 fixture entries.
    expect(out.summary.before).toEqual({ requests: 8, flows: out.summary.unchanged });
  });

  it('names the planted flow, and --fail-on new exits 1 on it', async () => {
    const r = await cli('diff', files.base, files.planted, '--fail-on', 'new');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      '+ user-id → Microsoft Error Reporting at dc.services.visualstudio.com (omitted), e.g. body[0].tags["ai.user.id"]',
    );
    const out = await json('diff', files.base, files.planted);
    expect(out.added).toHaveLength(1);
    expect(Object.keys(out.added[0])).toEqual(['kind', 'feature', 'host', 'verdict', 'requests', 'example']);
    expect(Object.keys(out.added[0].example)).toEqual(['url', 'path', 'value']);
    expect((await cli('diff', files.planted, files.base, '--fail-on', 'new')).code).toBe(0);
  });

  it('a check --json baseline works like the HAR it came from', async () => {
    expect(JSON.parse(readFileSync(files.baseline, 'utf8')).policy).toBe('lync-2012');
    expect(await json('diff', files.baseline, files.planted)).toEqual(await json('diff', files.base, files.planted));
    expect(await json('diff', files.planted, files.baseline)).toEqual(await json('diff', files.planted, files.base));
    const same = await cli('diff', files.baseline, files.base, '--fail-on', 'new');
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^No change in flows\./);
  });

  it('warns, without failing, when a baseline was checked against another policy', async () => {
    const other = join(tmp, 'other-policy.json');
    writeFileSync(other, readFileSync(files.baseline, 'utf8').replace('{"policy":"lync-2012"', '{"policy":"lync-2013"'));
    const r = await cli('diff', other, files.base, '--fail-on', 'new');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`telltale: warning: ${other} was checked against policy 'lync-2013', not 'lync-2012': its verdicts are that policy's\n`);
    expect((await cli('diff', files.baseline, files.base)).stderr).toBe('');
  });

  it('a directory of HAR files is one side, as check reads it', async () => {
    expect(await json('diff', files.dir, files.base)).toMatchObject({ added: [], removed: [], changed: [] });
  });

  it("reads Telltale's JSON export (the check --json shape plus integrity)", async () => {
    const exported = join(tmp, 'export.json');
    const baseline = JSON.parse(readFileSync(files.baseline, 'utf8'));
    writeFileSync(exported, JSON.stringify({ ...baseline, integrity: { manifest: {}, chain: [] } }));
    expect((await cli('diff', exported, files.base, '--fail-on', 'new')).code).toBe(0);
  });

  it('exits 2 on unreadable input with the message check gives', async () => {
    for (const bad of ['test/fixtures/har/malformed-truncated.har', 'test/fixtures/har/malformed-no-entries.har', join(tmp, 'missing.har')]) {
      const check = await cli('check', bad);
      const diff = await cli('diff', files.base, bad);
      expect(diff.code).toBe(2);
      expect(check.code).toBe(2);
      expect(diff.stderr).toBe(check.stderr);
      expect(diff.stdout).toBe('');
    }
  });

  it('exits 2 naming the entry of a broken check --json file', async () => {
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, JSON.stringify({ policy: 'lync-2012', entries: [{ url: 'https://x.example/', features: [], items: [{ item: 'os-version', verdict: 'fine' }] }] }));
    const r = await cli('diff', broken, files.base);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`telltale: ${broken}: entry 0: items[0]: "verdict" must be one of clear, vague, omitted, incorrect\n`);
    const cut = join(tmp, 'cut.json');
    writeFileSync(cut, readFileSync(files.baseline, 'utf8').slice(0, 500));
    expect((await cli('diff', cut, files.base)).stderr).toMatch(/cut\.json: entry 0: the file ends inside this entry/);
  });

  it('refuses wrong arguments with usage', async () => {
    expect((await cli('diff', files.base)).stderr).toMatch(/exactly two inputs/);
    expect((await cli('diff', files.base, files.base, '--fail-on', 'omitted')).stderr).toMatch(/'new' or 'worse'/);
    expect((await cli('diff', files.base, files.base, '--raw')).code).toBe(2);
  });
});
