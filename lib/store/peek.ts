/**
 * One aggregate read with the bare IndexedDB API, for the popup's first paint: no idb wrapper, no schema
 * upgrades, no codec, so the popup's first script stays small. It never creates or upgrades the database:
 * when there is none yet (the background has not written), the open is aborted and the answer is null. Like
 * every page read it only reads (lib/messages.ts); the connection is closed at once, and would give way to an
 * upgrade by the background anyway.
 */
import type { ScopeAggregate, ScopeKey } from '../model';

/** db.ts's DB_NAME, repeated so this file does not pull in db.ts (test/unit/lib/store/peek.test.ts keeps them equal). */
export const PEEK_DB_NAME = 'telltale';
const STORE = 'aggregates';

export function peekAggregate(key: ScopeKey, factory: IDBFactory = indexedDB, name = PEEK_DB_NAME): Promise<ScopeAggregate | null> {
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
      if (!db.objectStoreNames.contains(STORE)) {
        db.close();
        resolve(null);
        return;
      }
      const get = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
      get.onsuccess = () => {
        db.close();
        resolve((get.result as ScopeAggregate | undefined) ?? null);
      };
      get.onerror = () => {
        db.close();
        reject(get.error);
      };
    };
  });
}
