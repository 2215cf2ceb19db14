/** Toolbar badge per tab: how many of the six items left this tab; warning colour once a flow was undisclosed. */
import { browser } from 'wxt/browser';
import type { ScopeAggregate } from '../../lib/model';
import { itemCount } from '../../lib/store/aggregate';

const NEUTRAL = '#5f6368';
const WARNING = '#b3261e';
/** What each tab's badge was last set to: every flush reports its tab, and most flushes change nothing on it. */
const shown = new Map<number, string>();
const MAX_TABS = 1_000;

function action() {
  // MV3 has `action`, MV2 (Firefox build) `browserAction`.
  return browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
}

export function showBadge(tabId: number, agg: ScopeAggregate | undefined): void {
  const a = action();
  if (!a || tabId < 0) return;
  const n = itemCount(agg);
  const text = n ? String(n) : '';
  const color = agg?.undisclosedSeen ? WARNING : NEUTRAL;
  // A navigation or a closed tab (no aggregate) always clears: the browser may have reset the badge itself.
  const state = `${text}|${color}`;
  if (agg && shown.get(tabId) === state) return;
  if (shown.size >= MAX_TABS) shown.clear();
  shown.set(tabId, state);
  a.setBadgeText({ tabId, text }).catch(() => undefined);
  if (n) a.setBadgeBackgroundColor({ tabId, color }).catch(() => undefined);
}
