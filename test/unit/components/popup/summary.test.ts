import { describe, expect, it } from 'vitest';
import { sortFlows, summarize } from '../../../../components/popup/summary';
import type { FlowAggregate } from '../../../../lib/model';
import { ITEM_IDS, type Verdict } from '../../../../lib/policy/types';
import { telemetryTab } from './fixtures';

function flow(id: string, worst: Verdict, requests: number): FlowAggregate {
  return {
    id,
    requests,
    features: {},
    verdicts: { [worst]: requests },
    worst,
    clause: 'sci-items',
    purposes: [],
    firstSeen: 0,
    lastSeen: 0,
    samples: [],
  };
}

describe('summarize', () => {
  it('counts items that left and undisclosed flows of a scope', () => {
    const s = summarize(telemetryTab());
    expect(s.itemsLeft).toEqual(['ip-address', 'os-version', 'browser-version', 'language-settings', 'hardware-id']);
    expect(s.itemsTotal).toBe(6);
    expect(s.requests).toBe(4);
    expect(s.undisclosed.map((u) => `${u.kind}:${u.id}:${u.verdict}`)).toEqual([
      'content:session-id:omitted',
      'content:user-id:omitted',
    ]);
  });

  it('puts undisclosed items before contents of the same verdict and incorrect before omitted', () => {
    const agg = telemetryTab();
    agg.items['os-version'] = { ...agg.items['os-version']!, worst: 'omitted' };
    agg.contents['help-query'] = flow('help-query', 'incorrect', 1);
    expect(summarize(agg).undisclosed.map((u) => u.id)).toEqual(['help-query', 'os-version', 'session-id', 'user-id']);
  });

  it('is empty for a scope with no aggregate', () => {
    const empty = summarize(null);
    expect({ ...empty, rows: undefined }).toEqual({
      requests: 0,
      itemsLeft: [],
      itemsTotal: 6,
      undisclosed: [],
      vague: 0,
      gaps: 0,
      background: 0,
      rows: undefined,
      contents: [],
    });
    expect(empty.rows.map((r) => [r.id, r.flow, r.hints])).toEqual(ITEM_IDS.map((id) => [id, undefined, []]));
  });

  it('orders rows undisclosed first, then vague, clear, hinted and not seen, and tells who carried each', () => {
    const agg = telemetryTab();
    agg.items['os-version'] = { ...agg.items['os-version']!, worst: 'omitted' };
    const s = summarize(agg);
    expect(s.rows.map((r) => r.id)).toEqual(['os-version', 'hardware-id', 'ip-address', 'browser-version', 'language-settings', 'regional-settings']);
    expect(Object.fromEntries(s.rows.map((r) => [r.id, r.carrier]))).toEqual({
      'os-version': 'client',
      'hardware-id': 'client',
      'ip-address': 'browser',
      'browser-version': 'client',
      'language-settings': 'client',
      'regional-settings': undefined,
    });
    expect(s.vague).toBe(1);
  });
});

describe('sortFlows', () => {
  it('orders by verdict (worst first), then requests, then id', () => {
    const sorted = sortFlows([
      flow('a-clear', 'clear', 50),
      flow('b-omitted', 'omitted', 1),
      flow('c-vague', 'vague', 3),
      flow('a-omitted', 'omitted', 1),
      flow('d-incorrect', 'incorrect', 1),
      flow('e-omitted', 'omitted', 9),
    ]);
    expect(sorted.map((f) => f.id)).toEqual(['d-incorrect', 'e-omitted', 'a-omitted', 'b-omitted', 'c-vague', 'a-clear']);
  });
});
