/**
 * One aggregate read with the bare IndexedDB API, for the popup's first paint: no idb wrapper, no schema
 * upgrades, no codec, so the popup's first script stays small. It never creates or upgrades the database:
 * when there is none yet (the background has not written), the open is aborted and the answer is null. Like
 * every page read it only reads (lib/messages.ts); the connection gives way to an upgrade by the background.
 *
 * The open and the get are separate steps so that the popup can open the database while it still asks the
 * browser which tab it shows.
 */
import type { ScopeAggregate, ScopeKey } from '../model';

/** db.ts's DB_NAME, repeated so this file does not pull in db.ts (test/unit/lib/store/peek.test.ts keeps them equal). */
export const PEEK_DB_NAME = 'telltale';
const STORE = 'aggregates';

/** Opens the existing database for reading; null when there is none (and then none is created). */
export function openForPeek(factory: IDBFactory = indexedDB, name = PEEK_DB_NAME): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    let creating = false;
    const open = factory.open(name);
    open.onupgradeneeded = () => {
      // Only a database that does not exist yet upgrades on an open without a version.
      creating = true;
      open.transaction?.abort();
    };
    open.onerror = () => (creating ? resolve(null) : reject(open.error));
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}

/** One readonly get on an open connection; null when the scope has no aggregate (or there is no store yet). */
export function getAggregate(db: IDBDatabase, key: ScopeKey): Promise<ScopeAggregate | null> {
  if (!db.objectStoreNames.contains(STORE)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const get = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
    get.onsuccess = () => resolve((get.result as ScopeAggregate | undefined) ?? null);
    get.onerror = () => reject(get.error);
  });
}

/** Open, one get, close. */
export async function peekAggregate(key: ScopeKey, factory: IDBFactory = indexedDB, name = PEEK_DB_NAME): Promise<ScopeAggregate | null> {
  const db = await openForPeek(factory, name);
  if (!db) return null;
  try {
    return await getAggregate(db, key);
  } finally {
    db.close();
  }
}
