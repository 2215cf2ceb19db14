import type { RequestBody } from '../model';

/**
 * Bytes a request body holds as raw bytes or as text (UTF-8); -1 when it holds neither (only parsed form
 * fields, whose encoding on the wire is not known, or only an error). The base of an observation's
 * `requestSize` for live capture and HAR import alike.
 */
export function heldBodyBytes(body: RequestBody): number {
  if (body.raw) return body.raw.byteLength;
  if (body.text !== undefined) return new TextEncoder().encode(body.text).byteLength;
  return -1;
}
