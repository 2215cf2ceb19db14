import type { BrowserProfile, Evidence, Header, NormalizedRequest, RequestBody } from '../../../../lib/model';
import { decodeBody } from '../../../../lib/decode/index';
import { detect, type Detection } from '../../../../lib/detect/index';

/** Edge 124 on Windows 11, Swedish, as `userAgentData` and `navigator` would report it. */
export const EDGE_SV: BrowserProfile = {
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  osName: 'Windows',
  osVersion: '15.0.0',
  browserName: 'Microsoft Edge',
  browserVersion: '124.0.2478.51',
  languages: ['sv-SE', 'sv', 'en-US', 'en'],
  timeZone: 'Europe/Stockholm',
  screenResolution: '1920x1080',
  architecture: 'x86',
};

export function request(url: string, init: { headers?: Header[]; body?: RequestBody; method?: string } = {}): NormalizedRequest {
  return {
    url,
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: init.headers ?? [],
    ...(init.body ? { body: init.body } : {}),
    type: 'xmlhttprequest',
    time: 0,
  };
}

export function run(req: NormalizedRequest, profile?: BrowserProfile): Detection {
  return detect(req, decodeBody(req.body), profile);
}

/** Body-only request to a neutral Microsoft host. */
export function body(text: string, mimeType = 'application/json', url = 'https://example.microsoft.com/collect'): Detection {
  return run(request(url, { body: { text, mimeType } }));
}

export function signal(det: Detection, id: string): Evidence[] {
  return det.signals.filter((e) => e.signal === id);
}

export function kind(det: Detection, id: string): Evidence[] {
  return det.contents.filter((c) => c.kind === id).map((c) => c.evidence);
}

/** `signal path value matchedBy` lines, for compact assertions. */
export function lines(evidence: Evidence[]): string[] {
  return evidence.map((e) => `${e.path} = ${e.value} (${e.matchedBy})`);
}
