/**
 * webRequest detail objects in the shapes Chrome and Firefox deliver them (fields as documented for
 * chrome.webRequest and browser.webRequest), for the capture tests.
 */
import type { RawBeforeRequest, RawCompleted, RawError, RawSendHeaders } from '../../../../lib/capture/normalize';

const enc = new TextEncoder();
export const ONE_DS_URL =
  'https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true&content-type=application/x-json-stream';

/** The one Chrome request every phase below belongs to: what each phase repeats of it. */
const CHROME_REQUEST = {
  requestId: '1001',
  url: ONE_DS_URL,
  method: 'POST',
  type: 'xmlhttprequest',
  tabId: 7,
  frameId: 0,
  initiator: 'https://outlook.office.com',
};

export function chromeBefore(over: Partial<RawBeforeRequest> = {}): RawBeforeRequest {
  return {
    ...CHROME_REQUEST,
    parentFrameId: -1,
    timeStamp: 1_700_000_000_000,
    requestBody: { raw: [{ bytes: enc.encode('{"name":"a"}\n').buffer }, { bytes: enc.encode('{"name":"b"}').buffer }] },
    ...over,
  } as RawBeforeRequest;
}

export function chromeHeaders(over: Partial<RawSendHeaders> = {}): RawSendHeaders {
  return {
    ...CHROME_REQUEST,
    timeStamp: 1_700_000_000_005,
    requestHeaders: [
      { name: 'Content-Type', value: 'application/x-json-stream' },
      { name: 'User-Agent', value: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0' },
      { name: 'Cookie', value: 'MUID=secret' },
      { name: 'Authorization', value: 'Bearer eyJ.secret' },
      { name: 'Accept-Language', value: 'sv-SE,sv;q=0.9' },
    ],
    ...over,
  };
}

export function chromeCompleted(over: Partial<RawCompleted> = {}): RawCompleted {
  return {
    ...CHROME_REQUEST,
    timeStamp: 1_700_000_000_050,
    statusCode: 200,
    ...over,
  };
}

export function chromeError(over: Partial<RawError> = {}): RawError {
  return {
    ...CHROME_REQUEST,
    timeStamp: 1_700_000_000_050,
    error: 'net::ERR_CONNECTION_REFUSED',
    ...over,
  };
}

/** Firefox: no `initiator`; `originUrl` / `documentUrl` carry full URLs; sendBeacon is `beacon`. */
export function firefoxBeacon(over: Partial<RawBeforeRequest> = {}): RawBeforeRequest {
  return {
    requestId: '55',
    url: 'https://dc.services.visualstudio.com/v2/track',
    method: 'POST',
    type: 'beacon',
    tabId: 3,
    frameId: 0,
    timeStamp: 1_700_000_001_000,
    originUrl: 'https://teams.microsoft.com/_#/conversations?ctx=chat',
    documentUrl: 'https://teams.microsoft.com/_#/conversations?ctx=chat',
    requestBody: { raw: [{ bytes: new Uint8Array([0x1f, 0x8b, 8, 0]) }] },
    ...over,
  } as RawBeforeRequest;
}
