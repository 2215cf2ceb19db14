/**
 * The store as extension pages see it: reads only. Pages (popup, report) open IndexedDB themselves so a view
 * paints without waiting for the background, but they get no handle that could write; every write goes
 * through the background (lib/messages.ts).
 */
import type { Observation, Recording, ScopeAggregate, ScopeKey } from '../model';
import { openTelltaleDB, type TelltaleDatabase } from './db';
import { getAggregate, listObservations, type ObservationQuery } from './queries';
import { listRecordings } from './recordings';

export interface StoreReader {
  aggregate(key: ScopeKey): Promise<ScopeAggregate | undefined>;
  /** Newest first; see listObservations. */
  observations(query?: ObservationQuery): Promise<Observation[]>;
  recordings(): Promise<Recording[]>;
  close(): void;
}

export function readerOf(db: TelltaleDatabase): StoreReader {
  return {
    aggregate: (key) => getAggregate(db, key),
    observations: (query) => listObservations(db, query),
    recordings: () => listRecordings(db),
    close: () => db.close(),
  };
}

export async function openStoreReader(): Promise<StoreReader> {
  return readerOf(await openTelltaleDB());
}
