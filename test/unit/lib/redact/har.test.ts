/**
 * Kept bodies in HAR exports: a redacted body goes into every export as request.postData, a raw one only into
 * raw exports (or redacted through the hook); the hash chain covers the body.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { classifyKeepingBody } from '../../../../lib/classify/index';
import { redactObservationBody } from '../../../../lib/classify/kept-body';
import { buildHar } from '../../../../lib/export/har';
import { serializeJson } from '../../../../lib/export/manifest';
import { verifyExport } from '../../../../lib/export/verify';
import { readHar } from '../../../../lib/har/read';
import type { Observation, NormalizedRequest } from '../../../../lib/model';
import { context } from '../export/helpers';

const require = createRequire(import.meta.url);
const harValidator = require('har-validator') as { har: (data: unknown) => Promise<unknown> };

const ID = 'u:5f2b8a1e-77c4-4b1d-9a0e-3c6d2f1b8e90';
const request: NormalizedRequest = {
  url: 'https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true',
  method: 'POST',
  headers: [{ name: 'Content-Type', value: 'application/x-json-stream' }],
  body: {
    text: [
      { name: 'Office.PageView', ext: { user: { localId: ID }, os: { ver: '10.0' } } },
      { name: 'Office.Error', ext: { user: { localId: ID } }, data: { stack: 'Error: x\n    at f (https://a.b/c.js:1:2)' } },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n'),
    mimeType: 'application/x-json-stream',
  },
  type: 'xmlhttprequest',
  time: Date.UTC(2026, 10, 29),
};

function observation(mode: 'redacted' | 'raw'): Observation {
  const { annotation, body } = classifyKeepingBody(request, { raw: mode === 'raw' }, mode);
  return {
    id: 1,
    requestId: '77',
    time: request.time,
    tabId: 1,
    frameId: 0,
    clientOrigin: 'https://outlook.office.com',
    url: request.url,
    method: request.method,
    type: request.type,
    status: 200,
    requestSize: 200,
    headers: request.headers,
    recordingId: 3,
    annotation,
    ...(body ? { body } : {}),
  };
}

const rawSource = (raw: boolean) => context({ raw, source: { ...context().source, rawEvidence: true } });

describe('kept bodies in HAR exports', () => {
  it('a redacted body goes into a redacted export as postData and reads back as the request body', async () => {
    const obs = observation('redacted');
    const doc = buildHar([obs], context());
    const entry = doc.log.entries[0]!;
    expect(entry.request.postData).toEqual({ mimeType: 'application/x-json-stream', text: obs.body!.text });
    expect(entry._telltale.body).toEqual({ redacted: true, truncated: false });
    expect(JSON.stringify(doc)).not.toContain(ID);
    expect(readHar(JSON.stringify(doc))[0]!.body).toEqual({ text: obs.body!.text, mimeType: 'application/x-json-stream' });
    await expect(harValidator.har(JSON.parse(JSON.stringify(doc)))).resolves.toBeTruthy();
  });

  it('the hash chain covers the body: one changed byte in postData fails verify', () => {
    const text = serializeJson(buildHar([observation('redacted')], context()));
    expect(verifyExport(text).status).toBe('valid');
    const at = text.indexOf('Office.PageView');
    const tampered = text.slice(0, at) + 'X' + text.slice(at + 1);
    expect(verifyExport(tampered)).toMatchObject({ status: 'tampered', problem: { kind: 'changed', index: 0 } });
  });

  it('a raw body goes only into raw exports', () => {
    const obs = observation('raw');
    expect(obs.body).toMatchObject({ redacted: false });
    const raw = buildHar([obs], rawSource(true)).log.entries[0]!;
    expect(raw.request.postData?.text).toContain(ID);
    expect(raw._telltale.body).toEqual({ redacted: false, truncated: false });

    const redacted = buildHar([obs], rawSource(false));
    expect(redacted.log.entries[0]!.request.postData).toBeUndefined();
    expect(JSON.stringify(redacted)).not.toContain(ID);
  });

  it('a redacted export of a raw recording takes the redacted body from the hook', () => {
    const obs = observation('raw');
    const doc = buildHar([obs], rawSource(false), { redactBody: (o) => redactObservationBody(o) });
    const entry = doc.log.entries[0]!;
    expect(entry.request.postData?.text).toBe(observation('redacted').body!.text);
    expect(entry._telltale.body).toEqual({ redacted: true, truncated: false });
    expect(JSON.stringify(doc)).not.toContain(ID);
    // A hook that hands back something unredacted is not trusted.
    const careless = buildHar([obs], rawSource(false), { redactBody: (o) => o.body });
    expect(careless.log.entries[0]!.request.postData).toBeUndefined();
  });

  it('a binary kept body is written as base64 with its encoding', () => {
    const bytes = new Uint8Array([0, 1, 2, 0xff, 0x41, 0x42, 0, 0]);
    const bin: NormalizedRequest = { ...request, body: { raw: bytes, mimeType: 'application/octet-stream' } };
    const { annotation, body } = classifyKeepingBody(bin, {}, 'redacted');
    const doc = buildHar([{ ...observation('redacted'), annotation, body: body! }], context());
    expect(doc.log.entries[0]!.request.postData).toMatchObject({ encoding: 'base64', mimeType: 'application/octet-stream' });
    expect(Array.from(readHar(JSON.stringify(doc))[0]!.body!.raw!)).toEqual(Array.from(bytes));
  });
});
