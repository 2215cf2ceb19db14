import { describe, expect, it } from 'vitest';
import { applyObservation, addGaps, isGap, itemCount, scopesOf, MAX_SAMPLE_EVIDENCE } from '../../../../lib/store/aggregate';
import { MAX_SAMPLES } from '../../../../lib/model';
import { annotation, ev, item, observation } from './helpers';

describe('applyObservation', () => {
  it('starts a scope from the first observation', () => {
    const obs = { ...observation({ time: 50 }), id: 9 };
    const agg = applyObservation(undefined, obs, 'tab:7');
    expect(agg.key).toBe('tab:7');
    expect(agg.requests).toBe(1);
    expect(agg.features).toEqual({ 'standard-computer-information': 1 });
    expect(agg.items['os-version']).toMatchObject({ requests: 1, worst: 'clear', clause: 'sci-items', firstSeen: 50 });
    expect(agg.items['os-version']!.samples[0]).toMatchObject({
      observationId: 9,
      host: 'browser.events.data.microsoft.com',
      path: '/OneCollector/1.0/',
    });
    expect(agg.undisclosedSeen).toBe(false);
    expect(agg.gaps).toBe(0);
  });

  it('counts incrementally and keeps the least favourable verdict with its clause', () => {
    let agg = applyObservation(undefined, observation({ time: 10, annotation: annotation({ items: [item('os-version', 'vague')] }) }), 'log');
    agg = applyObservation(agg, observation({ time: 30, annotation: annotation({ items: [item('os-version', 'omitted'), item('hardware-id', 'clear')] }) }), 'log');
    agg = applyObservation(agg, observation({ time: 20, annotation: annotation({ items: [item('os-version', 'clear')] }) }), 'log');
    const os = agg.items['os-version']!;
    expect(agg.requests).toBe(3);
    expect(os.requests).toBe(3);
    expect(os.verdicts).toEqual({ vague: 1, omitted: 1, clear: 1 });
    expect(os.worst).toBe('omitted');
    expect(os.clause).toBe('clause-omitted');
    expect([os.firstSeen, os.lastSeen]).toEqual([10, 30]);
    expect(agg.undisclosedSeen).toBe(true);
    expect(itemCount(agg)).toBe(2);
    expect(agg.features['standard-computer-information']).toBe(3);
  });

  it('counts features per flow and unions purposes', () => {
    const a = annotation({ features: ['online-help', 'standard-computer-information'], purposes: ['help', 'provide-services'] });
    const agg = applyObservation(applyObservation(undefined, observation({ annotation: a }), 'log'), observation(), 'log');
    expect(agg.items['os-version']!.features).toEqual({ 'online-help': 1, 'standard-computer-information': 2 });
    expect(agg.items['os-version']!.purposes.sort()).toEqual(['help', 'provide-services']);
  });

  it('aggregates findings as contents', () => {
    const a = annotation({
      items: [],
      findings: [{ kind: 'device-id', verdict: 'incorrect', clause: 'sci', evidence: [ev('ab…', 'body[0].ext.device.localId')] }],
    });
    const agg = applyObservation(undefined, observation({ annotation: a }), 'rec:1');
    expect(agg.contents['device-id']!.worst).toBe('incorrect');
    expect(agg.undisclosedSeen).toBe(true);
    expect(itemCount(agg)).toBe(0);
  });

  it('bounds samples to the most recent MAX_SAMPLES and evidence per sample', () => {
    let agg;
    const many = Array.from({ length: 20 }, (_, i) => ev(String(i)));
    for (let i = 0; i < MAX_SAMPLES + 5; i++) {
      agg = applyObservation(
        agg,
        { ...observation({ time: i, annotation: annotation({ items: [{ ...item('os-version', 'clear'), evidence: many }] }) }), id: i },
        'log',
      );
    }
    const samples = agg!.items['os-version']!.samples;
    expect(samples).toHaveLength(MAX_SAMPLES);
    expect(samples[0]!.observationId).toBe(5);
    expect(samples.at(-1)!.observationId).toBe(MAX_SAMPLES + 4);
    expect(samples[0]!.evidence).toHaveLength(MAX_SAMPLE_EVIDENCE);
    expect(agg!.items['os-version']!.requests).toBe(MAX_SAMPLES + 5);
  });

  it("gives each sample its own observation's host and path, in every scope, URL after URL", () => {
    const urls = ['https://a.example.com/one?x=1', 'https://b.example.com/two', 'https://a.example.com/one?x=1', 'not a url'];
    let log: ReturnType<typeof applyObservation> | undefined;
    let tab: ReturnType<typeof applyObservation> | undefined;
    for (const url of urls) {
      const obs = observation({ url });
      log = applyObservation(log, obs, 'log');
      tab = applyObservation(tab, obs, 'tab:7');
    }
    const expected = [
      { host: 'a.example.com', path: '/one' },
      { host: 'b.example.com', path: '/two' },
      { host: 'a.example.com', path: '/one' },
      { host: '', path: 'not a url' },
    ];
    for (const agg of [log, tab]) {
      expect(agg!.items['os-version']!.samples.map(({ host, path }) => ({ host, path }))).toEqual(expected);
    }
  });

  it('adds a purpose not seen before and keeps the list when every purpose is known', () => {
    const first = applyObservation(undefined, observation({ annotation: annotation({ purposes: ['help'] }) }), 'log');
    const same = applyObservation(first, observation({ annotation: annotation({ purposes: ['help'] }) }), 'log');
    expect(same.items['os-version']!.purposes).toEqual(['help']);
    const more = applyObservation(same, observation({ annotation: annotation({ purposes: ['provide-services', 'help'] }) }), 'log');
    expect(more.items['os-version']!.purposes.sort()).toEqual(['help', 'provide-services']);
    expect(first.items['os-version']!.purposes).toEqual(['help']);
  });

  it('does not modify the aggregate it is given', () => {
    const first = applyObservation(undefined, observation(), 'log');
    const snapshot = JSON.stringify(first);
    applyObservation(first, observation({ annotation: annotation({ items: [item('os-version', 'omitted')] }) }), 'log');
    expect(JSON.stringify(first)).toBe(snapshot);
  });

  it('aggregates hints by signal, without verdicts, and leaves hint-free scopes without a hints key', () => {
    const linux = { where: 'header' as const, path: 'header:sec-ch-ua-platform', value: '"Linux"', matchedBy: 'header' as const, signal: 'os-name' };
    const first = applyObservation(undefined, observation({ id: 1, annotation: annotation({ items: [], hints: [{ signal: 'os-name', evidence: [linux] }] }) }), 'tab:7');
    const second = applyObservation(first, observation({ id: 2, time: 1_700_000_000_500, annotation: annotation({ items: [], hints: [{ signal: 'os-name', evidence: [linux] }] }) }), 'tab:7');
    const hint = second.hints?.['os-name'];
    expect(hint?.id).toBe('os-name');
    expect(hint?.requests).toBe(2);
    expect(hint?.verdicts).toEqual({});
    expect(hint?.samples.at(-1)?.evidence).toEqual([linux]);
    expect(second.items).toEqual({});
    expect(itemCount(second)).toBe(0);
    expect(applyObservation(undefined, observation({ id: 3 }), 'tab:7').hints).toBeUndefined();
  });

  it('counts observations that lost their body or headers as gaps', () => {
    expect(isGap({ incomplete: ['completion'] })).toBe(false);
    expect(isGap({ incomplete: ['headers'] })).toBe(true);
    let agg = applyObservation(undefined, observation({ incomplete: ['body', 'headers'] }), 'log');
    agg = applyObservation(agg, observation({ incomplete: ['completion'] }), 'log');
    expect(agg.gaps).toBe(1);
    expect(addGaps(agg, 'log', 3, 0).gaps).toBe(4);
  });

  it('knows the scopes of an observation', () => {
    expect(scopesOf({ tabId: 4 })).toEqual(['log', 'tab:4']);
    expect(scopesOf({ tabId: -1, recordingId: 2 })).toEqual(['log', 'rec:2']);
  });

  it("counts a client's worker requests (no tab) under its origin", () => {
    expect(scopesOf({ tabId: -1, clientOrigin: 'https://teams.microsoft.com' })).toEqual(['log', 'worker:https://teams.microsoft.com']);
    expect(scopesOf({ tabId: 3, clientOrigin: 'https://teams.microsoft.com' })).toEqual(['log', 'tab:3']);
  });
});

describe('preflights, static files and losses', () => {
  const headerOnly = annotation({
    items: [
      {
        item: 'browser-version',
        verdict: 'clear',
        clause: 'sci-items',
        evidence: [{ where: 'header', path: 'header:user-agent', value: 'Chrome/120', matchedBy: 'header', signal: 'browser-version' }],
      },
    ],
  });

  it('keeps preflights and static files that carried only browser headers out of every count', () => {
    let agg = applyObservation(undefined, observation({ id: 1 }), 'tab:7');
    agg = applyObservation(agg, observation({ id: 2, method: 'OPTIONS', annotation: headerOnly }), 'tab:7');
    agg = applyObservation(agg, observation({ id: 3, type: 'script', annotation: headerOnly }), 'tab:7');
    agg = applyObservation(agg, observation({ id: 4, type: 'image', annotation: headerOnly }), 'tab:7');
    expect(agg.requests).toBe(1);
    expect(agg.background).toBe(3);
    expect(agg.items['browser-version']).toBeUndefined();
    expect(agg.items['os-version']!.requests).toBe(1);
  });

  it('counts an image whose URL or body carried something, like a telemetry pixel', () => {
    const pixel = annotation({
      items: [{ item: 'os-version', verdict: 'clear', clause: 'sci-items', evidence: [{ where: 'url', path: 'url:query.os', value: '10.0', matchedBy: 'key', signal: 'os-version' }] }],
    });
    const agg = applyObservation(undefined, observation({ id: 1, type: 'image', annotation: pixel }), 'tab:7');
    expect(agg.requests).toBe(1);
    expect(agg.background ?? 0).toBe(0);
    expect(agg.items['os-version']!.requests).toBe(1);
  });

  it('tells records without headers or body apart from requests not recorded at all', () => {
    let agg = applyObservation(undefined, observation({ id: 1, incomplete: ['headers'] }), 'tab:7');
    agg = applyObservation(agg, observation({ id: 2 }), 'tab:7');
    agg = addGaps(agg, 'tab:7', 2, 1_700_000_000_000);
    expect(agg.gaps).toBe(3);
    expect(agg.incomplete).toBe(1);
  });
});
