/**
 * Sealing an export: the manifest gets the hash of the document's frame (everything that is neither an entry
 * nor the manifest: HAR pages and creator, the JSON summary, the CSV header), then h0 = hash(manifest), then
 * the chain over the entries. Verify repeats the same steps on what it reads.
 */
import { sha256Hex } from '../util/sha256';
import { canonicalJson } from './canonical';
import { chainBlock, chainHashes, manifestHash } from './chain';
import type { ExportManifest } from './manifest';

export function frameHash(frame: unknown): string {
  return sha256Hex(canonicalJson(frame));
}

/** Fills `manifest.frame` and `manifest.chain`; returns the per-entry hashes. */
export function seal(manifest: ExportManifest, frame: unknown, entries: readonly unknown[]): string[] {
  delete manifest.chain;
  manifest.frame = frameHash(frame);
  const start = manifestHash(manifest as unknown as Record<string, unknown>);
  const hashes = chainHashes(start, entries);
  manifest.chain = chainBlock(start, hashes);
  return hashes;
}
