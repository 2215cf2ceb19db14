/** The optional notification for a flow seen undisclosed for the first time (off by default, options page). */
import { browser } from 'wxt/browser';
import { isUndisclosed, type Observation } from '../../lib/store';

/** A 1×1 PNG: Chrome requires an icon for a basic notification. */
const BLANK_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/**
 * One notification per (item or content kind, features) the first time it is seen undisclosed; `notified`
 * holds the keys already shown and is updated. Returns true when it changed.
 */
export function notifyFirstSeen(stored: Observation[], notified: Set<string>): boolean {
  const notifications = (browser as unknown as { notifications?: typeof browser.notifications }).notifications;
  if (!notifications) return false;
  let changed = false;
  for (const obs of stored) {
    const flows = [...obs.annotation.items.map((i) => ({ id: i.item, v: i.verdict })), ...obs.annotation.findings.map((f) => ({ id: f.kind, v: f.verdict }))];
    for (const flow of flows) {
      if (!isUndisclosed(flow.v)) continue;
      const key = `${flow.id}|${[...obs.annotation.features].sort().join(',')}`;
      if (notified.has(key)) continue;
      notified.add(key);
      changed = true;
      notifications
        .create({
          type: 'basic',
          iconUrl: BLANK_ICON,
          title: 'Telltale',
          message: `${flow.id} → ${obs.annotation.features.join(', ') || new URL(obs.url).host}: ${flow.v}`,
        })
        .catch(() => undefined);
    }
  }
  return changed;
}
