import type { NormalizedRequest } from '../../../../lib/model';

export function request(url: string, init: Partial<NormalizedRequest> & { text?: string; mimeType?: string } = {}): NormalizedRequest {
  const { text, mimeType, ...rest } = init;
  return {
    url,
    method: text === undefined ? 'GET' : 'POST',
    headers: [],
    type: 'xmlhttprequest',
    time: 0,
    ...(text === undefined ? {} : { body: { text, mimeType: mimeType ?? 'application/json' } }),
    ...rest,
  };
}

export const ONECOLLECTOR = 'https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true&content-type=application/x-json-stream&w=0';

export function ndjson(...events: unknown[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n');
}

export const pageView = { name: 'Office.PageView', ver: '4.0', ext: { os: { name: 'Windows', ver: '10.0' } }, data: {} };
export const exception = {
  name: 'Office.Exception',
  ver: '4.0',
  ext: { os: { name: 'Windows', ver: '10.0' } },
  data: { baseType: 'ExceptionData', stack: 'TypeError: x is undefined\n    at render (https://teams.microsoft.com/app.js:10:5)' },
};
