/**
 * Telltale's own content placeholders, met again when a redacted body is checked a second time.
 *
 * A body kept with an observation has each content value replaced by its fingerprint,
 * `[feedback-content: 120 chars, sha256:9f86d081884c]` (lib/redact/value.ts). Such a placeholder stands
 * for content of that kind: detection counts it as that kind, so `telltale check` on an exported HAR finds
 * what the recording found, without the content itself having been kept.
 */
import { CONTENT_KIND_IDS } from '../policy/types';

const KINDS = new Set<string>(CONTENT_KIND_IDS);
const PLACEHOLDER = /^\[([a-z][a-z-]*): \d+ chars, sha256:[0-9a-f]{12}\]$/;
/** Shortest placeholder: `[x: 0 chars, sha256:` + 12 hex + `]`. */
const MIN_CHARS = 32;

/** The content kind a placeholder stands for, or undefined when `v` is not one. */
export function redactedKind(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length < MIN_CHARS || v.charCodeAt(0) !== 0x5b || v.charCodeAt(v.length - 1) !== 0x5d) {
    return undefined;
  }
  const m = PLACEHOLDER.exec(v);
  return m && KINDS.has(m[1]!) ? m[1] : undefined;
}
