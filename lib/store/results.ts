/** Bare IndexedDB requests awaited together, without idb's promise and listeners for each one. */

/** The results of IndexedDB requests, in order, once all have succeeded. */
export function results<T>(requests: IDBRequest[]): Promise<T[]> {
  return new Promise((resolve, reject) => {
    let left = requests.length;
    if (!left) resolve([]);
    for (const r of requests) {
      r.onsuccess = () => {
        if (--left === 0) resolve(requests.map((q) => q.result as T));
      };
      r.onerror = () => reject(r.error ?? new Error('request failed'));
    }
  });
}
