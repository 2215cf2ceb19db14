import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Policy } from '../../../../lib/policy/types';

/** Reads a file of lib/policy/ as the product ships it. */
export function readPolicyFile(name: string): string {
  // import.meta.dirname, not import.meta.url: under happy-dom the module URL is not a file URL.
  return readFileSync(resolve(import.meta.dirname, '../../../../lib/policy', name), 'utf8');
}

/** A fresh, mutable copy of the bundled policy JSON, for tests that break it on purpose. */
export function bundledJson(): Record<string, any> {
  return JSON.parse(readPolicyFile('lync-2012.json'));
}

export type MutablePolicy = Policy & Record<string, unknown>;
