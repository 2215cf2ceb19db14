/** Toolbar badge per tab: how many of the six items left this tab; warning colour once a flow was undisclosed. */
import { browser } from 'wxt/browser';
import type { ScopeAggregate } from '../../lib/model';
import { itemCount } from '../../lib/store/aggregate';

const NEUTRAL = '#5f6368';
const WARNING = '#b3261e';

function action() {
  // MV3 has `action`, MV2 (Firefox build) `browserAction`.
  return browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
}

export function showBadge(tabId: number, agg: ScopeAggregate | undefined): void {
  const a = action();
  if (!a || tabId < 0) return;
  const n = itemCount(agg);
  a.setBadgeText({ tabId, text: n ? String(n) : '' }).catch(() => undefined);
  if (n) a.setBadgeBackgroundColor({ tabId, color: agg?.undisclosedSeen ? WARNING : NEUTRAL }).catch(() => undefined);
}
