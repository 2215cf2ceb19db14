/**
 * Body field outcomes are remembered across the bodies of one context (lib/detect/field-memo.ts): a body read
 * after others must give what it gives read first. A fresh copy of the profile has fresh needles, and so a
 * memo that has seen nothing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBody } from '../../../../lib/decode/index';
import { detect } from '../../../../lib/detect/index';
import type { BrowserProfile } from '../../../../lib/model';
import { forgetScans, memoFor } from '../../../../lib/detect/memo';
import { keyRoot } from '../../../../lib/detect/rule-index';
import { batchText, batchUrl } from './batches';
import { EDGE_SV, request } from './helpers';

function scan(url: string, text: string, profile: BrowserProfile) {
  const req = request(url, { body: { text, mimeType: 'application/x-json-stream' } });
  const heard: string[] = [];
  const det = detect(req, decodeBody(req.body), profile, undefined, (id, where, path) => heard.push(`${id} ${where} ${path}`));
  return { det, heard };
}

describe('body field outcomes remembered across bodies', () => {
  it('a body read after others gives what it gives read first', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(batchUrl, batchText), { minLength: 2, maxLength: 6 }), (bodies) => {
        const warm: BrowserProfile = { ...EDGE_SV };
        for (const [url, text] of bodies) {
          expect(scan(url, text, warm)).toEqual(scan(url, text, { ...EDGE_SV }));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a repeated field is found again in the next body, at its place there', () => {
    const warm: BrowserProfile = { ...EDGE_SV };
    const text = JSON.stringify({ name: 'x', ext: { os: { ver: '10.0' }, device: { localId: 'c:4f2a9c1e77d34b1a' } } });
    scan('https://browser.events.data.microsoft.com/OneCollector/1.0/', text, warm);
    const again = scan('https://browser.events.data.microsoft.com/OneCollector/1.0/', `${text}\n${text}`, warm);
    expect(again.det.signals.filter((e) => e.signal === 'os-version').map((e) => e.path)).toEqual(['body[0].ext.os.ver']);
    expect(again.heard.filter((h) => h.startsWith('device-id'))).toEqual(['device-id body body[0].ext.device.localId', 'device-id body body[1].ext.device.localId']);
  });

  it('keeps an entry the first body had no room for, for a body that has room', () => {
    // Placeholders of kept dumps: content whose entries the first body caps (MAX_EVIDENCE_PER_ID), no error marked.
    const dump = (i: number) => `[memory-dump: ${1000 + i} chars, sha256:${i.toString(16).padStart(12, '0')}]`;
    const url = 'https://browser.events.data.microsoft.com/OneCollector/1.0/';
    const run = (text: string, profile: BrowserProfile) => {
      const req = request(url, { body: { text, mimeType: 'application/x-json-stream' } });
      return detect(req, decodeBody(req.body), profile);
    };
    const warm: BrowserProfile = { ...EDGE_SV };
    const event = (i: number) => JSON.stringify({ name: 'x', data: { minidump: dump(i) } });
    // 17 distinct dumps, the first repeated in between so that the path stays remembered.
    const first = [event(0)];
    for (let i = 1; i <= 16; i++) first.push(event(i), event(0), event(0), event(0), event(0));
    expect(run(first.join('\n'), warm).contents.filter((c) => c.kind === 'memory-dump')).toHaveLength(16);
    const next = run(event(16), warm);
    expect(next).toEqual(run(event(16), { ...EDGE_SV }));
    expect(next.contents.map((c) => c.evidence.value)).toEqual([dump(16)]);
  });
});

describe('forgetting remembered scans (delete all)', () => {
  it('gives fresh memos and key paths, and detection answers the same afterwards', () => {
    const [url] = fc.sample(batchUrl, { numRuns: 1, seed: 7 });
    const [text] = fc.sample(batchText, { numRuns: 1, seed: 7 });
    const before = scan(url!, text!, EDGE_SV);
    const memo = memoFor(undefined);
    const body = keyRoot('body');
    forgetScans();
    expect(memoFor(undefined)).not.toBe(memo);
    expect(keyRoot('body')).not.toBe(body);
    expect(scan(url!, text!, EDGE_SV)).toEqual(before);
  });
});
