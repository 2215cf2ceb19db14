import type { Annotation } from '../model';

export type BodyFormat = Annotation['body']['format'];

/** Why a body (or part of it) could not be turned into a structured value. */
export type DecodeReason =
  | 'body-error'
  | 'gzip-error'
  | 'json-too-deep'
  | 'invalid-json'
  | 'truncated-json';

/** The outcome of decoding one request body. Plain data; `value` never has a polluted prototype. */
export interface DecodedBody {
  /**
   * - `none`: no body (or webRequest reported an error);
   * - `form`: webRequest `formData`; `value` is a null-prototype record of string arrays;
   * - `json`: one JSON document; `value` is the parsed value (absent when it could not be parsed);
   * - `ndjson`: one JSON document per line (1DS `application/x-json-stream`); `value` is an array with one
   *   element per non-empty line, the parsed value or, for a line that is not JSON, the line's text;
   * - `urlencoded`: `a=1&b=2`; `value` is a null-prototype record of string arrays;
   * - `text`: anything else readable; only `text`;
   * - `binary`: bytes that are not text (NULs or many invalid UTF-8 sequences); `text` is still the lossy
   *   UTF-8 reading, so ASCII inside (e.g. a minidump's "MDMP" magic) can be found.
   */
  format: BodyFormat;
  /** The raw bytes started with the gzip magic 1F 8B and were inflated. */
  gzip: boolean;
  /** The body was larger than the cap (see MAX_BODY_BYTES, MAX_NDJSON_LINES) and only its start was decoded. */
  truncated: boolean;
  /**
   * The bytes are not readable text (format `binary`), gzip inflation failed, or the browser reported an error
   * instead of the body (format `none`, reason `body-error`).
   */
  undecodable: boolean;
  /**
   * Size in bytes: of the raw body, or of the inflated body when gzip. For a truncated gzip body this is the
   * number of bytes inflated before stopping, so at least the cap.
   */
  size: number;
  value?: unknown;
  /** The body as text (after gzip and UTF-8), at most the cap. Absent for `none` and `form`. */
  text?: string;
  /** Set when part of the body could not be decoded; says why. */
  reason?: DecodeReason;
  /** The body is near-JSON (a trailing comma, single quotes, comments), read by lenient-json.ts. */
  lenient?: boolean;
}

export interface DecodeOptions {
  /** Overrides MAX_BODY_BYTES (decoded bytes). */
  maxBytes?: number;
}
