import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildHar, postDataOf } from '../../../../lib/export/har';
import { readHar } from '../../../../lib/har/read';
import { sha256Hex } from '../../../../lib/util/sha256';
import { classify } from '../../../../lib/classify/index';
import type { Observation, RequestBody } from '../../../../lib/model';
import { context, observationOf, observations, POLICY_TEXT, requests } from './helpers';

const require = createRequire(import.meta.url);
const harValidator = require('har-validator') as { har: (data: unknown) => Promise<unknown> };

/** Every path in a JSON value whose value is null. */
function nullPaths(value: unknown, path = '$'): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nullPaths(v, `${path}[${i}]`));
  if (typeof value === 'object') return Object.entries(value as object).flatMap(([k, v]) => nullPaths(v, `${path}.${k}`));
  return [];
}

describe('HAR 1.2 writer', () => {
  const obs = observations(9);
  const har = buildHar(obs, context());
  const roundTripped = JSON.parse(JSON.stringify(har));

  it('passes the HAR 1.2 schema validator', async () => {
    await expect(harValidator.har(roundTripped)).resolves.toBeTruthy();
  });

  it('rejects what the validator should reject (the validator is live)', async () => {
    const broken = JSON.parse(JSON.stringify(har));
    delete broken.log.entries[0].timings;
    await expect(harValidator.har(broken)).rejects.toBeTruthy();
  });

  it('avoids the DevTools importer traps', () => {
    expect(nullPaths(roundTripped)).toEqual([]);
    expect(har.log.pages.length).toBeGreaterThanOrEqual(1);
    for (const e of har.log.entries) {
      expect(e.pageref).toBe(har.log.pages[0]!.id);
      expect(e.request.httpVersion).toMatch(/^HTTP\/\d(\.\d)?$/);
      expect(e.response.httpVersion).toMatch(/^HTTP\/\d(\.\d)?$/);
      expect(typeof e.response.content.size).toBe('number');
      expect(typeof e.response.content.mimeType).toBe('string');
      expect(e.cache).toEqual({});
      for (const k of ['send', 'wait', 'receive'] as const) expect(e.timings[k]).toBeGreaterThanOrEqual(0);
      expect(e.time).toBeGreaterThanOrEqual(0);
      expect(Number.isNaN(Date.parse(e.startedDateTime))).toBe(false);
      expect(typeof e.request.bodySize).toBe('number');
    }
  });

  it('keeps each observation and its annotation in _telltale, in order', () => {
    har.log.entries.forEach((e, i) => {
      expect(e._telltale.index).toBe(i);
      expect(e.request.url).toBe(obs[i]!.url);
      expect(e._telltale.annotation).toEqual(obs[i]!.annotation);
      expect(e._telltale.chain).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  it('writes the manifest: version, policy id and hash of the shipped text, browser, times, count, chain head', () => {
    const m = har.log._telltale.manifest;
    expect(m.extensionVersion).toBe('0.1.0');
    expect(m.policy).toEqual({ id: 'lync-2012', sha256: sha256Hex(POLICY_TEXT) });
    expect(m.browser).toBe('Chromium 156');
    expect(m.entryCount).toBe(9);
    expect(m.source.startedAt).toBe(new Date(context().source.startedAt).toISOString());
    expect(m.firstEntryAt).toBe(new Date(obs[0]!.time).toISOString());
    expect(m.lastEntryAt).toBe(new Date(obs[8]!.time).toISOString());
    expect(m.chain!.head).toBe(har.log.entries[8]!._telltale.chain);
    expect(m.redacted).toBe(true);
  });

  it('reads back (HAR reader) as the same requests: url, method, headers, type, initiator', () => {
    const back = readHar(JSON.stringify(har));
    expect(back.map((r) => [r.url, r.method, r.headers, r.type, r.initiator, r.time])).toEqual(
      obs.map((o) => [o.url, o.method, o.headers, o.type, o.clientOrigin, o.time]),
    );
  });

  it('keeps non-ASCII text as UTF-8 characters', () => {
    const req = { ...requests(2)[1]!, url: 'https://support.office.com/client/results?query=s%C3%B6k&title=räksmörgås' };
    const doc = buildHar([observationOf(req, 0)], context());
    const text = JSON.stringify(doc);
    expect(text).toContain('räksmörgås');
    expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(text))).toBe(text);
  });
});

describe('request bodies (raw exports only)', () => {
  const gzip = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x10, 0x80]);
  const invalidUtf8 = new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]);

  it('writes UTF-8 bodies as text and binary or gzip bodies as base64 with encoding', () => {
    expect(postDataOf({ raw: new TextEncoder().encode('{"a":"ö"}'), mimeType: 'application/json' })).toEqual({ mimeType: 'application/json', text: '{"a":"ö"}' });
    expect(postDataOf({ raw: gzip })).toMatchObject({ encoding: 'base64', text: Buffer.from(gzip).toString('base64') });
    expect(postDataOf({ raw: invalidUtf8 })).toMatchObject({ encoding: 'base64', text: Buffer.from(invalidUtf8).toString('base64') });
    expect(postDataOf({ formData: { a: ['1', '2'], 'b c': ['='] } })).toMatchObject({ text: 'a=1&a=2&b%20c=%3D' });
  });

  it('binary bodies survive the round trip through the HAR reader byte for byte', () => {
    const o: Observation = { ...observations(1)[0]! };
    const bodies = new Map<Observation, RequestBody>([[o, { raw: invalidUtf8, mimeType: 'application/octet-stream' }]]);
    const ctx = context({ raw: true, source: { ...context().source, rawEvidence: true } });
    const doc = buildHar([o], ctx, { requestBody: (x) => bodies.get(x) });
    const back = readHar(JSON.stringify(doc));
    expect(Array.from(back[0]!.body!.raw!)).toEqual(Array.from(invalidUtf8));
  });

  it('leaves bodies out of redacted exports', () => {
    const o = observations(1)[0]!;
    const doc = buildHar([o], context(), { requestBody: () => ({ text: 'secret feedback' }) });
    expect(doc.log.entries[0]!.request.postData).toBeUndefined();
  });

  it('a raw export with the bodies is re-annotated identically by the engine', () => {
    const reqs = requests(6);
    const obs = reqs.map((r, i) => observationOf(r, i, true));
    const byObs = new Map(obs.map((o, i) => [o, reqs[i]!.body]));
    const ctx = context({ raw: true, source: { ...context().source, rawEvidence: true } });
    const doc = buildHar(obs, ctx, { requestBody: (o) => byObs.get(o) });
    const back = readHar(JSON.stringify(doc));
    back.forEach((r, i) => expect(classify(r, { raw: true })).toEqual(obs[i]!.annotation));
  });
});

describe('redaction', () => {
  const rawObs = observations(3, true);
  const hasRawId = (doc: ReturnType<typeof buildHar>) => JSON.stringify(doc.log.entries.map((e) => e._telltale.annotation)).includes('3f2a9c1e-aaaa-bbbb-cccc-1234567890ab');

  it('the fixture really carries a raw identifier', () => {
    expect(JSON.stringify(rawObs.map((o) => o.annotation))).toContain('3f2a9c1e-aaaa-bbbb-cccc-1234567890ab');
  });

  it('redacts a raw-evidence recording by default', () => {
    const doc = buildHar(rawObs, context({ source: { ...context().source, rawEvidence: true } }));
    expect(hasRawId(doc)).toBe(false);
    expect(doc.log._telltale.manifest.redacted).toBe(true);
  });

  it('keeps raw values only when asked and the recording had raw evidence', () => {
    const doc = buildHar(rawObs, context({ raw: true, source: { ...context().source, rawEvidence: true } }));
    expect(hasRawId(doc)).toBe(true);
    expect(doc.log._telltale.manifest.redacted).toBe(false);
    const refused = buildHar(observations(3), context({ raw: true }));
    expect(refused.log._telltale.manifest.redacted).toBe(true);
  });
});
