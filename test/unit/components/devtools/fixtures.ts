/**
 * Observations of one tab annotated by the real engine, for the panel and export tests: a 1DS batch that
 * carries a user id (an undisclosed identifier), an Application Insights envelope with a screen resolution
 * (a vague hardware id), an online-help query and a request to a host the catalogue does not know.
 */
import { readFileSync } from 'node:fs';
import { classify } from '../../../../lib/classify/index';
import { loadPolicy } from '../../../../lib/policy/load';
import type { Observation, NormalizedRequest } from '../../../../lib/model';

export const policy = loadPolicy();
export const POLICY_TEXT = readFileSync('lib/policy/lync-privacy-policy-2012.sv.txt', 'utf8');
export const TAB = 42;
export const T0 = Date.UTC(2024, 4, 14, 9, 30, 0);
export const NOW = T0 + 10 * 60 * 1000;
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
export const USER_ID = 'a9f3e1c2-77b4-4e0a-9d2c-5b1f0e6a8c3d';

const json = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

export const REQUESTS: Record<'oneDs' | 'appInsights' | 'help' | 'unknown', NormalizedRequest> = {
  oneDs: {
    url: 'https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true&content-type=application/x-json-stream&w=0',
    method: 'POST',
    headers: [
      { name: 'User-Agent', value: UA },
      { name: 'Content-Type', value: 'application/x-json-stream' },
    ],
    body: {
      raw: json(
        JSON.stringify({
          name: 'Office.Outlook.Web.Boot',
          time: '2024-05-14T09:30:00Z',
          ver: '4.0',
          iKey: 'o:5b3d2f8c',
          ext: { os: { name: 'Linux', ver: '6.1' }, web: { browser: 'Chrome', browserVer: '156.0.0.0', browserLang: 'sv-SE' } },
          data: { UserInfo: { Id: USER_ID } },
        }),
      ),
      mimeType: 'application/x-json-stream',
    },
    initiator: 'https://outlook.office.com',
    type: 'xmlhttprequest',
    time: T0,
  },
  appInsights: {
    url: 'https://dc.services.visualstudio.com/v2/track',
    method: 'POST',
    headers: [{ name: 'Content-Type', value: 'application/json' }],
    body: {
      raw: json([{ name: 'Microsoft.ApplicationInsights.x.Pageview', time: '2024-05-14T09:30:01Z', iKey: 'x', tags: { 'ai.device.locale': 'sv-SE', 'ai.device.screenResolution': '1920x1080' }, data: { baseType: 'PageviewData', baseData: { name: 'Mail' } } }]),
      mimeType: 'application/json',
    },
    initiator: 'https://outlook.office.com',
    type: 'xmlhttprequest',
    time: T0 + 1000,
  },
  help: {
    url: 'https://support.office.com/client/results?lcid=1053&omkt=sv-SE&HelpID=OWA.Settings&query=read+receipts',
    method: 'GET',
    headers: [{ name: 'User-Agent', value: UA }],
    initiator: 'https://outlook.office.com',
    type: 'fetch',
    time: T0 + 2000,
  },
  unknown: {
    url: 'https://outlook.office.com/owa/service.svc?action=GetFolder',
    method: 'POST',
    headers: [],
    initiator: 'https://outlook.office.com',
    type: 'fetch',
    time: T0 + 3000,
  },
};

let nextId = 100;
export function observe(request: NormalizedRequest, over: Partial<Observation> = {}): Observation {
  const id = nextId++;
  return {
    id,
    requestId: `req-${id}`,
    time: request.time,
    tabId: TAB,
    frameId: 0,
    clientOrigin: 'https://outlook.office.com',
    url: request.url,
    method: request.method,
    type: request.type,
    status: 200,
    requestSize: -1,
    headers: request.headers,
    annotation: classify(request, { policy }),
    ...over,
  };
}

/** The tab's four requests, newest first as the store returns them. */
export function tabObservations(): Observation[] {
  return [observe(REQUESTS.oneDs), observe(REQUESTS.appInsights), observe(REQUESTS.help), observe(REQUESTS.unknown)].reverse();
}
