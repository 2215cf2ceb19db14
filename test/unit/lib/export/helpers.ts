/** Observations annotated by the real engine, and an export context, for the export tests. */
import { readFileSync } from 'node:fs';
import { classify } from '../../../../lib/classify/index';
import type { NormalizedRequest, Observation } from '../../../../lib/model';
import type { ExportContext } from '../../../../lib/export/manifest';

export const POLICY_TEXT = readFileSync('lib/policy/lync-privacy-policy-2012.sv.txt', 'utf8');

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const T0 = Date.UTC(2024, 4, 2, 9, 30, 0);

function request(i: number): NormalizedRequest {
  const kind = i % 3;
  if (kind === 0) {
    const events = [
      { name: 'Office.Session', time: '2024-05-02T09:30:00Z', ver: '4.0', iKey: 'o:tenant', ext: { os: { name: 'Linux', ver: '6.1' }, user: { locale: 'sv-SE', localId: 'u:3f2a9c1e-aaaa-bbbb-cccc-1234567890ab' }, web: { browser: 'Chrome', browserVer: '156.0' } }, data: { n: i } },
    ];
    return {
      url: `https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true&content-type=application/x-json-stream&n=${i}`,
      method: 'POST',
      headers: [
        { name: 'User-Agent', value: UA },
        { name: 'Accept-Language', value: 'sv-SE,sv;q=0.9' },
        { name: 'Content-Type', value: 'application/x-json-stream' },
      ],
      body: { raw: new TextEncoder().encode(events.map((e) => JSON.stringify(e)).join('\n')), mimeType: 'application/x-json-stream' },
      initiator: 'https://outlook.office.com',
      type: 'xmlhttprequest',
      time: T0 + i * 1000,
    };
  }
  if (kind === 1) {
    return {
      url: `https://support.office.com/client/results?lcid=1053&omkt=sv-SE&HelpID=${i}&query=how+to+share`,
      method: 'GET',
      headers: [{ name: 'User-Agent', value: UA }],
      initiator: 'https://outlook.office.com',
      type: 'fetch',
      time: T0 + i * 1000,
    };
  }
  return {
    url: `https://dc.services.visualstudio.com/v2/track?i=${i}`,
    method: 'POST',
    headers: [{ name: 'User-Agent', value: UA }, { name: 'Content-Type', value: 'application/json' }],
    body: {
      text: JSON.stringify([{ name: 'Microsoft.ApplicationInsights.x.Exception', time: '2024-05-02T09:30:00Z', iKey: 'x', tags: { 'ai.device.osVersion': 'Linux 6.1', 'ai.device.locale': 'sv-SE' }, data: { baseType: 'ExceptionData', baseData: { exceptions: [{ message: 'TypeError: x is undefined', stack: 'at f (a.js:1:2)' }] } } }]),
      mimeType: 'application/json',
    },
    initiator: 'https://outlook.office.com',
    type: 'beacon',
    time: T0 + i * 1000,
  };
}

export function requests(n: number): NormalizedRequest[] {
  return Array.from({ length: n }, (_, i) => request(i));
}

export function observationOf(req: NormalizedRequest, i: number, raw = false): Observation {
  return {
    id: i + 1,
    requestId: String(1000 + i),
    time: req.time,
    tabId: 7,
    frameId: 0,
    clientOrigin: 'https://outlook.office.com',
    url: req.url,
    method: req.method,
    type: req.type,
    status: 200,
    requestSize: req.body?.raw?.byteLength ?? (req.body?.text ? req.body.text.length : -1),
    headers: req.headers,
    recordingId: 3,
    annotation: classify(req, { raw }),
  };
}

export function observations(n: number, raw = false): Observation[] {
  return requests(n).map((r, i) => observationOf(r, i, raw));
}

export function context(over: Partial<ExportContext> = {}): ExportContext {
  return {
    extensionVersion: '0.1.0',
    browser: 'Chromium 156',
    policyId: 'lync-2012',
    policyText: POLICY_TEXT,
    source: { kind: 'recording', title: 'Outlook audit', recordingId: 3, startedAt: T0 - 5000, endedAt: T0 + 60_000, rawEvidence: false },
    exportedAt: T0 + 120_000,
    ...over,
  };
}
