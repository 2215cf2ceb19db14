/**
 * HAR 1.2 writer. The output imports in Chrome DevTools and passes a HAR schema validator: numbers are never
 * null (-1 where unknown), every entry has request, response.content, cache and timings (send/wait/receive
 * 0), there is one page, httpVersion is a version string, bodies that are not UTF-8 text are base64 with
 * `encoding`. Telltale's own data rides in `_telltale` fields (HAR custom fields start with `_`):
 *
 *   log._telltale.manifest        the export manifest with the chain's start and head
 *   entries[i]._telltale          index, type, initiator, tab, recording, annotation, and `chain` (= hi)
 *
 * The extension observes requests, not responses: response headers and content are empty, status is what
 * webRequest reported (0 when unknown), and httpVersion is not observed (`_telltale.httpVersion` says so).
 *
 * Request bodies: an observation of a recording keeps its body (Observation.body), redacted unless the
 * recording keeps raw evidence. A redacted body is written into every export as `request.postData`, so
 * `telltale check` on the export classifies the same body and finds what the recording found; a raw body only
 * into raw exports (a redacted export takes the `redactBody` hook's version, or none). `_telltale.body` says
 * whether the postData is redacted, cut at the size cap, or was sent gzip-compressed.
 */
import type { Observation, ObservationBody, RequestBody, ResourceType } from '../model';
import type { TelltaleEntryFields } from '../formats/har-telltale';
import { buildManifest, exportsRaw, type ExportContext, type ExportManifest } from './manifest';
import { exportAnnotation } from '../redact/annotation';
import { seal } from './frame';
import { parseUrl, queryParams } from '../util/url';
import { bytesToBase64 } from '../util/base64';

export const HAR_PAGE_ID = 'page_1';
/** Not observed by the extension; written because importers reject anything but a version string. */
export const HAR_HTTP_VERSION = 'HTTP/1.1';

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarPostData {
  mimeType: string;
  text: string;
  encoding?: 'base64';
  params?: HarNameValue[];
}

export interface HarEntry {
  pageref: string;
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: never[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: HarPostData;
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: never[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: { blocked: number; dns: number; connect: number; send: number; wait: number; receive: number; ssl: number };
  _resourceType: string;
  _telltale: TelltaleEntryFields;
}

export interface HarDocument {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    browser: { name: string; version: string };
    pages: {
      startedDateTime: string;
      id: string;
      title: string;
      pageTimings: { onContentLoad: number; onLoad: number };
    }[];
    entries: HarEntry[];
    _telltale: { manifest: ExportManifest };
  };
}

export interface HarWriteOptions {
  /**
   * The request body of an observation that kept none, when the caller has it (imports and tests may).
   * Written only into raw exports, since a body is content in clear.
   */
  requestBody?: (obs: Observation) => RequestBody | undefined;
  /**
   * The redacted body of an observation that kept its raw body (a recording with raw evidence), for a
   * redacted export: e.g. `redactObservationBody` from lib/classify/kept-body.ts. Without it such
   * bodies are left out of redacted exports.
   */
  redactBody?: (obs: Observation) => ObservationBody | undefined;
}

/** Chrome DevTools' `_resourceType` names, so its importer shows the right type column. */
const CHROME_TYPES: Record<ResourceType, string> = {
  xmlhttprequest: 'xhr',
  fetch: 'fetch',
  beacon: 'ping',
  main_frame: 'document',
  sub_frame: 'document',
  script: 'script',
  image: 'image',
  websocket: 'websocket',
  other: 'other',
};

/** Every query parameter: an export lists them all, where detection reads at most MAX_QUERY_PARAMS. */
function queryStringOf(url: string): HarNameValue[] {
  return queryParams(parseUrl(url).query, Infinity).map(([name, value]) => ({ name, value }));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text when the bytes are valid UTF-8 (and not gzip), base64 otherwise. */
export function postDataOf(body: RequestBody): HarPostData | undefined {
  const mimeType = body.mimeType ?? '';
  if (body.raw) {
    const gzip = body.raw.length > 1 && body.raw[0] === 0x1f && body.raw[1] === 0x8b;
    if (!gzip) {
      try {
        return { mimeType, text: utf8.decode(body.raw) };
      } catch {
        // not UTF-8: fall through to base64
      }
    }
    return { mimeType, text: bytesToBase64(body.raw), encoding: 'base64' };
  }
  if (body.text !== undefined) return { mimeType, text: body.text };
  if (body.formData) {
    const params: HarNameValue[] = [];
    for (const [name, values] of Object.entries(body.formData)) for (const value of values) params.push({ name, value });
    const text = params.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(p.value)}`).join('&');
    return { mimeType: mimeType || 'application/x-www-form-urlencoded', text, params };
  }
  return undefined;
}

/** The kept body this export may show: a redacted one always, a raw one only in a raw export. */
function keptBodyFor(obs: Observation, raw: boolean, options: HarWriteOptions): ObservationBody | undefined {
  const kept = obs.body;
  if (!kept || typeof kept.text !== 'string') return undefined;
  if (kept.redacted || raw) return kept;
  const redacted = options.redactBody?.(obs);
  return redacted?.redacted ? redacted : undefined;
}

function keptPostData(kept: ObservationBody): HarPostData {
  const postData: HarPostData = { mimeType: kept.mimeType ?? '', text: kept.text };
  if (kept.encoding === 'base64') postData.encoding = 'base64';
  return postData;
}

const iso = (ms: number): string => new Date(Number.isFinite(ms) ? ms : 0).toISOString();

function harEntry(obs: Observation, index: number, ctx: ExportContext, options: HarWriteOptions): HarEntry {
  const raw = exportsRaw(ctx);
  const own: TelltaleEntryFields = {
    index,
    requestId: obs.requestId,
    type: obs.type,
    clientOrigin: obs.clientOrigin,
    tabId: obs.tabId,
    frameId: obs.frameId,
    requestSize: obs.requestSize,
    httpVersion: 'not-observed',
    annotation: exportAnnotation(obs.annotation, ctx.source.rawEvidence, raw),
  };
  // The page that made the request; the HAR reader takes it back as the initiator.
  if (obs.clientOrigin) own.initiator = obs.clientOrigin;
  if (obs.recordingId !== undefined) own.recordingId = obs.recordingId;
  if (obs.error) own.error = obs.error;
  if (obs.incomplete?.length) own.incomplete = [...obs.incomplete];
  const kept = keptBodyFor(obs, raw, options);
  const body = kept || !raw ? undefined : options.requestBody?.(obs);
  const postData = kept ? keptPostData(kept) : body ? postDataOf(body) : undefined;
  if (kept) own.body = { redacted: kept.redacted, truncated: kept.truncated, ...(kept.gzip ? { gzip: true } : {}) };
  const entry: HarEntry = {
    pageref: HAR_PAGE_ID,
    startedDateTime: iso(obs.time),
    time: 0,
    request: {
      method: obs.method,
      url: obs.url,
      httpVersion: HAR_HTTP_VERSION,
      cookies: [],
      headers: obs.headers.map((h) => ({ name: h.name, value: h.value })),
      queryString: queryStringOf(obs.url),
      headersSize: -1,
      bodySize: Number.isInteger(obs.requestSize) && obs.requestSize >= 0 ? obs.requestSize : -1,
    },
    response: {
      status: Number.isInteger(obs.status) && obs.status > 0 ? obs.status : 0,
      statusText: '',
      httpVersion: HAR_HTTP_VERSION,
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait: 0, receive: 0, ssl: -1 },
    _resourceType: CHROME_TYPES[obs.type] ?? 'other',
    _telltale: own,
  };
  if (postData) entry.request.postData = postData;
  if (obs.error) entry.response._error = obs.error;
  return entry;
}

/** The hashed content of a HAR entry: the entry without its own chain hash. */
export function harEntryContent(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
  const e = entry as Record<string, unknown>;
  const own = e._telltale;
  if (typeof own !== 'object' || own === null || Array.isArray(own)) return entry;
  const { chain: _chain, ...rest } = own as Record<string, unknown>;
  return { ...e, _telltale: rest };
}

/** The HAR document outside entries and manifest (what `manifest.frame` hashes). */
export function harFrame(doc: { log?: unknown }): unknown {
  const log = (typeof doc.log === 'object' && doc.log !== null ? doc.log : {}) as Record<string, unknown>;
  const { entries: _entries, _telltale, ...rest } = log;
  const own = (typeof _telltale === 'object' && _telltale !== null ? _telltale : {}) as Record<string, unknown>;
  const { manifest: _manifest, ...ownRest } = own;
  return { ...doc, log: { ...rest, _telltale: ownRest } };
}

/** Observations in the order given (callers pass them oldest first) → a sealed HAR 1.2 document. */
export function buildHar(observations: readonly Observation[], ctx: ExportContext, options: HarWriteOptions = {}): HarDocument {
  const entries = observations.map((obs, i) => harEntry(obs, i, ctx, options));
  const manifest = buildManifest(ctx, 'har', observations.map((o) => o.time));
  let firstTime = ctx.source.startedAt;
  for (const o of observations) if (o.time < firstTime) firstTime = o.time;
  const doc: HarDocument = {
    log: {
      version: '1.2',
      creator: { name: 'Telltale', version: ctx.extensionVersion },
      browser: { name: ctx.browser, version: '' },
      pages: [
        {
          startedDateTime: iso(firstTime),
          id: HAR_PAGE_ID,
          title: ctx.source.title,
          pageTimings: { onContentLoad: -1, onLoad: -1 },
        },
      ],
      entries,
      _telltale: { manifest },
    },
  };
  const hashes = seal(manifest, harFrame(doc), entries.map(harEntryContent));
  entries.forEach((e, i) => (e._telltale.chain = hashes[i]));
  return doc;
}
