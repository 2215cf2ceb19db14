/**
 * The worker profile's reading (test/bench/measure/profile-concerns.mjs): a source map's VLQ mappings decoded to
 * the source file of a generated position, and a profile's busy time put to the concern of each sample's nearest
 * frame in Telltale's code, shared helpers counting for their caller.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM benchmark module
import { GC, NATIVE, byConcern, sourceLookup } from '../../bench/measure/profile-concerns.mjs';

// Line 0: column 0 is journal.ts, 5 is scan.ts, 10 is lib/util/url.ts; line 1: column 0 is url.ts again, 3 scan.ts.
// (Segments are column delta, source delta, line, column; in base64 VLQ "K" is +5, "G" +3, "C" +1, "D" -1.)
const map = {
  sources: ['../../../lib/store/journal.ts', '../../../lib/detect/scan.ts', '../../../lib/util/url.ts'],
  mappings: 'AAAA,KCAA,KCAA;AAAA,GDAA',
};
const script = 'chrome-extension://abc/background.js';

describe('sourceLookup', () => {
  const sourceOf = sourceLookup(map);
  it('gives the source of the last mapping at or before the column, on each line', () => {
    expect(sourceOf(0, 0)).toBe('lib/store/journal.ts');
    expect(sourceOf(0, 4)).toBe('lib/store/journal.ts');
    expect(sourceOf(0, 7)).toBe('lib/detect/scan.ts');
    expect(sourceOf(0, 99)).toBe('lib/util/url.ts');
    expect(sourceOf(1, 0)).toBe('lib/util/url.ts');
    expect(sourceOf(1, 3)).toBe('lib/detect/scan.ts');
  });
  it('gives nothing where no mapping names a source', () => {
    expect(sourceOf(7, 0)).toBeUndefined();
  });
});

describe('byConcern', () => {
  const frame = (id: number, functionName: string, url: string, columnNumber: number, children: number[] = []) => ({
    id,
    callFrame: { functionName, url, lineNumber: 0, columnNumber },
    children,
  });
  const profile = {
    nodes: [
      frame(1, '(root)', '', 0, [2, 4, 5, 6, 7]),
      frame(2, 'scanBody', script, 6, [3]),
      frame(3, 'parseUrl', script, 11),
      frame(4, '(garbage collector)', '', 0),
      frame(5, 'deepCopy', 'extensions::utils', 0),
      frame(6, '(idle)', '', 0),
      frame(7, 'put', script, 1),
    ],
    samples: [3, 3, 4, 5, 6, 7],
    timeDeltas: [100, 100, 50, 25, 1000, 30],
  };

  it('puts each busy sample to its nearest own frame, a shared helper counting for its caller', () => {
    const { busy, out } = byConcern(profile, sourceLookup(map), script);
    expect(busy).toBe(305);
    expect(Object.fromEntries(out)).toEqual({
      'classify (decode, detect, verdicts, redaction)': 200,
      [GC]: 50,
      [NATIVE]: 25,
      'journal (storage.session)': 30,
    });
  });

  it('names the files instead with byFile', () => {
    const { out } = byConcern(profile, sourceLookup(map), script, { byFile: true });
    expect(out.get('lib/detect/scan.ts')).toBe(200);
    expect(out.get('lib/store/journal.ts')).toBe(30);
  });
});
