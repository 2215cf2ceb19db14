import { describe, expect, it } from 'vitest';
import { classify } from '../../../../lib/classify/index';
import { readHar } from '../../../../lib/har/read';
import { loadPolicy } from '../../../../lib/policy/load';
import { diffFlows } from '../../../../lib/diff/compare';
import { destinationOf, FlowCounter, type FlowEntry } from '../../../../lib/diff/flows';
import { failsGate } from '../../../../lib/cli/diff';
import { allFixtures, plantUserId, recapture, type Har } from './helpers';

const policy = loadPolicy();

function flowsOf(har: Har) {
  const counter = new FlowCounter<number>();
  for (const [i, request] of [...readHar(JSON.stringify(har))].entries()) counter.add({ url: request.url, ...classify(request, { policy }) }, i);
  return counter;
}

function diff(before: Har, after: Har) {
  const a = flowsOf(before);
  const b = flowsOf(after);
  return diffFlows(a.result(), b.result(), { before: a.requests, after: b.requests });
}

describe('flows of a capture', () => {
  it('a capture diffed with itself gives no change', () => {
    const har = allFixtures();
    const d = diff(har, har);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
    expect(d.summary.unchanged).toBeGreaterThan(20);
    expect(d.summary.before).toEqual(d.summary.after);
  });

  it('reordered entries, shifted timestamps and fresh ids give no change, and the same examples', () => {
    const har = allFixtures();
    const again = recapture(har);
    expect(JSON.stringify(again)).not.toBe(JSON.stringify(har));
    const d = diff(har, again);
    expect([d.added, d.removed, d.changed]).toEqual([[], [], []]);
    const before = [...flowsOf(har).result().values()].map((c) => c.flow.example.path).sort();
    const after = [...flowsOf(again).result().values()].map((c) => c.flow.example.path).sort();
    expect(after).toEqual(before);
  });

  it('one planted identifier in one event gives exactly that added flow, with its value redacted', () => {
    const har = allFixtures();
    const d = diff(har, recapture(plantUserId(har)));
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
    expect(d.added.map((c) => c.flow)).toEqual([
      {
        kind: 'user-id',
        feature: 'error-reporting',
        host: 'dc.services.visualstudio.com',
        verdict: 'omitted',
        requests: 1,
        example: { url: 'https://dc.services.visualstudio.com/v2/track', path: 'body[0].tags["ai.user.id"]', value: expect.any(String) },
      },
    ]);
    expect(d.added[0]!.flow.example.value).not.toContain('7f3e9d21-5b8a-4c6e-9a1f-0d2c4b6e8a10');
    expect(failsGate(d, 'new')).toBe(true);
    expect(d.summary).toMatchObject({ added: 1, removed: 0, worse: 0 });
  });

  it('the same flow removed is listed as removed, not added', () => {
    const har = allFixtures();
    const d = diff(plantUserId(har), har);
    expect(d.added).toEqual([]);
    expect(d.removed.map((c) => [c.flow.kind, c.flow.host])).toEqual([['user-id', 'dc.services.visualstudio.com']]);
    expect(failsGate(d, 'worse')).toBe(false);
  });
});

describe('verdict changes', () => {
  const entry = (verdict: FlowEntry['items'][number]['verdict'], url = 'https://browser.events.data.microsoft.com/OneCollector/1.0/'): FlowEntry => ({
    url,
    features: ['standard-computer-information'],
    items: [{ item: 'os-version', verdict, evidence: [{ path: 'body[0].ext.os.ver', value: '10.0' }] }],
    findings: [],
  });
  const counted = (...entries: FlowEntry[]) => {
    const c = new FlowCounter();
    for (const e of entries) c.add(e, undefined);
    return c.result();
  };

  it('a worse verdict is changed; --fail-on worse fails on it, --fail-on new does not', () => {
    const d = diffFlows(counted(entry('clear')), counted(entry('vague'), entry('clear')));
    expect(d.added).toEqual([]);
    expect(d.changed.map((c) => [c.before.flow.verdict, c.after.flow.verdict, c.after.flow.requests])).toEqual([['clear', 'vague', 2]]);
    expect(d.summary).toMatchObject({ worse: 1, better: 0 });
    expect(failsGate(d, 'worse')).toBe(true);
    expect(failsGate(d, 'new')).toBe(false);
  });

  it('a better verdict is changed too, after the worse ones, and fails neither gate', () => {
    const d = diffFlows(counted(entry('omitted')), counted(entry('clear')));
    expect(d.summary).toMatchObject({ worse: 0, better: 1 });
    expect(failsGate(d, 'worse')).toBe(false);
  });

  it('lists the least favourable verdict first', () => {
    const other = (verdict: FlowEntry['items'][number]['verdict'], host: string) => entry(verdict, `https://${host}/OneCollector/1.0/`);
    const d = diffFlows(counted(), counted(other('clear', 'a.events.data.microsoft.com'), other('incorrect', 'b.events.data.microsoft.com'), other('vague', 'c.events.data.microsoft.com')));
    expect(d.added.map((c) => c.flow.verdict)).toEqual(['incorrect', 'vague', 'clear']);
  });
});

describe('destination', () => {
  it('is the host, lower case and without port', () => {
    expect(destinationOf('https://Browser.Events.Data.Microsoft.com:443/OneCollector/1.0/')).toBe('browser.events.data.microsoft.com');
  });
  it('is the endpoint family where the catalogue pools its hosts (Trouter edges, Lync pools)', () => {
    expect(destinationOf('https://pub-ent-euwe-05-t.trouter.teams.microsoft.com/v4/a?epid=1')).toBe('teams-trouter');
    expect(destinationOf('https://go.trouter.teams.microsoft.com/v4/a?epid=2')).toBe('teams-trouter');
    expect(destinationOf('https://webpoolam41e02.infra.lync.com/ucwa/oauth/v1/applications')).toBe('ucwa');
  });
});
