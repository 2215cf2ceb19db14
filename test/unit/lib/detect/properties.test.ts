import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONTENT_KIND_IDS, IDENTIFIER_IDS, SIGNAL_IDS } from '../../../../lib/policy/types';
import { decodeBody } from '../../../../lib/decode/index';
import { detect, type Detection } from '../../../../lib/detect/index';
import type { RequestBody } from '../../../../lib/model';
import { EDGE_SV, request } from './helpers';

const signals = new Set<string>(SIGNAL_IDS);
const kinds = new Set<string>([...CONTENT_KIND_IDS, ...IDENTIFIER_IDS]);

function wellFormed(det: Detection): void {
  expect(det.signals[0]?.where).toBe('connection');
  for (const e of det.signals) {
    expect(signals.has(e.signal ?? '')).toBe(true);
    expect(e.path.length).toBeGreaterThan(0);
    expect(typeof e.value).toBe('string');
  }
  for (const c of det.contents) {
    expect(kinds.has(c.kind)).toBe(true);
    expect(c.evidence.path.length).toBeGreaterThan(0);
  }
  expect(det.events.errors).toBeLessThanOrEqual(det.events.total);
}

const profile = fc.option(
  fc.record({
    userAgent: fc.option(fc.string(), { nil: undefined }),
    languages: fc.option(fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }), { nil: undefined }),
    timeZone: fc.option(fc.string(), { nil: undefined }),
    osVersion: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
  }),
  { nil: undefined },
);

// Bodies built from the shapes the engine knows, so generated data reaches the rules, not only the parser.
const knownKeys = fc.constantFrom('ext', 'os', 'ver', 'ai.device.os', 'Device.Id', 'UserAgent', 'Culture', 'stack', 'ip', 'name', 'baseType', 'exceptions', '__proto__', 'constructor', 'q', 'minidump');
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.constantFrom('ExceptionData', 'sv-SE', 'Europe/Stockholm', '192.0.2.1', 'Error: x\n    at f (a.js:1:2)', EDGE_SV.userAgent!),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(knownKeys, fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('decodeBody + detect never throw', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.string(), fc.webUrl(), profile, (raw, mimeType, url, p) => {
        const req = request(url, { body: { raw, mimeType } });
        wellFormed(detect(req, decodeBody(req.body), p));
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary strings as URL, header and body text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), profile, (url, header, text, p) => {
        const req = request(url, { headers: [{ name: header, value: text }], body: { text } });
        wellFormed(detect(req, decodeBody(req.body), p ?? EDGE_SV));
      }),
      { numRuns: 300 },
    );
  });

  it('on JSON-like values in every format', () => {
    fc.assert(
      fc.property(jsonish, fc.constantFrom('application/json', 'application/x-json-stream', 'text/plain', undefined), (v, mimeType) => {
        const text = JSON.stringify(v) ?? '';
        const nd = Array.isArray(v) ? v.map((x) => JSON.stringify(x) ?? 'null').join('\n') : text;
        for (const t of [text, nd]) {
          const body: RequestBody = mimeType ? { text: t, mimeType } : { text: t };
          const req = request('https://support.office.com/client/results?q=x&lcid=1053', { body });
          wellFormed(detect(req, decodeBody(req.body), EDGE_SV));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on malformed inputs that break the types', () => {
    const odd = [null, undefined, 42, 'x', [], {}, { raw: 'not bytes' }, { formData: { a: [1, null, {}] } }, { text: 7 }];
    for (const b of odd) {
      const decoded = decodeBody(b as unknown as RequestBody);
      wellFormed(detect({ url: 5, headers: [null, { name: 1 }], type: 'other' } as never, decoded, EDGE_SV));
      wellFormed(detect(request('https://x.test/'), b as never, { languages: 'sv' } as never));
    }
  });

  it('on a 100k-deep body that reached detect undecoded', () => {
    let deep: unknown = 'Europe/Stockholm';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const det = detect(request('https://x.test/'), { format: 'json', gzip: false, truncated: false, undecodable: false, size: 0, value: deep }, EDGE_SV);
    wellFormed(det);
  });
});
