/**
 * The IndexedDB schema and its versioned upgrades.
 *
 * Version history
 *   1  observations (by-time, by-tab), aggregates, settings. Observations carried `size` and the requesting
 *      page's `initiator`; header values were stored as received.
 *   2  adds recordings and meta; observations gain by-recording and by-request indexes, `requestSize`,
 *      `frameId` and `clientOrigin`; Cookie / Authorization values are redacted in place; the passive-log
 *      aggregate is rebuilt from the migrated observations (v1 aggregates only counted requests).
 *   3  observations are stored compact (codec.ts): strings interned per record and from a shared codebook,
 *      evidence as tuples; only the headers that matter kept (the others counted), Referer reduced to its
 *      origin, query parameters and headers holding content or identifiers reduced to their redacted
 *      previews (unless the record's recording keeps raw evidence), URL and header values capped at 2 KB.
 *      Existing records are rewritten in place; indexes and aggregates are unchanged.
 *
 * Upgrades run in the versionchange transaction and await nothing but IndexedDB.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Annotation, Header, ResourceType, Observation, Recording, ScopeAggregate, ScopeKey } from '../model';
import { encodeObservation, isStoredObservation, type ObservationRecord } from './codec';
import type { Settings } from './settings';
import { DEFAULT_SETTINGS, SETTINGS_KEY, sanitizeSettings } from './settings';
import { applyObservation } from './aggregate';
import { redactHeaders } from '../redact/headers';
import { originOf } from '../util/url';

export const DB_NAME = 'telltale';
export const DB_VERSION = 3;

export interface TelltaleDB extends DBSchema {
  observations: {
    key: number;
    /** Compact from version 3 on (codec.ts); read through listObservations / decodeObservation. */
    value: ObservationRecord;
    indexes: { 'by-time': number; 'by-tab': number; 'by-recording': number; 'by-request': string };
  };
  aggregates: { key: ScopeKey; value: ScopeAggregate };
  recordings: { key: number; value: Recording; indexes: { 'by-started': number } };
  settings: { key: string; value: Settings };
  meta: { key: string; value: unknown };
}

export type TelltaleDatabase = IDBPDatabase<TelltaleDB>;

/** An observation as version 1 stored it. */
export interface ObservationV1 {
  id?: number;
  requestId: string;
  time: number;
  tabId: number;
  url: string;
  method: string;
  type: ResourceType;
  status: number;
  size: number;
  initiator?: string;
  headers: Header[];
  error?: string;
  annotation: Annotation;
}

type UpgradeTx = IDBPTransaction<TelltaleDB, StoreNames<TelltaleDB>[], 'versionchange'>;

function createV1(db: IDBPDatabase<TelltaleDB>): void {
  const obs = db.createObjectStore('observations', { keyPath: 'id', autoIncrement: true });
  obs.createIndex('by-time', 'time');
  obs.createIndex('by-tab', 'tabId');
  db.createObjectStore('aggregates', { keyPath: 'key' });
  db.createObjectStore('settings');
}

/** Version 1 → 2 as a pure record transform, exported for tests. */
export function migrateObservationV1(old: ObservationV1): Observation {
  const { size, initiator, ...rest } = old;
  const migrated = rest as Observation;
  migrated.frameId = -1;
  migrated.requestSize = typeof size === 'number' ? size : -1;
  migrated.clientOrigin = originOf(initiator) ?? '';
  migrated.headers = redactHeaders(old.headers ?? []);
  return migrated;
}

async function upgradeV1toV2(db: IDBPDatabase<TelltaleDB>, tx: UpgradeTx): Promise<void> {
  const recordings = db.createObjectStore('recordings', { keyPath: 'id', autoIncrement: true });
  recordings.createIndex('by-started', 'startedAt');
  db.createObjectStore('meta');
  const observations = tx.objectStore('observations');
  observations.createIndex('by-recording', 'recordingId');
  observations.createIndex('by-request', 'requestId');

  let log: ScopeAggregate | undefined;
  let cursor = await observations.openCursor();
  while (cursor) {
    const migrated = migrateObservationV1(cursor.value as unknown as ObservationV1);
    await cursor.update(migrated);
    log = applyObservation(log, migrated, 'log');
    cursor = await cursor.continue();
  }
  const aggregates = tx.objectStore('aggregates');
  await aggregates.clear();
  if (log) await aggregates.put(log);

  const settings = tx.objectStore('settings');
  const old = await settings.get(SETTINGS_KEY);
  await settings.put(sanitizeSettings({ ...DEFAULT_SETTINGS, ...(old ?? {}) }), SETTINGS_KEY);
}

/** Version 2 → 3: every observation rewritten in its compact form, in place (same key, same indexes). */
async function upgradeV2toV3(tx: UpgradeTx): Promise<void> {
  const rawRecordings = new Set<number>();
  for (const rec of await tx.objectStore('recordings').getAll()) {
    if (rec.rawEvidence === true && rec.id !== undefined) rawRecordings.add(rec.id);
  }
  let cursor = await tx.objectStore('observations').openCursor();
  while (cursor) {
    const old = cursor.value;
    if (!isStoredObservation(old)) {
      const obs = old as Observation;
      const rawEvidence = obs.recordingId !== undefined && rawRecordings.has(obs.recordingId);
      await cursor.update(encodeObservation({ ...obs, id: cursor.primaryKey }, { rawEvidence }));
    }
    cursor = await cursor.continue();
  }
}

/** Opens (creating or upgrading) the database. `version` is lower only in upgrade tests. */
export function openTelltaleDB(name: string = DB_NAME, version: number = DB_VERSION): Promise<TelltaleDatabase> {
  return openDB<TelltaleDB>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      const target = newVersion ?? version;
      if (oldVersion < 1 && target >= 1) createV1(db);
      if (oldVersion < 2 && target >= 2) await upgradeV1toV2(db, tx);
      if (oldVersion < 3 && target >= 3) await upgradeV2toV3(tx);
    },
  });
}
