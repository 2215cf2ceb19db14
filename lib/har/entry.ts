/**
 * One HAR 1.2 entry → NormalizedRequest. Tolerant: only `request.url` is required; every optional field
 * that Chrome DevTools, Firefox DevTools, Playwright's recordHar or Telltale's own export may leave out has a
 * default. Custom fields read here:
 *   entry._resourceType          Chrome DevTools ("xhr", "fetch", "ping", "document", ...)
 *   entry._initiator.url         Chrome DevTools
 *   entry._telltale.type         Telltale export: the normalized ResourceType
 *   entry._telltale.initiator    Telltale export: the initiator as webRequest reported it
 *   request.postData.encoding    "base64" when postData.text holds base64 bytes (Telltale export of binary/gzip
 *                                bodies; mirrors HAR's response.content.encoding)
 */
import type { Header, NormalizedRequest, RequestBody, ResourceType } from '../model';
import type { TelltaleHarFields } from '../formats/har-telltale';
import { HarError } from './errors';
import { isObject } from '../util/is-object';
import { base64ToBytes } from '../util/base64';
import { headerValue } from '../util/headers';

/** Page id → page title (Chrome and Firefox put the page URL there), for the initiator fallback. */
export type HarPages = Map<string, string>;

const RESOURCE_TYPES: Record<string, ResourceType> = {
  xhr: 'xmlhttprequest',
  xmlhttprequest: 'xmlhttprequest',
  fetch: 'fetch',
  ping: 'beacon',
  beacon: 'beacon',
  document: 'main_frame',
  main_frame: 'main_frame',
  sub_frame: 'sub_frame',
  subdocument: 'sub_frame',
  script: 'script',
  image: 'image',
  imageset: 'image',
  websocket: 'websocket',
};

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function headersOf(raw: unknown): Header[] {
  if (!Array.isArray(raw)) return [];
  const headers: Header[] = [];
  for (const h of raw) {
    if (!isObject(h) || typeof h.name !== 'string') continue;
    // HTTP/2 pseudo-headers (":authority", ":path") are not request headers a browser API would show.
    if (h.name.startsWith(':')) continue;
    headers.push({ name: h.name, value: h.value === undefined || h.value === null ? '' : String(h.value) });
  }
  return headers;
}

function bodyOf(postData: unknown, headers: readonly Header[]): RequestBody | undefined {
  if (!isObject(postData)) return undefined;
  const body: RequestBody = {};
  const mimeType = text(postData.mimeType) || headerValue(headers, 'content-type');
  if (mimeType) body.mimeType = mimeType;
  const bodyText = text(postData.text);
  const encoding = text(postData.encoding) ?? text(postData._encoding);
  if (bodyText !== undefined && encoding?.toLowerCase() === 'base64') {
    const bytes = base64ToBytes(bodyText);
    if (bytes) body.raw = bytes;
    else body.error = 'postData.text is not valid base64';
  } else if (bodyText !== undefined) {
    body.text = bodyText;
  }
  if (body.raw === undefined && body.text === undefined && Array.isArray(postData.params)) {
    const formData: Record<string, string[]> = Object.create(null);
    for (const p of postData.params) {
      if (!isObject(p) || typeof p.name !== 'string') continue;
      (formData[p.name] ??= []).push(p.value === undefined || p.value === null ? '' : String(p.value));
    }
    body.formData = formData;
  }
  return body.raw || body.text !== undefined || body.formData || body.error ? body : undefined;
}

function typeOf(entry: Record<string, unknown>, own: TelltaleHarFields | undefined): ResourceType {
  const raw = text(own?.type) ?? text(entry._resourceType) ?? text(entry._type);
  return (raw && RESOURCE_TYPES[raw.toLowerCase()]) || 'other';
}

function initiatorOf(
  entry: Record<string, unknown>,
  own: TelltaleHarFields | undefined,
  headers: readonly Header[],
  pages: HarPages | undefined,
): string | undefined {
  const pageref = text(entry.pageref);
  const pageTitle = pageref !== undefined ? pages?.get(pageref) : undefined;
  const chromeInitiator = isObject(entry._initiator) ? text(entry._initiator.url) : undefined;
  const candidates = [
    text(own?.initiator),
    pageTitle && /^https?:\/\//i.test(pageTitle) ? pageTitle : undefined,
    headerValue(headers, 'origin'),
    headerValue(headers, 'referer'),
    chromeInitiator,
  ];
  return candidates.find((c) => c !== undefined && c !== '' && c !== 'null');
}

/** Converts one parsed HAR entry; throws HarError naming the entry when it has no request URL. */
export function entryToRequest(entry: unknown, index: number, pages?: HarPages): NormalizedRequest {
  if (!isObject(entry)) throw new HarError(`entry ${index}: not an object`);
  const request = entry.request;
  if (!isObject(request)) throw new HarError(`entry ${index}: "request" is missing or not an object`);
  if (typeof request.url !== 'string' || !request.url) throw new HarError(`entry ${index}: request.url is missing`);
  const own = isObject(entry._telltale) ? (entry._telltale as TelltaleHarFields) : undefined;
  const headers = headersOf(request.headers);
  const time = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
  const normalized: NormalizedRequest = {
    url: request.url,
    method: (text(request.method) || 'GET').toUpperCase(),
    headers,
    type: typeOf(entry, own),
    time: Number.isFinite(time) ? time : 0,
  };
  const body = bodyOf(request.postData, headers);
  if (body) normalized.body = body;
  const initiator = initiatorOf(entry, own, headers, pages);
  if (initiator) normalized.initiator = initiator;
  return normalized;
}

/** Page id → title map from a HAR `log.pages` array (tolerant of anything else). */
export function pagesOf(raw: unknown): HarPages {
  const pages: HarPages = new Map();
  if (!Array.isArray(raw)) return pages;
  for (const p of raw) if (isObject(p) && typeof p.id === 'string' && typeof p.title === 'string') pages.set(p.id, p.title);
  return pages;
}
