/**
 * The start journal: one small `storage.session` entry per request being merged, removed once its record is
 * committed. storage.session outlives a stopped service worker (it lives in the browser process until the
 * browser quits), so the next worker knows which requests the previous one started but never stored.
 * Writes are fire-and-forget: the call leaves for the browser process as soon as it is made.
 */
import { browser } from 'wxt/browser';
import type { RequestStart } from '../../lib/capture/merger';
import type { ResourceType } from '../../lib/model';

const PREFIX = 'open:';

/** Compact tuple, to keep the session area small during a burst. */
type Entry = [url: string, method: string, type: ResourceType, tabId: number, frameId: number, origin: string, time: number];

function area() {
  // Absent in browsers without storage.session: the journal is then memory-only and restarts can lose
  // requests silently, which README states.
  return browser.storage?.session;
}

export function journalAdd(start: RequestStart): void {
  const entry: Entry = [start.url, start.method, start.type, start.tabId, start.frameId, start.clientOrigin, start.time];
  area()
    ?.set({ [PREFIX + start.requestId]: entry })
    .catch(() => undefined);
}

export function journalRemove(requestIds: readonly string[]): void {
  if (!requestIds.length) return;
  area()
    ?.remove(requestIds.map((id) => PREFIX + id))
    .catch(() => undefined);
}

export async function journalLoad(): Promise<RequestStart[]> {
  const s = area();
  if (!s) return [];
  const all = (await s.get(null)) as Record<string, unknown>;
  const out: RequestStart[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(PREFIX) || !Array.isArray(value) || value.length !== 7) continue;
    const [url, method, type, tabId, frameId, clientOrigin, time] = value as Entry;
    out.push({ requestId: key.slice(PREFIX.length), url, method, type, tabId, frameId, clientOrigin, time });
  }
  return out.sort((a, b) => a.time - b.time);
}
