/**
 * Hostile requests, and the path the background takes with each one: classify (redacted, or raw for a
 * raw-evidence recording) → Observation → ObservationWriter. The observation is built field for field as
 * entrypoints/background/pipeline.ts builds it, so the store sees what it would see from live traffic.
 */
import { gzipSync } from 'fflate';
import { classify } from '../../../lib/classify/index';
import type { NormalizedRequest, Observation } from '../../../lib/model';

export const COLLECTOR = 'https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true&content-type=application/x-json-stream&w=0';
export const AI_TRACK = 'https://dc.services.visualstudio.com/v2/track';
export const FEEDBACK = 'https://sas.office.microsoft.com/upload.ashx';
export const CLIENT = 'https://outlook.office.com';

/** Markup that runs script if it ever reaches innerHTML, an attribute or a javascript: URL. */
export const XSS = [
  '<img src=x onerror="globalThis.__pwned=1">',
  '<script>globalThis.__pwned=2</script>',
  '"><svg onload="globalThis.__pwned=3">',
  'javascript:globalThis.__pwned=4',
] as const;

const utf8 = (s: string) => new TextEncoder().encode(s);

export function post(url: string, body: Uint8Array | string, mimeType = 'application/json', extra: Partial<NormalizedRequest> = {}): NormalizedRequest {
  return {
    url,
    method: 'POST',
    headers: [{ name: 'Content-Type', value: mimeType }],
    body: typeof body === 'string' ? { raw: utf8(body), mimeType } : { raw: body, mimeType },
    initiator: CLIENT,
    type: 'xmlhttprequest',
    time: 1_700_000_000_000,
    ...extra,
  };
}

/** A small deterministic byte generator, so failures reproduce. */
export function bytes(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** ~200 KB of gzip members that inflate to 200 MiB of zeros. */
export function gzipBomb(members = 200): Uint8Array {
  const member = gzipSync(new Uint8Array(1024 * 1024), { level: 9 });
  const bomb = new Uint8Array(member.length * members);
  for (let i = 0; i < members; i++) bomb.set(member, i * member.length);
  return bomb;
}

export function deepJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A 1DS event whose every displayed string is markup. */
export function xssEvent(): string {
  const [img, script, svg, js] = XSS;
  return JSON.stringify({
    name: script,
    time: '2024-05-14T09:30:00Z',
    ver: '4.0',
    iKey: `o:${img}`,
    ext: {
      os: { name: img, ver: svg },
      web: { browser: script, browserVer: img, browserLang: js },
      user: { localId: img, locale: svg },
      device: { localId: script, model: img },
    },
    data: { UserInfo: { Id: img, Language: script }, DeviceInfo: { OsVersion: js }, message: svg },
  });
}

/** Every hostile request the pipeline must survive; `flag` is the annotation flag it must carry, if any. */
export function hostileRequests(): Array<{ name: string; request: NormalizedRequest; flag?: 'truncated' | 'undecodable' }> {
  const tenThousandParams = Array.from({ length: 10_000 }, (_, i) => `p${i}=${encodeURIComponent(XSS[i % XSS.length]!)}`).join('&');
  const fiftyMb = new Uint8Array(50 * 1024 * 1024).fill(0x61);
  fiftyMb.set(utf8('{"x":"'), 0);
  return [
    { name: 'invalid JSON', request: post(AI_TRACK, '{"name": "Microsoft.ApplicationInsights.x.Event", "data": [1, 2'), flag: 'undecodable' },
    { name: 'binary bytes', request: post(COLLECTOR, bytes(64 * 1024), 'application/octet-stream'), flag: 'undecodable' },
    { name: 'invalid UTF-8', request: post(COLLECTOR, new Uint8Array(8192).map((_, i) => 0x80 + (i % 64)), 'application/x-json-stream'), flag: 'undecodable' },
    { name: 'a gzip bomb', request: post(COLLECTOR, gzipBomb(), 'application/x-json-stream'), flag: 'truncated' },
    { name: 'a corrupt gzip stream', request: post(COLLECTOR, new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff])), flag: 'undecodable' },
    { name: 'a 50 MB body', request: post(AI_TRACK, fiftyMb), flag: 'truncated' },
    { name: '100k-deep JSON', request: post(AI_TRACK, deepJson(100_000)), flag: 'undecodable' },
    { name: '100k-deep NDJSON', request: post(COLLECTOR, '['.repeat(100_000) + '\n{"a":1}', 'application/x-json-stream'), flag: 'undecodable' },
    {
      name: 'a 1 MB header value',
      request: { ...post(COLLECTOR, '{"name":"x"}\n', 'application/x-json-stream'), headers: [{ name: 'User-Agent', value: 'Mozilla/5.0 '.repeat(90_000) }, { name: 'X-Junk', value: XSS[0].repeat(25_000) }] },
    },
    { name: 'a URL with 10k parameters', request: post(`${COLLECTOR}&${tenThousandParams}`, '{"name":"x"}\n', 'application/x-json-stream') },
    { name: 'markup in every field', request: post(COLLECTOR, xssEvent(), 'application/x-json-stream') },
    {
      name: '__proto__ and constructor keys',
      request: post(COLLECTOR, '{"__proto__":{"polluted":1,"ext":{"os":{"ver":"10.0"}}},"constructor":{"prototype":{"polluted":2}},"ext":{"__proto__":{"polluted":3},"os":{"ver":"10.0.19045"}}}\n', 'application/x-json-stream'),
    },
    { name: 'form data with prototype keys', request: { ...post(FEEDBACK, ''), body: { formData: JSON.parse('{"__proto__":["x"],"constructor":["y"],"hasOwnProperty":["z"],"ui":["sv-SE"]}') } } },
    { name: 'a body lost with the worker', request: { ...post(COLLECTOR, ''), body: { error: 'Unknown error.' } }, flag: 'undecodable' },
  ];
}

let seq = 0;
/** The observation the background stores for a request (pipeline.ts `handle`). */
export function observe(request: NormalizedRequest, over: { raw?: boolean; recordingId?: number; tabId?: number } = {}): Observation {
  const obs: Observation = {
    requestId: `h${seq++}`,
    time: request.time,
    tabId: over.tabId ?? 7,
    frameId: 0,
    clientOrigin: request.initiator ?? '',
    url: request.url,
    method: request.method,
    type: request.type,
    status: 200,
    requestSize: request.body?.raw?.byteLength ?? -1,
    headers: request.headers,
    annotation: classify(request, { raw: over.raw === true }),
  };
  if (over.recordingId !== undefined) obs.recordingId = over.recordingId;
  return obs;
}

/** Own enumerable keys of Object.prototype and friends: any new one means something was polluted. */
export function prototypeSnapshot(): string[] {
  const protos: object[] = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
  return protos.flatMap((p, i) => Object.getOwnPropertyNames(p).map((k) => `${i}:${k}`)).sort();
}
