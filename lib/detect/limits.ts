/** Caps that keep detection bounded on large or hostile bodies. */

/** Most evidence entries per request, signals and contents together (200). */
export const MAX_EVIDENCE = 200;

/**
 * Most evidence entries per signal or content kind (16). Identical evidence (same signal, rule or needle, and
 * value) is kept once, so a batch of 500 events carrying the same OS version yields one entry, not 500.
 */
export const MAX_EVIDENCE_PER_ID = 16;

/** Longest evidence value kept, in characters (512); longer values end in "…". The classify step redacts. */
export const MAX_EVIDENCE_VALUE = 512;

/** Deepest nesting walked in a decoded body (decoding already stops JSON at MAX_JSON_DEPTH = 64). */
export const MAX_WALK_DEPTH = 80;

/** Most leaves (strings, numbers, booleans) visited in one body (200,000); the rest is not inspected. */
export const MAX_LEAVES = 200_000;

/** Shortest string treated as possibly base64-encoded (16 characters = 12 bytes). */
export const MIN_BASE64_CHARS = 16;

/** Longest string decoded as base64 or scanned for short profile values as tokens. */
export const MAX_BASE64_CHARS = 256 * 1024;
export const MAX_TOKEN_SCAN_CHARS = 4096;
