export { decodeBody } from './decode-body';
export type { BodyFormat, DecodedBody, DecodeOptions, DecodeReason } from './types';
export { MAX_BODY_BYTES, MAX_JSON_DEPTH, MAX_NDJSON_LINES, GUNZIP_MAX_STEP } from './limits';
export { gunzipBounded, isGzip } from './gzip';
export type { GunzipResult } from './gzip';
export { parseJsonSafe, jsonTooDeep } from './json';
export { parseUrlEncoded, safeDecodeURIComponent } from './urlencoded';
export { utf8Decode, looksBinary } from './text';
