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
import { batchText, batchUrl } from '../detect/batches';
import { exception, ndjson, ONECOLLECTOR, pageView, request } from './helpers';

function both(req: NormalizedRequest, profile = EDGE_SV) {
  const withHits = classifyRequest(req, { profile }, true);
  const without = classifyRequest(req, { profile }, false);
  return { withHits, without };
}

describe('classifyRequest with and without body hits', () => {
  it('gives the same annotation for fuzzed batches, with and without a profile', () => {
    fc.assert(
      fc.property(batchUrl, batchText, fc.boolean(), (u, text, withProfile) => {
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
