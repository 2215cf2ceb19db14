import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../../../../lib/policy/types';
import { conformance, filterRows, flowGraph, NO_FILTER, sortRows, timeline, toRows } from '../../../../components/report/model';
import { observations } from '../../lib/export/helpers';

const obs = observations(9);
const rows = toRows(obs);

describe('report model', () => {
  it('makes one row per observation with host, features, flows and verdicts', () => {
    expect(rows).toHaveLength(9);
    expect(rows[0]!.host).toBe('browser.events.data.microsoft.com');
    expect(rows[1]!.features).toEqual(obs[1]!.annotation.features);
    expect(rows[0]!.flows).toEqual(expect.arrayContaining(obs[0]!.annotation.items.map((i) => i.item)));
  });

  it('filters by text, feature, item and verdict', () => {
    expect(filterRows(rows, { ...NO_FILTER, text: 'SUPPORT.office' }).map((r) => r.index)).toEqual([1, 4, 7]);
    expect(filterRows(rows, { ...NO_FILTER, feature: 'error-reporting' }).every((r) => r.features.includes('error-reporting'))).toBe(true);
    expect(filterRows(rows, { ...NO_FILTER, feature: 'error-reporting' }).length).toBeGreaterThan(0);
    const withItem = filterRows(rows, { ...NO_FILTER, flow: 'os-version' });
    expect(withItem.length).toBe(rows.filter((r) => r.flows.includes('os-version')).length);
    const verdict = rows[0]!.verdicts[0]!;
    expect(filterRows(rows, { ...NO_FILTER, verdict }).every((r) => r.verdicts.includes(verdict))).toBe(true);
    expect(filterRows(rows, { ...NO_FILTER, text: 'no-such-thing' })).toEqual([]);
  });

  it('sorts by each column, stable, both ways', () => {
    const byHost = sortRows(rows, { key: 'host', descending: false }).map((r) => r.host);
    expect(byHost).toEqual([...byHost].sort());
    const desc = sortRows(rows, { key: 'time', descending: true }).map((r) => r.index);
    expect(desc).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0]);
    // Ties keep time order.
    const sameHost = sortRows(rows, { key: 'host', descending: false }).filter((r) => r.host === rows[0]!.host).map((r) => r.index);
    expect(sameHost).toEqual([0, 3, 6]);
  });

  it('builds the timeline: one row per item and content kind, a point per request', () => {
    const t = timeline(rows);
    const os = t.rows.find((r) => r.id === 'os-version')!;
    expect(os.points.map((p) => p.index)).toEqual(rows.filter((r) => r.flows.includes('os-version')).map((r) => r.index));
    expect(t.start).toBe(obs[0]!.time);
    expect(t.end).toBe(obs[8]!.time);
  });

  it('builds item → feature → purpose links weighted by requests', () => {
    const g = flowGraph(rows);
    const ipToFeature = g.links.filter((l) => l.source === 'flow:ip-address');
    expect(ipToFeature.reduce((s, l) => s + l.value, 0)).toBe(rows.reduce((s, r) => s + (r.flows.includes('ip-address') ? r.features.length : 0), 0));
    expect(g.links.some((l) => l.source.startsWith('feature:') && l.target.startsWith('purpose:'))).toBe(true);
    expect(g.nodes.every((n) => ['flow', 'feature', 'purpose'].includes(n.kind))).toBe(true);
  });

  it('counts flows per feature by verdict', () => {
    const c = conformance(rows);
    for (const { feature, counts } of c) {
      const expected = obs
        .filter((o) => o.annotation.features.includes(feature as never))
        .reduce((s, o) => s + o.annotation.items.length + o.annotation.findings.length, 0);
      expect(counts.clear + counts.vague + counts.omitted + counts.incorrect).toBe(expected);
    }
  });
  it('lists each row\'s verdicts worst first; its worst is the first', () => {
    const rank = (v: string) => VERDICTS.indexOf(v as never);
    for (const r of rows) {
      const all = new Set([...r.obs.annotation.items.map((i) => i.verdict), ...r.obs.annotation.findings.map((f) => f.verdict)]);
      expect(r.verdicts).toEqual([...all].sort((a, b) => rank(b) - rank(a)));
      expect(r.worst).toBe(r.verdicts[0] ?? null);
    }
    expect(rows.some((r) => r.verdicts.length > 1)).toBe(true);
  });

  it('colours each link with the worst verdict of the flows on it', () => {
    const g = flowGraph(rows);
    const rank = (v: string) => VERDICTS.indexOf(v as never);
    for (const l of g.links.filter((x) => x.source.startsWith('flow:'))) {
      const flow = l.source.slice('flow:'.length);
      const feature = l.target.slice('feature:'.length);
      const seen = obs
        .filter((o) => o.annotation.features.includes(feature as never))
        .flatMap((o) => [...o.annotation.items.filter((i) => i.item === flow), ...o.annotation.findings.filter((f) => f.kind === flow)])
        .map((f) => f.verdict);
      expect(l.verdict).toBe(seen.sort((a, b) => rank(b) - rank(a))[0]);
    }
    // A purpose link is as bad as the worst flow that reached its feature.
    const omittedFeatures = new Set(obs.filter((o) => o.annotation.findings.some((f) => f.verdict === 'omitted') || o.annotation.items.some((i) => i.verdict === 'omitted')).flatMap((o) => o.annotation.features));
    expect(omittedFeatures.size).toBeGreaterThan(0);
    for (const l of g.links.filter((x) => x.source.startsWith('feature:') && omittedFeatures.has(x.source.slice(8) as never))) {
      expect(rank(l.verdict)).toBeGreaterThanOrEqual(rank('omitted'));
    }
  });
});
