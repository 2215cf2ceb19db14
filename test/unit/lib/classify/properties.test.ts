import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classify } from '../../../../lib/classify/index';
import { parseRules } from '../../../../lib/classify/rules';
import type { NormalizedRequest } from '../../../../lib/model';
import { VERDICTS } from '../../../../lib/policy/types';

const hosts = fc.constantFrom(
  'browser.events.data.microsoft.com',
  'dc.services.visualstudio.com',
  'sas.office.microsoft.com',
  'support.office.com',
  'teams.microsoft.com',
  'tracker.example.net',
  'umwatsonc.events.data.microsoft.com',
);
const paths = fc.constantFrom('/OneCollector/1.0/', '/v2/track', '/upload.ashx', '/client/results', '/registrar/prod/V3/registrations', '/', '');
const url = fc.oneof(
  fc.tuple(hosts, paths, fc.string()).map(([h, p, q]) => `https://${h}${p}?${encodeURIComponent(q)}&lcid=1053`),
  fc.string(),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);
const jsonish = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
const telemetryEvent = fc.record({
  name: fc.constantFrom('Office.PageView', 'Office.Exception', 'x'),
  ext: fc.record({ os: fc.record({ name: fc.string(), ver: fc.string() }), device: fc.record({ localId: fc.string() }) }, { requiredKeys: [] }),
  data: fc.record({ baseType: fc.constantFrom('ExceptionData', 'EventData'), stack: fc.string() }, { requiredKeys: [] }),
});
const body = fc.oneof(
  fc.constant(undefined),
  jsonish.map((text) => ({ text, mimeType: 'application/json' })),
  fc.array(telemetryEvent, { maxLength: 5 }).map((events) => ({ text: events.map((e) => JSON.stringify(e)).join('\n'), mimeType: 'application/x-json-stream' })),
  fc.uint8Array({ maxLength: 300 }).map((raw) => ({ raw })),
  fc.string().map((text) => ({ text })),
  fc.dictionary(fc.string(), fc.array(fc.string())).map((formData) => ({ formData })),
);
const headers = fc.array(
  fc.record({ name: fc.constantFrom('User-Agent', 'Accept-Language', 'sec-ch-ua-platform', 'X-Other'), value: fc.string() }),
  { maxLength: 4 },
);
const requestArb: fc.Arbitrary<NormalizedRequest> = fc
  .record({ url, method: fc.constantFrom('GET', 'POST'), headers, body, type: fc.constant('fetch' as const), time: fc.integer() })
  .map(({ body: b, ...rest }) => (b === undefined ? rest : { ...rest, body: b }));

const rules = parseRules(JSON.stringify({ fields: [{ key: 'name', kind: 'session-id' }, { key: 'os.ver', signal: 'os-version' }] }));

describe('classify properties', () => {
  it('never throws and never reports an item or finding without evidence', () => {
    fc.assert(
      fc.property(requestArb, fc.boolean(), fc.boolean(), (req, raw, withRules) => {
        const a = classify(req, { raw, ...(withRules ? { rules } : {}) });
        expect(a.features.length).toBeGreaterThan(0);
        for (const flow of [...a.items, ...a.findings]) {
          expect(flow.evidence.length).toBeGreaterThan(0);
          expect(VERDICTS).toContain(flow.verdict);
        }
        if (!raw) for (const flow of a.items) for (const e of flow.evidence) expect(e.value.length).toBeLessThanOrEqual(48);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on hostile input shapes', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const a = classify(junk as NormalizedRequest);
        expect(Array.isArray(a.items)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
