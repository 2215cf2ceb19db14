/**
 * The SHA-256 hash chain over an export's entries:
 *
 *   h0 = sha256(canonical JSON of the manifest without its `chain` block)
 *   hi = sha256(h(i-1) + canonical JSON of entry i)        (hex strings concatenated, then UTF-8)
 *
 * Every entry carries its hi and the manifest carries h0 (`chain.start`) and the last hash (`chain.head`).
 * Editing, removing or inserting an entry breaks the link at that point, so the first bad link names it.
 * A chain without a signature shows accidental and naive edits; someone who rewrites every hash can forge it.
 */
import { sha256Hex } from '../util/sha256';
import { canonicalJson } from './canonical';

export const CHAIN_ALGORITHM = 'sha256';
export const CHAIN_CANONICALIZATION = 'json-sorted-keys';

export interface ChainBlock {
  algorithm: typeof CHAIN_ALGORITHM;
  canonicalization: typeof CHAIN_CANONICALIZATION;
  /** h0: hash of the manifest without this block. */
  start: string;
  /** Hash of the last entry (h0 when there are none). */
  head: string;
}

/** h0 for a manifest (its `chain` block, if any, is left out). */
export function manifestHash(manifest: Record<string, unknown>): string {
  const { chain: _chain, ...rest } = manifest;
  return sha256Hex(canonicalJson(rest));
}

export function linkHash(previous: string, entry: unknown): string {
  return sha256Hex(previous + canonicalJson(entry));
}

/** Hashes of every entry, in order, starting from `start`. */
export function chainHashes(start: string, entries: readonly unknown[]): string[] {
  const out: string[] = [];
  let previous = start;
  for (const entry of entries) {
    previous = linkHash(previous, entry);
    out.push(previous);
  }
  return out;
}

export function chainBlock(start: string, hashes: readonly string[]): ChainBlock {
  return {
    algorithm: CHAIN_ALGORITHM,
    canonicalization: CHAIN_CANONICALIZATION,
    start,
    head: hashes.length ? hashes[hashes.length - 1]! : start,
  };
}

/** One entry as read back from a file: its hashed content and the hash stored beside it. */
export interface ChainedEntry {
  content: unknown;
  stored: string | undefined;
}

export type ChainProblem =
  | { kind: 'changed'; index: number }
  | { kind: 'removed'; index: number }
  | { kind: 'inserted'; index: number }
  | { kind: 'head' };

/**
 * Walks the entries as found and returns the first problem, or undefined when every link holds, the count
 * matches the manifest and the last hash is the manifest's head.
 *
 * Each link is checked against the hash stored with the previous entry, so one edited entry breaks only its
 * own link. Whether the first broken link is a change, a removal or an insertion follows from the count the
 * (hashed) manifest promised: fewer entries → removed there, more → inserted there, as many → changed.
 */
export function findChainProblem(start: string, head: string, expectedCount: number, entries: readonly ChainedEntry[]): ChainProblem | undefined {
  const found = entries.length;
  const kindOfBreak = (): 'changed' | 'removed' | 'inserted' =>
    found < expectedCount ? 'removed' : found > expectedCount ? 'inserted' : 'changed';
  let previous = start;
  for (let i = 0; i < found; i++) {
    const entry = entries[i]!;
    if (entry.stored === undefined || linkHash(previous, entry.content) !== entry.stored) {
      // An entry without a stored hash was not written by the exporter.
      if (entry.stored === undefined && found > expectedCount) return { kind: 'inserted', index: i };
      return { kind: kindOfBreak(), index: i };
    }
    previous = entry.stored;
  }
  if (found < expectedCount) return { kind: 'removed', index: found };
  if (found > expectedCount) return { kind: 'inserted', index: expectedCount };
  if (previous !== head) return { kind: 'head' };
  return undefined;
}
