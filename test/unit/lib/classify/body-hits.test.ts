/**
 * classifyRequest collects the place of every content value and identifier of a body only for callers that keep
 * a redacted body (bodyHits = true); the others skip that work, remembered fields of a batch included
 * (lib/detect/field-memo.ts). The annotation must not depend on it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyRequest } from '../../../../lib/classify/index';
import type { NormalizedRequest } from '../../../../lib/model';
import { EDGE_SV } from '../detect/helpers';
import { exception, ndjson, ONECOLLECTOR, pageView, request } from './helpers';

// A small pool of values, so the events of a batch repeat fields (and values) as real batches do.
const value = fc.oneof(
  fc.constantFrom('Windows', '10.0', 'sv-SE', 'Edge', '1920x1080', 'Europe/Stockholm', 'c:4f2a9c1e77d34b1a', '10.0.0.7', ''),
  fc.constantFrom('TypeError: x\n    at f (https://teams.microsoft.com/a.js:1:2)\n    at g (a.js:2:3)', '[error-report: 40 chars, sha256:9f86d081884c]'),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 0, max: 3 }),
);
const event = fc.record(
  {
    name: fc.constantFrom('Office.PageView', 'Office.Exception', 'Teams.PanelAction'),
    ext: fc.record(
      {
        os: fc.record({ name: value, ver: value }, { requiredKeys: [] }),
        device: fc.record({ localId: value }, { requiredKeys: [] }),
        user: fc.record({ localId: value, locale: value }, { requiredKeys: [] }),
        app: fc.record({ sesId: value }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    data: fc.dictionary(fc.constantFrom('message', 'stack', 'query', 'text', 'zone', 'ip', 'seq', 'baseType'), value, { maxKeys: 4 }),
  },
  { requiredKeys: ['name'] },
);
const batch = fc.array(event, { minLength: 1, maxLength: 12 }).map((events) => ndjson(...events));
const url = fc.constantFrom(ONECOLLECTOR, 'https://dc.services.visualstudio.com/v2/track', 'https://support.office.com/client/results?lcid=1053');

function both(req: NormalizedRequest, profile = EDGE_SV) {
  const withHits = classifyRequest(req, { profile }, true);
  const without = classifyRequest(req, { profile }, false);
  return { withHits, without };
}

describe('classifyRequest with and without body hits', () => {
  it('gives the same annotation for fuzzed batches, with and without a profile', () => {
    fc.assert(
      fc.property(url, batch, fc.boolean(), (u, text, withProfile) => {
        const req = request(u, { text, mimeType: 'application/x-json-stream' });
        const { withHits, without } = both(req, withProfile ? EDGE_SV : undefined);
        expect(without.annotation).toEqual(withHits.annotation);
        expect(without.bodyHits).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('still lists every occurrence of a repeated identifier when asked', () => {
    const ev = (i: number) => ({ ...pageView, ext: { ...pageView.ext, device: { localId: 'c:4f2a9c1e77d34b1a' } }, data: { seq: i } });
    const req = request(ONECOLLECTOR, { text: ndjson(ev(0), ev(1), exception, ev(2)), mimeType: 'application/x-json-stream' });
    const { withHits, without } = both(req);
    expect(without.annotation).toEqual(withHits.annotation);
    expect(withHits.bodyHits.filter((h) => h.kind === 'device-id').map((h) => h.path)).toEqual([
      'body[0].ext.device.localId',
      'body[1].ext.device.localId',
      'body[3].ext.device.localId',
    ]);
  });
});
