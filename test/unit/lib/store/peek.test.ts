import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyObservation } from '../../../../lib/store/aggregate';
import { DB_NAME, DB_VERSION, openTelltaleDB } from '../../../../lib/store/db';
import { getAggregate, openForPeek, PEEK_DB_NAME, peekAggregate } from '../../../../lib/store/peek';
import { observation } from './helpers';

let n = 0;
const fresh = () => `peek-${Date.now()}-${n++}`;

describe('peekAggregate', () => {
  it('reads the aggregate the writer stored, as the idb reader would', async () => {
    const name = fresh();
    const db = await openTelltaleDB(name);
    const agg = applyObservation(undefined, observation({ id: 1 }), 'tab:7');
    await db.put('aggregates', agg);
    db.close();
    expect(await peekAggregate('tab:7', indexedDB, name)).toEqual(agg);
    expect(await peekAggregate('tab:8', indexedDB, name)).toBeNull();
  });

  it('never creates the database: with none there, it answers null and the schema is still built in full later', async () => {
    const name = fresh();
    expect(await peekAggregate('tab:7', indexedDB, name)).toBeNull();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(name);
    const db = await openTelltaleDB(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('aggregates');
    db.close();
  });

  it('reads on a connection opened beforehand, and finds nothing where the store has no aggregates yet', async () => {
    const name = fresh();
    const db = await openTelltaleDB(name);
    const agg = applyObservation(undefined, observation({ id: 1 }), 'tab:7');
    await db.put('aggregates', agg);
    db.close();
    const opened = await openForPeek(indexedDB, name);
    expect(opened).not.toBeNull();
    expect(await getAggregate(opened!, 'tab:7')).toEqual(agg);
    expect(await getAggregate(opened!, 'tab:8')).toBeNull();
    opened!.close();
    expect(await openForPeek(indexedDB, fresh())).toBeNull();

    const bare = fresh();
    const other = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(bare, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('other');
      req.onsuccess = () => resolve(req.result);
    });
    other.close();
    const noStore = await openForPeek(indexedDB, bare);
    expect(await getAggregate(noStore!, 'tab:7')).toBeNull();
    noStore!.close();
  });

  it('opens the same database as the store', () => {
    expect(PEEK_DB_NAME).toBe(DB_NAME);
  });
});

describe('peekAggregate only reads', () => {
  it('opens no transaction but a readonly one', async () => {
    const name = fresh();
    const db = await openTelltaleDB(name);
    await db.put('aggregates', applyObservation(undefined, observation({ id: 1 }), 'tab:3'));
    db.close();
    const modes: string[] = [];
    const original = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode) {
      modes.push(mode ?? 'readonly');
      return original.call(this, stores, mode);
    } as typeof original;
    try {
      expect(await peekAggregate('tab:3', indexedDB, name)).not.toBeNull();
    } finally {
      IDBDatabase.prototype.transaction = original;
    }
    expect(modes).toEqual(['readonly']);
  });
});
