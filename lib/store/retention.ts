/**
 * Passive-log retention: observations older than `retentionDays`, then the oldest beyond
 * `retentionMaxObservations`, are deleted. Observations that belong to a recording are never touched here.
 * Aggregates are not rewound: they summarise everything seen in their scope since it began.
 */
import type { TelltaleDatabase } from './db';
import type { Settings } from './settings';

const DAY_MS = 86_400_000;

export interface RetentionResult {
  byAge: number;
  byCount: number;
}

export async function applyRetention(
  db: TelltaleDatabase,
  settings: Pick<Settings, 'retentionDays' | 'retentionMaxObservations'>,
  now = Date.now(),
): Promise<RetentionResult> {
  const tx = db.transaction('observations', 'readwrite');
  const byTime = tx.store.index('by-time');
  const cutoff = now - settings.retentionDays * DAY_MS;

  let byAge = 0;
  let cursor = await byTime.openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    if (cursor.value.recordingId === undefined) {
      await cursor.delete();
      byAge++;
    }
    cursor = await cursor.continue();
  }

  // Records without a recordingId are absent from the by-recording index, so the difference counts the log.
  const [total, recorded] = await Promise.all([tx.store.count(), tx.store.index('by-recording').count()]);
  let excess = total - recorded - settings.retentionMaxObservations;
  let byCount = 0;
  cursor = excess > 0 ? await byTime.openCursor() : null;
  while (cursor && excess > 0) {
    if (cursor.value.recordingId === undefined) {
      await cursor.delete();
      excess--;
      byCount++;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return { byAge, byCount };
}
