/** Reads, settings, and whole-store deletes. Views read aggregates; they never scan all observations. */
import type { TelltaleDatabase } from './db';
import type { Observation, ScopeAggregate, ScopeKey } from '../model';
import { SETTINGS_KEY, sanitizeSettings, type Settings } from './settings';
import { decodeObservation } from './codec';

export function getAggregate(db: TelltaleDatabase, key: ScopeKey): Promise<ScopeAggregate | undefined> {
  return db.get('aggregates', key);
}

export interface ObservationQuery {
  tabId?: number;
  recordingId?: number;
  /** Only observations at or after this time (epoch ms). */
  since?: number;
  /** At most this many, newest first (default 500). */
  limit?: number;
}

/**
 * Newest-first observations of a tab, a recording or the whole log. Walks one index backwards and stops
 * at `limit`, so the cost is bounded by what is returned, not by what is stored.
 */
export async function listObservations(db: TelltaleDatabase, q: ObservationQuery = {}): Promise<Observation[]> {
  const limit = q.limit ?? 500;
  const since = q.since ?? -Infinity;
  const out: Observation[] = [];
  const tx = db.transaction('observations');
  const store = tx.store;
  let cursor;
  if (q.recordingId !== undefined) {
    cursor = await store.index('by-recording').openCursor(IDBKeyRange.only(q.recordingId), 'prev');
  } else if (q.tabId !== undefined) {
    cursor = await store.index('by-tab').openCursor(IDBKeyRange.only(q.tabId), 'prev');
  } else {
    const range = Number.isFinite(since) ? IDBKeyRange.lowerBound(since) : undefined;
    cursor = await store.index('by-time').openCursor(range, 'prev');
  }
  while (cursor && out.length < limit) {
    const rec = cursor.value;
    // The tab and recording indexes are ordered by key (insertion order), which follows time closely;
    // filter on time and on the other criterion explicitly (stored by name, so before decoding).
    const match =
      rec.time >= since &&
      (q.tabId === undefined || rec.tabId === q.tabId) &&
      (q.recordingId === undefined || rec.recordingId === q.recordingId);
    if (match) out.push(decodeObservation(rec));
    cursor = await cursor.continue();
  }
  await tx.done;
  return out;
}

export async function getSettings(db: TelltaleDatabase): Promise<Settings> {
  return sanitizeSettings(await db.get('settings', SETTINGS_KEY));
}

/** Merges `patch` into the stored settings in one transaction and returns the result. */
export async function updateSettings(db: TelltaleDatabase, patch: Partial<Settings>): Promise<Settings> {
  const tx = db.transaction('settings', 'readwrite');
  const next = sanitizeSettings({ ...sanitizeSettings(await tx.store.get(SETTINGS_KEY)), ...patch });
  await tx.store.put(next, SETTINGS_KEY);
  await tx.done;
  return next;
}

export async function getMeta<T>(db: TelltaleDatabase, key: string): Promise<T | undefined> {
  return (await db.get('meta', key)) as T | undefined;
}

export async function setMeta(db: TelltaleDatabase, key: string, value: unknown): Promise<void> {
  await db.put('meta', value, key);
}

/** Deletes every observation, aggregate, recording and meta record; settings are kept. */
export async function deleteAllData(db: TelltaleDatabase): Promise<void> {
  const tx = db.transaction(['observations', 'aggregates', 'recordings', 'meta'], 'readwrite');
  await Promise.all([
    tx.objectStore('observations').clear(),
    tx.objectStore('aggregates').clear(),
    tx.objectStore('recordings').clear(),
    tx.objectStore('meta').clear(),
  ]);
  await tx.done;
}
