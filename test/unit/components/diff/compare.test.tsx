// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../lib/classify/index';
import { runCli } from '../../../../lib/cli/run';
import { diffJson } from '../../../../lib/diff/json';
import { diffObservations } from '../../../../lib/diff/observations';
import { flowKey } from '../../../../lib/diff/flows';
import { importHar } from '../../../../lib/export/import';
import { loadPolicy } from '../../../../lib/policy/load';
import { openTelltaleDB, type TelltaleDatabase } from '../../../../lib/store/db';
import { encodeObservation } from '../../../../lib/store/codec';
import { observations } from '../../lib/export/helpers';
import type { Observation } from '../../../../lib/model';
import { Compare } from '../../../../components/diff/Compare';
import { comparisonFrom, formatSide, parseSide, withComparison, type Comparison } from '../../../../components/diff/sides';
import { STRINGS } from '../../../../components/common/strings';
import { COMPARE_KEYS, compareStringKey } from '../../../../components/diff/strings';
import { loadSide } from '../../../../entrypoints/report/compare';
import { readerOf } from '../../../../lib/store/read';
import { fire, mount } from '../report/render';
import { unmountAfterEach } from '../mount';
import { allFixtures, plantUserId, recapture } from '../../lib/diff/helpers';

const policy = loadPolicy();
let n = 0;
const keep = unmountAfterEach();

async function imported(db: TelltaleDatabase, text: string, fileName: string): Promise<number> {
  const { recording } = await importHar(db, text, { classify: (r) => classify(r, { policy }), fileName, extensionVersion: '0.1.0', policyId: policy.id, now: Date.now() });
  return recording.id!;
}

async function cliDiff(before: string, after: string) {
  let out = '';
  const code = await runCli(['diff', before, after, '--json'], { out: (t) => void (out += t), err: () => undefined });
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe("the report's comparison", () => {
  it('shows the same flows as telltale diff, in the same order, each opening its request in the evidence pane', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'telltale-compare-'));
    const texts = { base: JSON.stringify(allFixtures()), planted: JSON.stringify(recapture(plantUserId(allFixtures()))) };
    const files = { base: join(dir, 'base.har'), planted: join(dir, 'planted.har') };
    writeFileSync(files.base, texts.base);
    writeFileSync(files.planted, texts.planted);

    const db = await openTelltaleDB(`diff-compare-${n++}`);
    const ids = { base: await imported(db, texts.base, 'base.har'), planted: await imported(db, texts.planted, 'planted.har') };
    for (const [from, to] of [['base', 'planted'], ['planted', 'base']] as const) {
      const before = await loadSide(readerOf(db), { kind: 'recording', id: ids[from] });
      const after = await loadSide(readerOf(db), { kind: 'recording', id: ids[to] });
      const diff = diffObservations(before, after);
      const cli = await cliDiff(files[from], files[to]);
      expect(diffJson(diff)).toEqual(cli);

      const byId = new Map<number, Observation>([...before, ...after].map((o) => [o.id!, o]));
      const comparison: Comparison = { before: { kind: 'recording', id: ids[from] }, after: { kind: 'recording', id: ids[to] } };
      const view = mount(
        <Compare policy={policy} recordings={[]} comparison={comparison} diff={diff} observation={(id) => byId.get(id)} onComparison={() => {}} onClose={() => {}} />,
      );
      keep(view);
      const shown = (section: string) => view.qa(`[data-section="${section}"] [data-flow]`).map((el) => el.dataset.flow);
      expect(view.qa('[data-section]').map((s) => s.dataset.section)).toEqual(['added', 'worse', 'removed', 'better']);
      expect(shown('added')).toEqual(cli.added.map(flowKey));
      expect(shown('removed')).toEqual(cli.removed.map(flowKey));
      expect([...shown('worse'), ...shown('better')]).toEqual(cli.changed.map((c: { after: Parameters<typeof flowKey>[0] }) => flowKey(c.after)));

      const [row] = view.qa('[data-flow]');
      expect(row, 'one flow differs each way').toBeTruthy();
      fire(row!, new MouseEvent('click', { bubbles: true }));
      const flow = from === 'base' ? cli.added[0] : cli.removed[0];
      expect(view.container.textContent).toContain(flow.example.url);
      expect(view.qa('mark.tt-match').map((m) => m.dataset.path)).toContain(flow.example.path);
    }
  });

  it('a log range keeps to its times and leaves imports out', async () => {
    const db = await openTelltaleDB(`diff-compare-${n++}`);
    await imported(db, JSON.stringify(allFixtures()), 'base.har');
    const live = observations(6).map(({ id: _id, recordingId: _rec, ...o }) => o as Observation);
    for (const o of live) await db.add('observations', encodeObservation(o));
    const times = live.map((o) => o.time);
    const requestIds = async (side: Parameters<typeof loadSide>[1]) => (await loadSide(readerOf(db), side)).map((o) => o.requestId).sort();
    expect(await requestIds({ kind: 'log' })).toEqual(live.map((o) => o.requestId).sort());
    expect(await requestIds({ kind: 'log', from: times[1], to: times[3] })).toEqual(live.slice(1, 4).map((o) => o.requestId).sort());
    expect(await requestIds({ kind: 'log', to: times[0] })).toEqual([live[0]!.requestId]);
  });
});

describe('choosing the sides', () => {
  it('switches a side to a recording or to a passive-log range and reports the new comparison', () => {
    const seen: Comparison[] = [];
    const recordings = [{ recording: { id: 4, title: 'Teams audit', notes: '', startedAt: 0, browser: 'x', extensionVersion: '0', policyId: 'p', rawEvidence: false } }];
    let comparison: Comparison = { before: { kind: 'log' }, after: { kind: 'recording', id: 4 } };
    const view = mount(<Compare policy={policy} recordings={recordings} comparison={comparison} diff={undefined} observation={() => undefined} onComparison={(c) => seen.push(c)} onClose={() => {}} />);
    keep(view);
    const before = view.q<HTMLSelectElement>('[data-side="before"] select');
    before.value = 'rec:4';
    fire(before, new Event('change', { bubbles: true }));
    expect(seen.at(-1)).toEqual({ before: { kind: 'recording', id: 4 }, after: { kind: 'recording', id: 4 } });

    const from = view.q<HTMLInputElement>('[data-side="before"] input[type="datetime-local"]');
    from.value = '2026-12-01T08:30';
    fire(from, new Event('change', { bubbles: true }));
    expect(seen.at(-1)).toEqual({ before: { kind: 'log', from: new Date('2026-12-01T08:30').getTime() }, after: { kind: 'recording', id: 4 } });
    comparison = seen.at(-1)!;
    view.rerender(<Compare policy={policy} recordings={recordings} comparison={comparison} diff={undefined} observation={() => undefined} onComparison={(c) => seen.push(c)} onClose={() => {}} />);
    expect(view.q<HTMLInputElement>('[data-side="before"] input[type="datetime-local"]').value).toBe('2026-12-01T08:30');
    expect(view.container.textContent).toContain('Comparing…');
  });
});

describe('comparison in the URL', () => {
  it('round-trips recordings and log ranges, open at either end', () => {
    for (const text of ['rec:3', 'log', 'log:2026-11-30T08:00:00.000Z/2026-11-30T18:00:00.000Z', 'log:2026-11-30T08:00:00.000Z/', 'log:/2026-11-30T18:00:00.000Z']) {
      expect(formatSide(parseSide(text)!)).toBe(text);
    }
    expect(parseSide('log:yesterday/')).toBeUndefined();
    expect(parseSide('rec:x')).toBeUndefined();
    const search = withComparison('?lang=sv', { before: { kind: 'recording', id: 3 }, after: { kind: 'log', from: Date.parse('2026-12-01T08:00:00Z') } });
    expect(comparisonFrom(search)).toEqual({ before: { kind: 'recording', id: 3 }, after: { kind: 'log', from: Date.parse('2026-12-01T08:00:00Z') } });
    expect(new URLSearchParams(search).get('lang')).toBe('sv');
    expect(comparisonFrom(withComparison(search, undefined))).toBeUndefined();
  });

  it('has every string in Swedish and English', () => {
    // The comparison's strings live in the one table; each short name has text in both languages.
    for (const key of COMPARE_KEYS) {
      expect(STRINGS.en[compareStringKey(key)]?.trim(), key).toBeTruthy();
      expect(STRINGS.sv[compareStringKey(key)]?.trim(), key).toBeTruthy();
    }
  });
});
