/**
 * Pages within a tab scope. A tab that navigates starts a new page rather than a wiped aggregate: what the
 * earlier pages sent stays in `earlier` (in summary, most recent MAX_EARLIER_PAGES), and the new page knows
 * which client page sent the user there and what the navigation itself carried.
 */
import type { FeatureId, ItemId, Verdict } from '../policy/types';
import type { EarlierPage, Observation, PageInfo, PageStart, ScopeAggregate, ScopeKey } from '../model';
import { emptyAggregate } from './aggregate';

export const MAX_EARLIER_PAGES = 5;

function summarizePage(agg: ScopeAggregate): EarlierPage {
  const items: Partial<Record<ItemId, Verdict>> = {};
  for (const [id, flow] of Object.entries(agg.items)) if (flow) items[id as ItemId] = flow.worst;
  const contents: Record<string, Verdict> = {};
  for (const [id, flow] of Object.entries(agg.contents)) contents[id] = flow.worst;
  const page: EarlierPage = {
    firstSeen: agg.firstSeen,
    lastSeen: agg.lastSeen,
    requests: agg.requests,
    gaps: agg.gaps,
    features: { ...agg.features },
    items,
    contents,
    undisclosedSeen: agg.undisclosedSeen,
  };
  if (agg.page?.origin) page.origin = agg.page.origin;
  if (agg.page?.openedFrom) page.openedFrom = agg.page.openedFrom;
  return page;
}

/**
 * The tab's aggregate once a top-level navigation starts. A further leg of the same navigation (a redirect:
 * go.microsoft.com/fwlink → support page) only moves the page on; a new navigation puts the current page,
 * if anything was seen on it, into `earlier`.
 */
export function startPage(agg: ScopeAggregate | undefined, key: ScopeKey, start: PageStart): ScopeAggregate {
  if (agg?.page?.navigation === start.navigation) {
    const page: PageInfo = { ...agg.page, origin: start.origin };
    if (start.openedFrom) page.openedFrom = start.openedFrom;
    return { ...agg, page };
  }
  let earlier = agg?.earlier ?? [];
  if (agg && (agg.requests > 0 || agg.gaps > 0)) earlier = [...earlier, summarizePage(agg)].slice(-MAX_EARLIER_PAGES);
  const next = emptyAggregate(key, start.time);
  next.page = { ...start };
  if (earlier.length) next.earlier = earlier;
  return next;
}

const union = <T>(a: readonly T[] | undefined, b: readonly T[]): T[] => [...new Set([...(a ?? []), ...b])];

/**
 * A tab scope before one more observation: a recorded navigation whose start the background missed (its first
 * event reached a worker that was stopped or still starting, or arrived after its completion) starts its page
 * here, so the page and its provenance are never lost with that event.
 */
export function pageBefore(agg: ScopeAggregate | undefined, key: ScopeKey, obs: Observation): ScopeAggregate | undefined {
  if (!key.startsWith('tab:') || obs.type !== 'main_frame' || agg?.page?.navigation === obs.requestId) return agg;
  let origin: string;
  try {
    origin = new URL(obs.url).origin;
  } catch {
    return agg;
  }
  const start: PageStart = { navigation: obs.requestId, origin, time: obs.time };
  if (obs.clientOrigin && obs.clientOrigin !== origin) start.openedFrom = obs.clientOrigin;
  return startPage(agg, key, start);
}

/** The page after one of its own navigation requests is recorded: "what was sent to get there". */
export function notePageNavigation(page: PageInfo | undefined, obs: Observation): PageInfo | undefined {
  if (!page || obs.type !== 'main_frame' || obs.requestId !== page.navigation) return page;
  const a = obs.annotation;
  return {
    ...page,
    sent: {
      features: union<FeatureId>(page.sent?.features, a.features),
      items: union<ItemId>(page.sent?.items, a.items.map((i) => i.item)),
      contents: union(page.sent?.contents, a.findings.map((f) => f.kind)),
    },
  };
}
