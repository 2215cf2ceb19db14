import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readHarStream } from '../../../../lib/har/stream';
import { HarEntryScanner } from '../../../../lib/har/scanner';
import { readHar } from '../../../../lib/har/read';
import { HarError } from '../../../../lib/har/errors';

const fixtures = ['chrome-devtools.har', 'firefox-devtools.har', 'playwright-recordhar.har', 'telltale-export.har'].map((f) =>
  readFileSync(`test/fixtures/har/${f}`, 'utf8'),
);

/** Splits text at the given cut points (deduplicated, sorted). */
function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const p of points) {
    parts.push(text.slice(last, p));
    last = p;
  }
  parts.push(text.slice(last));
  return parts;
}

async function collect(chunks: Iterable<string>) {
  const out = [];
  for await (const r of readHarStream(chunks)) out.push(r);
  return out;
}

// Strings full of the characters that matter at chunk boundaries: quotes, backslashes, brackets, commas.
const tricky = fc.string({ unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', 'é', '\n', ' ') });

describe('streaming HAR reader', () => {
  it('gives the same requests as readHar for every way of cutting the fixtures', async () => {
    for (const text of fixtures) {
      const expected = readHar(text).map((request, index) => ({ index, request }));
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
          expect(await collect(split(text, cuts))).toEqual(expected);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('handles escapes, brackets and keys split anywhere, one character at a time too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tricky, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 30 }), async (values, cuts) => {
        const doc = {
          'lo\\g': { entries: [{ request: { url: 'https://decoy/' } }] },
          log: {
            pages: [{ id: 'p"1', title: values[0] }],
            comment: values.join(''),
            entries: values.map((v) => ({ request: { url: `https://a.example/${encodeURIComponent(v)}`, postData: { text: v } }, [`k${v}`]: [v, { v }] })),
          },
        };
        const text = JSON.stringify(doc, null, 1);
        const expected = readHar(text).map((request, index) => ({ index, request }));
        expect(await collect(split(text, cuts))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    const text = fixtures[0]!;
    expect(await collect(text.split(''))).toEqual(readHar(text).map((request, index) => ({ index, request })));
  });

  it('reads entries one at a time, before the document ends', () => {
    const scanner = new HarEntryScanner();
    const parsed = scanner.push('{"log":{"version":"1.2","entries":[{"request":{"url":"https://a/"}},{"request"');
    expect(parsed).toEqual([{ request: { url: 'https://a/' } }]);
    expect(scanner.push(':{"url":"https://b/"}}]}}')).toEqual([{ request: { url: 'https://b/' } }]);
    expect(() => scanner.end()).not.toThrow();
  });

  it.each([
    ['an empty file', ''],
    ['text that is not JSON', 'hello'],
    ['a truncated entry', '{"log":{"entries":[{"request":{"url":"https://a/"'],
    ['a truncated document', '{"log":{"entries":[]'],
    ['no entries', '{"log":{"pages":[]}}'],
    ['entries in the wrong place', '{"entries":[{"request":{"url":"https://a/"}}]}'],
    ['an invalid entry', '{"log":{"entries":[{"request":{"url":"https://a/"}},{"request":nope}]}}'],
    ['mismatched brackets', '{"log":{"entries":[]]}'],
    ['trailing garbage', '{"log":{"entries":[]}} x'],
  ])('throws HarError for %s', async (_, text) => {
    await expect(collect([text])).rejects.toBeInstanceOf(HarError);
  });

  it('names the entry that is malformed', async () => {
    await expect(collect(['{"log":{"entries":[{"request":{"url":"https://a/"}},{"request":nope}]}}'])).rejects.toThrow(/entry 1/);
  });
});
