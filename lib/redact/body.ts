/**
 * The request body as an observation keeps it, so an exported HAR can be checked again with the same result.
 *
 * Redacted (the default): every value detection found to be content or an identifier is replaced by what the
 * annotation shows for it, a fingerprint `[feedback-content: 120 chars, sha256:9f86d081884c]` or a mask
 * `u:8e…(38)` (value.ts). Standard computer information stays as sent: it is what the product shows. The
 * placeholders are found again by detection (lib/redact/placeholder.ts, which detection reads), so classifying the redacted body gives
 * the same features, items, findings and verdicts as the original.
 *
 *   decoded body ──copy──► replace content at every path detection reported (ContentSink, beyond its caps)
 *                          └► and wherever the same content recurs in other strings
 *                ──serialize in the body's own format──► NDJSON lines / JSON / urlencoded / text / base64
 *                ──cap at KEPT_BODY_MAX_BYTES, cutting between events, lines or fields where it can
 *
 * Raw (recordings with raw evidence): the decoded body as sent, under the same cap.
 * gzip bodies are kept inflated (`gzip: true` says so); binary bodies as base64.
 */
import type { NormalizedRequest, ContentHit, ContentSink, ObservationBody } from '../model';
import type { DecodedBody } from '../decode/types';
import { gunzipBounded, isGzip } from '../decode/gzip';
import { utf8Length } from '../decode/text';
import { placeholder, Replacer } from './body-replace';
import { cutText, serialize } from './body-serialize';
import { bytesToBase64 } from '../util/base64';

/** Most bytes of body kept with one observation (16 KiB, counted as UTF-8 text, or as bytes before base64). */
export const KEPT_BODY_MAX_BYTES = 16 * 1024;

export type KeepBody = 'redacted' | 'raw';

/** Gathers the body's content hits from detection (a ContentSink); URL and header hits are not the body's. */
export class BodyHits {
  readonly list: ContentHit[] = [];
  readonly sink: ContentSink = (kind, where, path) => {
    if (where === 'body') this.list.push({ kind, path });
  };
}

const FALLBACK_MIME: Record<DecodedBody['format'], string> = {
  none: '',
  form: 'application/x-www-form-urlencoded',
  json: 'application/json',
  ndjson: 'application/x-json-stream',
  urlencoded: 'application/x-www-form-urlencoded',
  text: 'text/plain',
  binary: 'application/octet-stream',
};

export interface KeepOptions {
  mode: KeepBody;
  /** Content hits of the body (BodyHits.list); needed for `redacted`. */
  hits?: readonly ContentHit[];
  /** Whether a kind is an identifier (masked) rather than content (fingerprinted). */
  isIdentifier: (kind: string) => boolean;
  maxBytes?: number;
}

/**
 * The body to keep with an observation, or undefined when the request had none. Never throws: a body that
 * cannot be rebuilt is left out rather than kept unredacted.
 */
export function keptBody(request: NormalizedRequest, decoded: DecodedBody, options: KeepOptions): ObservationBody | undefined {
  try {
    return keep(request, decoded, options);
  } catch {
    return undefined;
  }
}

function keep(request: NormalizedRequest, decoded: DecodedBody, options: KeepOptions): ObservationBody | undefined {
  if (decoded.format === 'none') return undefined;
  const cap = options.maxBytes ?? KEPT_BODY_MAX_BYTES;
  const redact = options.mode === 'redacted';
  const hits = redact ? (options.hits ?? []) : [];
  const mimeType = mimeOf(request, decoded);
  const base: Base = { redacted: redact, ...(decoded.gzip ? { gzip: true } : {}), ...(mimeType ? { mimeType } : {}) };

  // The whole body is content (a feedback text, a stack, a dump): it is replaced as a whole.
  const whole = hits.find((h) => h.path === 'body');
  if (whole) {
    const text = placeholder(whole.kind, decoded.text ?? decoded.value ?? '', options.isIdentifier);
    return { ...base, text, truncated: decoded.truncated };
  }
  if (decoded.format === 'binary') return binary(request, decoded, cap, base);

  let value = decoded.value;
  let changed = false;
  if (hits.length > 0 && value !== undefined) {
    const r = new Replacer(options.isIdentifier);
    value = r.apply(decoded.format, value, hits);
    // A hit whose path does not lead to a placeholder would leave its content in clear: keep no body then.
    if (r.missed > 0) return undefined;
    changed = r.count > 0;
  } else if (hits.length > 0) {
    return undefined;
  }
  if (!changed && decoded.text !== undefined) {
    // Nothing to replace: the body as sent, byte for byte when it fits.
    if (utf8Length(decoded.text) <= cap) return { ...base, text: decoded.text, truncated: decoded.truncated };
    if (value === undefined || decoded.format === 'text') return { ...base, ...cutText(decoded.text, cap, decoded.truncated) };
  }
  const out = serialize(decoded.format, value, cap);
  if (!out) return undefined;
  return { ...base, text: out.text, truncated: out.truncated || decoded.truncated };
}

function mimeOf(request: NormalizedRequest, decoded: DecodedBody): string {
  if (decoded.format === 'form') return FALLBACK_MIME.form;
  const sent = request.body?.mimeType ?? request.headers?.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  return sent || FALLBACK_MIME[decoded.format];
}

type Base = Pick<ObservationBody, 'redacted' | 'gzip' | 'mimeType'>;

function binary(request: NormalizedRequest, decoded: DecodedBody, cap: number, base: Base): ObservationBody | undefined {
  const raw = request.body?.raw;
  if (!(raw instanceof Uint8Array)) return undefined;
  let bytes = raw;
  let truncated = decoded.truncated;
  if (decoded.gzip && isGzip(raw)) {
    const g = gunzipBounded(raw, cap + 1);
    bytes = g.bytes;
    truncated ||= g.truncated;
  }
  if (bytes.length > cap) {
    bytes = bytes.subarray(0, cap);
    truncated = true;
  }
  return { ...base, text: bytesToBase64(bytes), encoding: 'base64', truncated };
}
