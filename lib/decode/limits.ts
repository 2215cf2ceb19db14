/**
 * Limits that keep body decoding bounded. Decoding runs in the webRequest hot path of the service worker,
 * so every step stops at a fixed size instead of trusting the sender.
 */

/**
 * Most bytes of a body that are decoded, counted after gzip is inflated (1 MiB). A larger body is cut at this
 * size and flagged `truncated`. 1DS batches are far below it (the SDK's own batch limit is in the hundreds of KB).
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Deepest JSON nesting that is parsed into a value (64). Real telemetry nests under ten levels; deeper text is
 * kept as text only, so nothing downstream (walkers, structuredClone, JSON.stringify) meets a 100k-deep value.
 */
export const MAX_JSON_DEPTH = 64;

/** Most NDJSON lines parsed as events (10,000); further lines are left out and the body is flagged `truncated`. */
export const MAX_NDJSON_LINES = 10_000;

/**
 * Most compressed bytes handed to the inflater per step (4 KiB). The step also shrinks with the room left
 * under the cap (room / 256), so one step of a gzip bomb inflates to at most ~4 × the room left.
 */
export const GUNZIP_MAX_STEP = 4 * 1024;
