/**
 * Whether match patterns cover a URL, for the listeners' per-request decisions (watched host, full headers).
 * WXT's MatchPattern builds its regular expressions on every call, which showed in page-load and burst
 * profiles, so when every pattern is host-wide the answer is remembered per scheme, host and port.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import { allHostWide, originKey } from '../../lib/capture/listener-plan';

const MAX_REMEMBERED_ORIGINS = 1_000;

/** A test of `url` against `patterns`; a pattern the browser would reject is left out. */
export function urlMatcher(patterns: readonly string[]): (url: string) => boolean {
  const list = patterns.flatMap((p) => {
    try {
      return [new MatchPattern(p)];
    } catch {
      return [];
    }
  });
  const covers = (url: string) => list.some((m) => m.includes(url));
  if (!allHostWide(patterns)) return covers;
  const byOrigin = new Map<string, boolean>();
  return (url) => {
    const key = originKey(url);
    if (key === undefined) return covers(url);
    let covered = byOrigin.get(key);
    if (covered === undefined) {
      covered = covers(`${key}/`);
      if (byOrigin.size >= MAX_REMEMBERED_ORIGINS) byOrigin.clear();
      byOrigin.set(key, covered);
    }
    return covered;
  };
}
