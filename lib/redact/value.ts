/**
 * Redaction of evidence values. By default nothing leaves the engine verbatim except a short preview of
 * standard computer information (which is what the user is meant to see); identifiers are masked and
 * content (feedback text, stack traces, message previews) is replaced by its size and a fingerprint, so a
 * report can still show that two requests carried the same text without showing the text.
 */
import { sha256Hex } from '../util/sha256';

export const PREVIEW_CHARS = 48;
export const MASK_VISIBLE_CHARS = 4;
export const FINGERPRINT_HEX = 12;

/** Standard computer information: at most 48 characters, with an ellipsis when cut. */
export function previewValue(value: string): string {
  if (value.length <= PREVIEW_CHARS) return value;
  return value.slice(0, PREVIEW_CHARS - 1) + '…';
}

/**
 * Identifiers: the first 4 characters, an ellipsis and the length, e.g. "3f2a…(36)". Short values show at
 * most half of their characters so a 4-character id is never shown whole.
 */
export function maskIdentifier(value: string): string {
  const visible = Math.min(MASK_VISIBLE_CHARS, Math.floor(value.length / 2));
  return `${value.slice(0, visible)}…(${value.length})`;
}

/** Content: kind, size and a SHA-256 prefix, e.g. "[feedback-content: 120 chars, sha256:9f86d081884c]". */
export function fingerprintContent(kind: string, value: string): string {
  let byValue = fingerprints.get(kind);
  if (!byValue) fingerprints.set(kind, (byValue = new Map()));
  let fp = byValue.get(value);
  if (fp === undefined) {
    fp = `[${kind}: ${value.length} chars, sha256:${sha256Hex(value).slice(0, FINGERPRINT_HEX)}]`;
    if (byValue.size >= MAX_FINGERPRINTS) byValue.delete(byValue.keys().next().value!);
    byValue.set(value, fp);
  }
  return fp;
}

// The same content recurs from request to request (event names of a client's exceptions, its stack traces):
// its SHA-256 is computed once. Bounded per kind; the oldest goes first. The values are at most
// MAX_EVIDENCE_VALUE characters (detection cuts longer ones).
const MAX_FINGERPRINTS = 256;
const fingerprints = new Map<string, Map<string, string>>();
