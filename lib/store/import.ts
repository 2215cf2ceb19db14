/** An imported HAR file stored as a new recording (parsed by lib/export/import.ts). */
import type { Observation, Recording } from '../model';
import type { TelltaleDatabase } from './db';
import { applyObservation } from './aggregate';
import { encodeObservation } from './codec';

export interface ParsedImport {
  recording: Recording;
  observations: Observation[];
}

/** Stores a parsed import as a new recording in one transaction; resolves to the stored recording. */
export async function storeImport(db: TelltaleDatabase, parsed: ParsedImport): Promise<Recording> {
  const tx = db.transaction(['recordings', 'observations', 'aggregates'], 'readwrite');
  const recording: Recording = { ...parsed.recording };
  const id = await tx.objectStore('recordings').add(recording);
  recording.id = id;
  const store = tx.objectStore('observations');
  let aggregate;
  for (const o of parsed.observations) {
    const obs: Observation = { ...o, recordingId: id };
    // Stored like captured requests: compact, with content in URLs and headers redacted.
    obs.id = await store.add(encodeObservation(obs));
    // Imports count only in their own recording, not in the passive log or any tab.
    aggregate = applyObservation(aggregate, obs, `rec:${id}`);
  }
  if (aggregate) await tx.objectStore('aggregates').put(aggregate);
  await tx.done;
  return recording;
}
