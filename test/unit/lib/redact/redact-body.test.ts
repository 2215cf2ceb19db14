/**
 * The redacted body on hand-made requests: every format, the evidence caps, content recurring outside the
 * fields the rules name, whole-body content, gzip, binary, the size cap, raw mode; and the placeholders
 * detection recognises.
 */
import { gzipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, classifyKeepingBody } from '../../../../lib/classify/index';
import { KEPT_BODY_MAX_BYTES, keptBody } from '../../../../lib/redact/body';
import { parseBodyPath } from '../../../../lib/redact/body-replace';
import { decodeBody } from '../../../../lib/decode/index';
import { redactObservationBody, requestOfObservation } from '../../../../lib/classify/kept-body';
import { fingerprintContent, maskIdentifier } from '../../../../lib/redact/value';
import { redactedKind } from '../../../../lib/redact/placeholder';
import { formatPath } from '../../../../lib/detect/paths';
import { MAX_EVIDENCE_PER_ID } from '../../../../lib/detect/limits';
import { CONTENT_KIND_IDS, IDENTIFIER_IDS } from '../../../../lib/policy/types';
import type { Observation, ObservationBody, Annotation, NormalizedRequest, RequestBody } from '../../../../lib/model';

const ONECOLLECTOR = 'https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true';
const SAS = 'https://sas.office.microsoft.com/upload.ashx';

function post(url: string, body: RequestBody, headers: NormalizedRequest['headers'] = []): NormalizedRequest {
  return { url, method: 'POST', headers, body, type: 'xmlhttprequest', time: 0 };
}

function shape(a: Annotation) {
  return {
    features: a.features,
    items: a.items.map((x) => [x.item, x.verdict]),
    findings: a.findings.map((x) => [x.kind, x.verdict]),
    purposes: a.purposes,
  };
}

function kept(request: NormalizedRequest, mode: 'redacted' | 'raw' = 'redacted'): { annotation: Annotation; body: ObservationBody } {
  const out = classifyKeepingBody(request, {}, mode);
  expect(out.body, 'a body is kept').toBeDefined();
  return { annotation: out.annotation, body: out.body! };
}

/** The request as `telltale check` reads it back from the kept body. */
function rebuilt(request: NormalizedRequest, body: ObservationBody): NormalizedRequest {
  const b: RequestBody =
    body.encoding === 'base64' ? { raw: Uint8Array.from(Buffer.from(body.text, 'base64')) } : { text: body.text };
  if (body.mimeType) b.mimeType = body.mimeType;
  return { ...request, body: b };
}

function expectSameAgain(request: NormalizedRequest, body: ObservationBody, annotation: Annotation): void {
  expect(shape(classify(rebuilt(request, body)))).toEqual(shape(annotation));
}

const stack = (i: number) => `TypeError: item ${i} is undefined\n    at render${i} (https://teams.microsoft.com/app.js:${i + 10}:5)`;
const event = (i: number, error: boolean) => ({
  name: error ? 'Teams.ClientError' : 'Teams.PanelView',
  time: '2026-11-29T01:45:11.840Z',
  ver: '4.0',
  ext: { os: { name: 'Windows', ver: '10.0.22631' }, user: { localId: `u:${String(i).padStart(8, '0')}-aaaa-bbbb` } },
  data: error ? { details: stack(i) } : { panel: 'chat' },
});
const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n');

describe('placeholders', () => {
  it('detection recognises the fingerprint of every content kind, and nothing else', () => {
    for (const kind of CONTENT_KIND_IDS) expect(redactedKind(fingerprintContent(kind, 'some text'))).toBe(kind);
    for (const kind of IDENTIFIER_IDS) {
      expect(redactedKind(maskIdentifier('3f2a9c1e-0000'))).toBeUndefined();
      expect(redactedKind(fingerprintContent(kind, 'x'))).toBeUndefined();
    }
    for (const s of ['[]', '[error-report]', '[error-report: 12 chars, sha256:XYZ]', ' [error-report: 1 chars, sha256:0123456789ab]', 12]) {
      expect(redactedKind(s)).toBeUndefined();
    }
  });

  it('evidence paths parse back into the segments they were formatted from', () => {
    const segment = fc.oneof(fc.nat(1000), fc.string({ maxLength: 12 }), fc.constantFrom('ai.user.id', 'a"b', 'x\\y', '__proto__', '0'));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segs) => {
        expect(parseBodyPath(formatPath('body', segs))).toEqual(segs);
      }),
    );
    expect(parseBodyPath('url:query.q')).toBeUndefined();
    expect(parseBodyPath('body.ctx~base64')).toEqual(['ctx']);
  });
});

describe('redacted body', () => {
  it('replaces every content value and identifier, also past the evidence caps', () => {
    const n = MAX_EVIDENCE_PER_ID * 3;
    const events = Array.from({ length: n }, (_, i) => event(i, i % 2 === 0));
    const request = post(ONECOLLECTOR, { text: ndjson(events), mimeType: 'application/x-json-stream' });
    const { annotation, body } = kept(request);
    // The annotation keeps at most MAX_EVIDENCE_PER_ID entries per kind; the body is redacted everywhere.
    expect(annotation.findings.find((f) => f.kind === 'user-id')!.evidence.length).toBeLessThanOrEqual(MAX_EVIDENCE_PER_ID);
    for (let i = 0; i < n; i++) {
      expect(body.text).not.toContain(`u:${String(i).padStart(8, '0')}-aaaa-bbbb`);
      expect(body.text).not.toContain(`render${i} (`);
    }
    expect(body.text.split('\n')).toHaveLength(n);
    expect(body.text).toContain('"ver":"10.0.22631"');
    expect(annotation.features).toEqual(['standard-computer-information', 'error-reporting']);
    expectSameAgain(request, body, annotation);
  });

  it('keeps which events are errors: a batch of errors only stays an error report', () => {
    const request = post(ONECOLLECTOR, { text: ndjson([event(1, true), event(2, true)]), mimeType: 'application/x-json-stream' });
    const { annotation, body } = kept(request);
    expect(annotation.features).toEqual(['error-reporting']);
    expectSameAgain(request, body, annotation);
  });

  it('replaces content where it recurs in fields no rule names', () => {
    const id = 'u:5f2b8a1e-77c4-4b1d-9a0e-3c6d2f1b8e90';
    const e = { name: 'Office.Share', ext: { user: { localId: id } }, data: { owner: id, link: `https://x.sharepoint.com/users/${id}/docs` } };
    const request = post(ONECOLLECTOR, { text: JSON.stringify(e), mimeType: 'application/json' });
    const { annotation, body } = kept(request);
    expect(body.text).not.toContain(id);
    expect(JSON.parse(body.text).data).toEqual({ owner: maskIdentifier(id), link: `https://x.sharepoint.com/users/${maskIdentifier(id)}/docs` });
    expectSameAgain(request, body, annotation);
  });

  it('replaces a body that is content as a whole (feedback text)', () => {
    const text = 'Kalendern laddar långsamt när jag byter vecka';
    const request = post(SAS, { text, mimeType: 'text/plain' });
    const { annotation, body } = kept(request);
    expect(body.text).toBe(fingerprintContent('feedback-content', text));
    expect(annotation.findings.map((f) => f.kind)).toEqual(['feedback-content']);
    expectSameAgain(request, body, annotation);
  });

  it('a stack found by its shape in a field of any name is found again from its placeholder', () => {
    const request = post('https://dc.services.visualstudio.com/v2/track', { text: JSON.stringify({ name: 'Page', tags: {}, data: { details: stack(3) } }), mimeType: 'application/json' });
    const { annotation, body } = kept(request);
    expect(body.text).toContain(`"details":"${fingerprintContent('error-report', stack(3))}"`);
    expect(annotation.features).toContain('error-reporting');
    expectSameAgain(request, body, annotation);
  });

  it('placeholders under error-report keys are found again by their keys, at the same paths', () => {
    const envelope = {
      name: 'Microsoft.ApplicationInsights.x.Exception',
      time: '2026-11-29T01:46:05.980Z',
      iKey: 'x',
      tags: {},
      data: { baseType: 'ExceptionData', baseData: { exceptions: [{ message: 'x is undefined', stack: stack(1) }] } },
    };
    const request = post('https://dc.services.visualstudio.com/v2/track', { text: JSON.stringify([envelope]), mimeType: 'application/json' });
    const { annotation, body } = kept(request);
    const again = classify(rebuilt(request, body)).findings.find((f) => f.kind === 'error-report')!.evidence;
    for (const path of ['body[0].data.baseType', 'body[0].data.baseData.exceptions']) {
      expect(again).toContainEqual(expect.objectContaining({ path, matchedBy: 'key' }));
    }
    expectSameAgain(request, body, annotation);
  });

  it('form data and urlencoded bodies, with JSON inside a field', () => {
    const ctx = JSON.stringify({ userId: 'abcdef12-3456', os: 'Windows' });
    const form = post(SAS, { formData: { comment: ['Det går inte att dela'], ctx: [ctx], tag: ['a', 'b'] } });
    const f = kept(form);
    expect(f.body.mimeType).toBe('application/x-www-form-urlencoded');
    expect(f.body.text).not.toContain('abcdef12-3456');
    expect(f.body.text).not.toContain(encodeURIComponent('Det går inte att dela'));
    expect(f.body.text).toContain('tag=a&tag=b');
    expectSameAgain(form, f.body, f.annotation);

    const text = `comment=${encodeURIComponent('Det går inte')}&userId=abcdef12-3456&osVersion=10.0`;
    const urlencoded = post(SAS, { text, mimeType: 'application/x-www-form-urlencoded' });
    const u = kept(urlencoded);
    expect(u.body.text).toBe(`comment=${encodeURIComponent(fingerprintContent('feedback-content', 'Det går inte'))}&userId=${encodeURIComponent(maskIdentifier('abcdef12-3456'))}&osVersion=10.0`);
    expectSameAgain(urlencoded, u.body, u.annotation);
  });

  it('keeps a gzip body inflated and says so', () => {
    const text = ndjson([event(1, false), event(2, true)]);
    const request = post(ONECOLLECTOR, { raw: gzipSync(new TextEncoder().encode(text)), mimeType: 'application/x-json-stream' });
    const { annotation, body } = kept(request);
    expect(body).toMatchObject({ gzip: true, redacted: true, truncated: false, mimeType: 'application/x-json-stream' });
    expect(body.encoding).toBeUndefined();
    expect(JSON.parse(body.text.split('\n')[0]!).ext.os.ver).toBe('10.0.22631');
    expectSameAgain(request, body, annotation);
  });

  it('keeps a binary body as base64, and a minidump as its placeholder', () => {
    const bytes = new Uint8Array([0x00, 0x01, 0xff, 0xfe, ...new TextEncoder().encode(' Windows NT 10.0 '), 0x00, 0x00]);
    const request = post(ONECOLLECTOR, { raw: bytes, mimeType: 'application/octet-stream' });
    const b = kept(request);
    expect(b.body.encoding).toBe('base64');
    expect(Array.from(Buffer.from(b.body.text, 'base64'))).toEqual(Array.from(bytes));
    expectSameAgain(request, b.body, b.annotation);

    const dump = new Uint8Array([...new TextEncoder().encode('MDMP'), 0x93, 0xa7, 0x00, 0x00, ...new Array(64).fill(0)]);
    const crash = post('https://watson.telemetry.microsoft.com/Submit', { raw: dump, mimeType: 'application/octet-stream' });
    const c = kept(crash);
    expect(redactedKind(c.body.text)).toBe('memory-dump');
    expect(c.annotation.findings.map((f) => f.kind)).toEqual(['memory-dump']);
    expectSameAgain(crash, c.body, c.annotation);
  });

  it('caps the body: whole NDJSON lines, whole JSON array elements, text cut between characters', () => {
    const events = Array.from({ length: 300 }, (_, i) => event(i, false));
    const lines = post(ONECOLLECTOR, { text: ndjson(events), mimeType: 'application/x-json-stream' });
    const l = kept(lines).body;
    expect(l.truncated).toBe(true);
    expect(Buffer.byteLength(l.text)).toBeLessThanOrEqual(KEPT_BODY_MAX_BYTES);
    const kept1 = l.text.split('\n');
    expect(kept1.length).toBeGreaterThan(10);
    expect(kept1.length).toBeLessThan(300);
    for (const line of kept1) expect(() => JSON.parse(line)).not.toThrow();

    const array = post('https://dc.services.visualstudio.com/v2/track', { text: JSON.stringify(events), mimeType: 'application/json' });
    const a = kept(array).body;
    expect(a.truncated).toBe(true);
    expect(Buffer.byteLength(a.text)).toBeLessThanOrEqual(KEPT_BODY_MAX_BYTES);
    expect((JSON.parse(a.text) as unknown[]).length).toBeGreaterThan(10);

    const emoji = post('https://example.com/upload', { text: '😀'.repeat(KEPT_BODY_MAX_BYTES), mimeType: 'text/plain' });
    const t = kept(emoji).body;
    expect(t.truncated).toBe(true);
    expect(t.text).toBe('😀'.repeat(KEPT_BODY_MAX_BYTES / 4));

    const small = post(ONECOLLECTOR, { text: ndjson(events.slice(0, 2)), mimeType: 'application/x-json-stream' });
    expect(kept(small).body.truncated).toBe(false);
  });

  it('redacts under prototype keys without touching any prototype', () => {
    const text = '{"__proto__":{"userId":"abcdef12-3456-7890"},"constructor":{"sessionId":"0123456789abcdef"},"os":{"osVersion":"10.0"}}';
    const request = post(ONECOLLECTOR, { text, mimeType: 'application/json' });
    const { annotation, body } = kept(request);
    expect(body.text).toBe(
      `{"__proto__":{"userId":"${maskIdentifier('abcdef12-3456-7890')}"},"constructor":{"sessionId":"${maskIdentifier('0123456789abcdef')}"},"os":{"osVersion":"10.0"}}`,
    );
    expect(({} as Record<string, unknown>).userId).toBeUndefined();
    expectSameAgain(request, body, annotation);
  });

  it('keeps a body with nothing to redact byte for byte', () => {
    const text = '{ "name": "Office.PageView",\n  "ext": { "os": { "ver": "10.0" } } }';
    const request = post(ONECOLLECTOR, { text, mimeType: 'application/json' });
    expect(kept(request).body.text).toBe(text);
  });

  it('keeps no body rather than one whose content it could not find again', () => {
    const request = post(ONECOLLECTOR, { text: '{"data":{"note":"private words here"}}', mimeType: 'application/json' });
    const decoded = decodeBody(request.body);
    const options = { mode: 'redacted' as const, isIdentifier: () => false };
    expect(keptBody(request, decoded, { ...options, hits: [{ kind: 'feedback-content', path: 'body.data.note' }] })!.text).not.toContain('private');
    expect(keptBody(request, decoded, { ...options, hits: [{ kind: 'feedback-content', path: 'body.data.missing' }] })).toBeUndefined();
    expect(keptBody(request, decoded, { ...options, hits: [{ kind: 'feedback-content', path: 'url:query.q' }] })).toBeUndefined();
  });

  it('keeps no body for a request without one', () => {
    expect(classifyKeepingBody({ url: ONECOLLECTOR, method: 'GET', headers: [], type: 'fetch', time: 0 }, {}, 'redacted').body).toBeUndefined();
    expect(classifyKeepingBody(post(ONECOLLECTOR, { error: 'Unknown error.' }), {}, 'redacted').body).toBeUndefined();
  });
});

describe('raw body (a recording with raw evidence)', () => {
  const id = 'u:5f2b8a1e-77c4-4b1d-9a0e-3c6d2f1b8e90';
  const text = JSON.stringify({ name: 'Office.PageView', ext: { user: { localId: id }, os: { ver: '10.0' } } });
  const request = post(ONECOLLECTOR, { text, mimeType: 'application/json' });

  it('is the body as sent', () => {
    const { body } = kept(request, 'raw');
    expect(body).toEqual({ text, mimeType: 'application/json', redacted: false, truncated: false });
  });

  it('redacts, for a redacted export, exactly as a body kept redacted from the start', () => {
    const { annotation, body } = kept(request, 'raw');
    const obs: Observation = {
      requestId: '1',
      time: 0,
      tabId: 1,
      frameId: 0,
      clientOrigin: 'https://outlook.office.com',
      url: request.url,
      method: 'POST',
      type: 'xmlhttprequest',
      status: 200,
      requestSize: text.length,
      headers: [],
      annotation,
      body,
    };
    const redacted = redactObservationBody(obs)!;
    expect(redacted).toEqual(kept(request).body);
    expect(redacted.text).not.toContain(id);
    expect(shape(classify(requestOfObservation(obs, redacted)))).toEqual(shape(annotation));
    expect(redactObservationBody({ ...obs, body: redacted })).toBe(redacted);
  });
});
