/** Storage: IndexedDB schema, incremental aggregates, the batching writer, queries and retention. */
export * from '../model';
export * from './db';
export * from './settings';
export * from './aggregate';
export * from './writer';
export * from './queries';
export * from './recordings';
export * from './retention';
export * from './codec';
export * from '../redact/stored-request';
export * from './pages';
