/**
 * The shapes every layer shares: plain data (structured-clone and JSON safe) that crosses the service worker,
 * IndexedDB, Node and HAR files unchanged. Everything above imports them from here.
 */
export * from './request';
export * from './annotation';
export * from './observation';
export * from './aggregate';
export * from './recording';
