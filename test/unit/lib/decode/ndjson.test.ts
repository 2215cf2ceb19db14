/** NDJSON line by line: the same values whatever the line endings, blank lines or a bad line among good ones. */
import { describe, expect, it } from 'vitest';
import { decodeBody, MAX_JSON_DEPTH, MAX_NDJSON_LINES } from '../../../../lib/decode/index';
import { fewOpeners, jsonTooDeep, parseJsonSafe } from '../../../../lib/decode/json';

const ndjson = (text: string) => decodeBody({ text, mimeType: 'application/x-json-stream' });

describe('NDJSON lines', () => {
  it('reads CRLF endings, blank and space-only lines and surrounding whitespace the same as plain lines', () => {
    const plain = ndjson('{"a":1}\n{"b":"sv-SE"}\n[3]');
    const messy = ndjson('\r\n  {"a":1}\t\r\n\r\n   \n\u00a0{"b":"sv-SE"}\u00a0\r\n[3]\n\n');
    expect(plain.value).toEqual([{ a: 1 }, { b: 'sv-SE' }, [3]]);
    expect(messy.value).toEqual(plain.value);
    expect(messy.reason).toBeUndefined();
  });

  it('keeps a bad line as its text between parsed neighbours and names the first reason', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    const d = ndjson(`{"a":1}\nnot json\n${deep}\n{"b":2}`);
    expect(d.value).toEqual([{ a: 1 }, 'not json', deep, { b: 2 }]);
    expect(d.reason).toBe('invalid-json');
    expect(ndjson(`{"a":1}\n${deep}`).reason).toBe('json-too-deep');
  });

  it('does not merge lines: a line holding two documents, or one document split over two lines, stays text', () => {
    expect(ndjson('{"a":1},{"b":2}\n{"c":3}').value).toEqual(['{"a":1},{"b":2}', { c: 3 }]);
    expect(ndjson('[1\n2]\n3,4').value).toEqual(['[1', '2]', '3,4']);
  });

  it('stops after MAX_NDJSON_LINES lines and says the body was cut', () => {
    const d = ndjson('{"n":1}\n'.repeat(MAX_NDJSON_LINES + 5));
    expect((d.value as unknown[]).length).toBe(MAX_NDJSON_LINES);
    expect(d.truncated).toBe(true);
    expect(ndjson('{"n":1}\n'.repeat(MAX_NDJSON_LINES)).truncated).toBe(false);
  });

  it('keeps only whole lines of a body cut at the cap, the last one as text', () => {
    const text = Array.from({ length: 50 }, (_, i) => JSON.stringify({ seq: i, pad: 'x'.repeat(40) })).join('\n');
    const d = decodeBody({ text, mimeType: 'application/x-json-stream' }, { maxBytes: 1000 });
    const values = d.value as unknown[];
    expect(d.truncated).toBe(true);
    expect(values.slice(0, -1).every((v) => typeof v === 'object')).toBe(true);
    expect(typeof values[values.length - 1]).toBe('string');
    expect(d.reason).toBe('truncated-json');
  });
});

describe('fewOpeners: the shortcut before the depth scan', () => {
  it('holds only when there are at most max opening brackets, in strings or not', () => {
    expect(fewOpeners('{"a":[1,{"b":2}]}', 3)).toBe(true);
    expect(fewOpeners('{"a":[1,{"b":2}]}', 2)).toBe(false);
    expect(fewOpeners('{"s":"[[[["}', 4)).toBe(false);
  });

  it('never hides nesting that jsonTooDeep sees', () => {
    for (const text of ['[[[[]]]]', '{"a":{"b":{"c":[]}}}', '"[[[[[["', '[{"x":"{{"},[[]]]']) {
      for (let max = 0; max < 8; max++) {
        if (fewOpeners(text, max)) expect(jsonTooDeep(text, max), `${text} ${max}`).toBe(false);
      }
    }
    expect(parseJsonSafe('['.repeat(70) + ']'.repeat(70))).toEqual({ ok: false, reason: 'json-too-deep' });
    expect(parseJsonSafe('['.repeat(64) + ']'.repeat(64)).ok).toBe(true);
  });
});
