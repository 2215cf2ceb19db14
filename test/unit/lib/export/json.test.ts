import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildJsonExport } from '../../../../lib/export/json';
import { buildHar } from '../../../../lib/export/har';
import { serializeJson } from '../../../../lib/export/manifest';
import { runCli } from '../../../../lib/cli/run';
import { context, observationOf, observations, requests } from './helpers';

async function checkJson(harText: string, extra: string[] = []): Promise<any> {
  const dir = mkdtempSync(path.join(tmpdir(), 'telltale-json-'));
  const file = path.join(dir, 'export.har');
  writeFileSync(file, harText);
  const out: string[] = [];
  const code = await runCli(['check', file, '--json', ...extra], { out: (t) => void out.push(t), err: () => {} });
  expect(code).toBe(0);
  return JSON.parse(out.join(''));
}

describe('JSON export', () => {
  const doc = buildJsonExport(observations(6), context());

  it('has exactly the check --json keys plus the integrity block', () => {
    expect(Object.keys(doc)).toEqual(['policy', 'entries', 'summary', 'integrity']);
    expect(Object.keys(doc.integrity)).toEqual(['manifest', 'chain']);
    expect(doc.integrity.chain).toHaveLength(6);
    for (const e of doc.entries) {
      expect(Object.keys(e)).toEqual(['index', 'url', 'method', 'destination', 'features', 'items', 'findings', 'hints', 'purposes']);
      for (const i of e.items) {
        expect(Object.keys(i)).toEqual(['item', 'verdict', 'evidence']);
        for (const ev of i.evidence) expect(Object.keys(ev)).toEqual(['where', 'path', 'value', 'matchedBy']);
      }
      for (const f of e.findings) expect(Object.keys(f)).toEqual(['kind', 'verdict', 'evidence']);
    }
    expect(doc.entries.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('equals `telltale check --json` on the HAR export of the same requests (URL and header requests)', async () => {
    // Requests without bodies: the redacted HAR carries everything the engine saw.
    const obs = requests(12).filter((r) => !r.body).map((r, i) => observationOf(r, i));
    expect(obs.length).toBeGreaterThan(2);
    const exported = buildJsonExport(obs, context());
    const checked = await checkJson(serializeJson(buildHar(obs, context())));
    expect(checked.policy).toBe(exported.policy);
    expect(checked.entries).toEqual(exported.entries);
    expect(checked.summary).toEqual(exported.summary);
  });

  it('equals `telltale check --json --raw` on a raw HAR export with bodies', async () => {
    const reqs = requests(9);
    const obs = reqs.map((r, i) => observationOf(r, i, true));
    const bodies = new Map(obs.map((o, i) => [o, reqs[i]!.body]));
    const ctx = context({ raw: true, source: { ...context().source, rawEvidence: true } });
    const exported = buildJsonExport(obs, ctx);
    const checked = await checkJson(serializeJson(buildHar(obs, ctx, { requestBody: (o) => bodies.get(o) })), ['--raw']);
    expect(checked.entries).toEqual(exported.entries);
    expect(checked.summary).toEqual(exported.summary);
  });
});
