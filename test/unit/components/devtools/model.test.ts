import { describe, expect, it } from 'vitest';
import { afterClear, clearCut, hostAndPath, matchesConcern, oldestFirst, sameObservations, visibleRows, worstVerdict } from '../../../../components/devtools/model';
import { REQUESTS, observe, tabObservations } from './fixtures';

describe('panel model', () => {
  const list = tabObservations();
  const byHost = (h: string) => list.find((o) => o.url.includes(h))!;

  it('takes the worst verdict of items and findings, null when nothing left', () => {
    expect(worstVerdict(byHost('OneCollector'))).toBe('omitted');
    expect(worstVerdict(byHost('visualstudio'))).toBe('vague');
    expect(worstVerdict(byHost('support.office.com'))).toBe('clear');
    const none = { ...byHost('support.office.com'), annotation: { ...byHost('support.office.com').annotation, items: [], findings: [] } };
    expect(worstVerdict(none)).toBeNull();
    expect(matchesConcern(none, 'vague')).toBe(false);
    expect(matchesConcern(none, 'all')).toBe(true);
  });

  it('filters like --fail-on: vague keeps vague or worse, omitted keeps omitted or incorrect', () => {
    const hosts = (concern: 'all' | 'vague' | 'omitted') => visibleRows(list, undefined, concern).map((o) => hostAndPath(o.url).host);
    expect(hosts('all')).toHaveLength(4);
    expect(hosts('vague')).toEqual(['browser.events.data.microsoft.com', 'dc.services.visualstudio.com']);
    expect(hosts('omitted')).toEqual(['browser.events.data.microsoft.com']);
    const incorrect = { ...byHost('support.office.com') };
    incorrect.annotation = { ...incorrect.annotation, items: [{ ...incorrect.annotation.items[0]!, verdict: 'incorrect' }] };
    expect(matchesConcern(incorrect, 'omitted')).toBe(true);
  });

  it('lists oldest first whatever order the store returned', () => {
    expect(oldestFirst(list).map((o) => o.time)).toEqual([...list.map((o) => o.time)].sort((a, b) => a - b));
  });

  it('a clear cuts at the newest id; later observations show, earlier ones stay hidden', () => {
    const cut = clearCut(list, undefined);
    expect(cut).toBe(Math.max(...list.map((o) => o.id!)));
    expect(afterClear(list, cut)).toEqual([]);
    const later = observe(REQUESTS.help, { time: REQUESTS.help.time + 60_000 });
    expect(afterClear([later, ...list], cut)).toEqual([later]);
    // A second clear with nothing new keeps the cut where it was.
    expect(clearCut([], cut)).toBe(cut);
    expect(afterClear(list, undefined)).toHaveLength(4);
  });

  it('two reads are the same when they hold the same records', () => {
    const again = list.map((o) => ({ ...o }));
    expect(sameObservations(list, again)).toBe(true);
    expect(sameObservations(undefined, again)).toBe(false);
    expect(sameObservations(list, again.slice(1))).toBe(false);
    expect(sameObservations(list, [observe(REQUESTS.help), ...again.slice(1)])).toBe(false);
  });

  it('splits a URL into host and path with query, and keeps an unparsable one whole', () => {
    expect(hostAndPath('https://a.example:8443/x/y?q=1')).toEqual({ host: 'a.example:8443', path: '/x/y?q=1' });
    expect(hostAndPath('not a url')).toEqual({ host: '', path: 'not a url' });
  });
});
