/**
 * Raw webRequest details → engine input. This is the only place that knows the Chrome and Firefox shapes:
 * Chrome names the requesting page `initiator` and a sendBeacon `ping`; Firefox names them `originUrl` /
 * `documentUrl` and `beacon`. Everything after this file sees NormalizedRequest only.
 */
import type { Header, NormalizedRequest, RequestBody, ResourceType } from '../model';
import { isClientOrigin } from './origins';
import { originOf } from '../util/url';
import { headerValue } from '../util/headers';
import { heldBodyBytes } from '../util/body-size';

/** The subset of webRequest details Telltale reads, as either browser delivers them. */
export interface RawDetails {
  requestId: string;
  url: string;
  method: string;
  type: string;
  tabId: number;
  frameId: number;
  timeStamp: number;
  /** Chrome: origin of the document that made the request. */
  initiator?: string;
  /** Firefox: URL of the resource that triggered the request. */
  originUrl?: string;
  /** Firefox: URL of the document the request is made in. */
  documentUrl?: string;
}

export interface RawUploadData {
  bytes?: ArrayBuffer | ArrayBufferView;
  file?: string;
}

export interface RawRequestBody {
  error?: string;
  formData?: Record<string, string[]>;
  raw?: RawUploadData[];
}

export interface RawBeforeRequest extends RawDetails {
  requestBody?: RawRequestBody | null;
}

export interface RawHttpHeader {
  name: string;
  value?: string;
  binaryValue?: ArrayLike<number>;
}

export interface RawSendHeaders extends RawDetails {
  requestHeaders?: RawHttpHeader[];
}

export interface RawCompleted extends RawDetails {
  statusCode?: number;
}

export interface RawError extends RawDetails {
  error?: string;
}

const TYPES: Record<string, ResourceType> = {
  xmlhttprequest: 'xmlhttprequest',
  fetch: 'fetch',
  // Chrome reports navigator.sendBeacon (and <a ping>) as `ping`; Firefox reports sendBeacon as `beacon`
  // and <a ping> as `ping`. Both are fire-and-forget POSTs, so both become `beacon`.
  ping: 'beacon',
  beacon: 'beacon',
  main_frame: 'main_frame',
  sub_frame: 'sub_frame',
  script: 'script',
  image: 'image',
  imageset: 'image',
  websocket: 'websocket',
};

export function normalizeType(type: string): ResourceType {
  return TYPES[type] ?? 'other';
}

/**
 * Origin of the page that made the request. A top-level document request has no requesting page in our
 * sense: the client page is the document being loaded, so its own URL decides.
 */
export function pageOriginOf(details: RawDetails): string | undefined {
  if (details.type === 'main_frame') return originOf(details.url);
  return (
    originOf(details.initiator) ?? originOf(details.originUrl) ?? originOf(details.documentUrl)
  );
}

/**
 * Origin of the page that started a top-level navigation: Chrome's `initiator` (a link click, a form
 * submission, `window.open`, also for a new tab, and kept across a redirect chain), Firefox's `originUrl`.
 * Undefined for one the user started (address bar, bookmark): the browser names no page then.
 */
export function navigationOpenerOf(details: RawDetails): string | undefined {
  if (details.type !== 'main_frame') return undefined;
  return originOf(details.initiator) ?? originOf(details.originUrl);
}

/**
 * Client origin of a request, or undefined when its page is not an Office / Lync / Teams client. A top-level
 * navigation belongs to the client page that started it, if one did: following the client's help link to
 * support.microsoft.com (or to support.office.com, whose host looks like a client's) is that client's
 * online-help flow. A navigation no client page started belongs to the client it loads, if any.
 */
export function clientOriginOf(details: RawDetails, customOrigins: readonly string[] = []): string | undefined {
  const opener = navigationOpenerOf(details);
  if (isClientOrigin(opener, customOrigins)) return opener;
  const origin = pageOriginOf(details);
  return isClientOrigin(origin, customOrigins) ? origin : undefined;
}

function toBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Concatenates webRequest `raw[].bytes` chunks (a large body arrives split) into one array. */
export function concatRaw(parts: readonly RawUploadData[]): Uint8Array {
  const chunks = parts.filter((p) => p.bytes).map((p) => toBytes(p.bytes!));
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** webRequest requestBody → RequestBody (without mimeType, which only the headers phase knows). */
export function bodyFrom(raw: RawRequestBody | null | undefined): RequestBody | undefined {
  if (!raw) return undefined;
  const body: RequestBody = {};
  if (raw.formData) body.formData = raw.formData;
  if (raw.raw?.length) {
    body.raw = concatRaw(raw.raw);
    // An uploaded file is referenced by path, not bytes: say so rather than pretend the body was empty.
    if (raw.raw.some((p) => p.file !== undefined) && !raw.error) body.error = 'file upload not readable';
  }
  if (raw.error) body.error = raw.error;
  return body;
}

/**
 * A live request's body size as webRequest shows it: 0 for a body phase that carried no body, and form
 * fields (which webRequest parses instead of giving bytes) measured as their urlencoded form.
 */
export function webRequestBodySize(body: RequestBody | undefined): number {
  if (!body) return 0;
  if (!body.raw && body.formData) {
    return new URLSearchParams(
      Object.entries(body.formData).flatMap(([k, vs]) => vs.map((v) => [k, v] as [string, string])),
    ).toString().length;
  }
  return heldBodyBytes(body);
}

/** Methods that never carry a body, so a lost request-body phase loses nothing. */
export function methodHasBody(method: string): boolean {
  const m = method.toUpperCase();
  return m !== 'GET' && m !== 'HEAD' && m !== 'OPTIONS';
}

/** Builds the engine's input from the merged phases. */
export function toNormalizedRequest(parts: {
  url: string;
  method: string;
  type: ResourceType;
  time: number;
  clientOrigin: string;
  headers: Header[];
  body?: RequestBody;
}): NormalizedRequest {
  const req: NormalizedRequest = {
    url: parts.url,
    method: parts.method.toUpperCase(),
    headers: parts.headers,
    initiator: parts.clientOrigin,
    type: parts.type,
    time: parts.time,
  };
  if (parts.body) {
    const mimeType = headerValue(parts.headers, 'content-type');
    req.body = mimeType ? { ...parts.body, mimeType } : parts.body;
  }
  return req;
}
