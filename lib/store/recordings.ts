/**
 * Named recordings. At most one runs at a time; while it runs, every stored observation carries its id and
 * updates its `rec:<id>` aggregate. A recording's observations are exempt from passive-log retention and
 * are deleted only with the recording.
 */
import type { TelltaleDatabase } from './db';
import type { Recording } from '../model';

export interface StartRecording {
  title: string;
  notes?: string;
  rawEvidence?: boolean;
  browser: string;
  extensionVersion: string;
  policyId: string;
}

export class RecordingError extends Error {}

export async function getRunningRecording(db: TelltaleDatabase): Promise<Recording | undefined> {
  // Recordings are few (an auditor's sessions), so a scan from the newest is cheap.
  let cursor = await db.transaction('recordings').store.index('by-started').openCursor(null, 'prev');
  while (cursor) {
    if (cursor.value.endedAt === undefined) return cursor.value;
    cursor = await cursor.continue();
  }
  return undefined;
}

export async function startRecording(db: TelltaleDatabase, input: StartRecording, now = Date.now()): Promise<Recording> {
  const title = input.title.trim();
  if (!title) throw new RecordingError('a recording needs a title');
  const tx = db.transaction('recordings', 'readwrite');
  let cursor = await tx.store.openCursor();
  while (cursor) {
    if (cursor.value.endedAt === undefined) throw new RecordingError('a recording is already running');
    cursor = await cursor.continue();
  }
  const rec: Recording = {
    title,
    notes: input.notes ?? '',
    startedAt: now,
    browser: input.browser,
    extensionVersion: input.extensionVersion,
    policyId: input.policyId,
    rawEvidence: input.rawEvidence === true,
  };
  rec.id = await tx.store.add(rec);
  await tx.done;
  return rec;
}

/** Stops the running recording; resolves to it, or undefined when none was running. */
export async function stopRecording(db: TelltaleDatabase, now = Date.now()): Promise<Recording | undefined> {
  const tx = db.transaction('recordings', 'readwrite');
  let cursor = await tx.store.openCursor();
  let stopped: Recording | undefined;
  while (cursor) {
    if (cursor.value.endedAt === undefined) {
      stopped = { ...cursor.value, endedAt: Math.max(now, cursor.value.startedAt) };
      await cursor.update(stopped);
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return stopped;
}

export async function listRecordings(db: TelltaleDatabase): Promise<Recording[]> {
  return (await db.getAllFromIndex('recordings', 'by-started')).reverse();
}

/** Edits a recording's title and notes (what was audited, and how). */
export async function updateRecording(
  db: TelltaleDatabase,
  id: number,
  patch: { title?: string; notes?: string },
): Promise<Recording> {
  const tx = db.transaction('recordings', 'readwrite');
  const rec = await tx.store.get(id);
  if (!rec) throw new RecordingError(`no recording ${id}`);
  const next = { ...rec };
  if (patch.title !== undefined) {
    if (!patch.title.trim()) throw new RecordingError('a recording needs a title');
    next.title = patch.title.trim();
  }
  if (patch.notes !== undefined) next.notes = patch.notes;
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** Deletes a recording with its observations and aggregate, in one transaction. */
export async function deleteRecording(db: TelltaleDatabase, id: number): Promise<number> {
  const tx = db.transaction(['recordings', 'observations', 'aggregates'], 'readwrite');
  const byRecording = tx.objectStore('observations').index('by-recording');
  let deleted = 0;
  let cursor = await byRecording.openKeyCursor(IDBKeyRange.only(id));
  const observations = tx.objectStore('observations');
  while (cursor) {
    await observations.delete(cursor.primaryKey);
    deleted++;
    cursor = await cursor.continue();
  }
  await tx.objectStore('aggregates').delete(`rec:${id}`);
  await tx.objectStore('recordings').delete(id);
  await tx.done;
  return deleted;
}
