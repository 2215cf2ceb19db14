import { describe, expect, it } from 'vitest';
import { jsonTooDeep, parseJsonSafe, parseUrlEncoded, safeDecodeURIComponent } from '../../../../lib/decode/index';

describe('jsonTooDeep', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonTooDeep('[[[1]]]', 3)).toBe(false);
    expect(jsonTooDeep('[[[[1]]]]', 3)).toBe(true);
    expect(jsonTooDeep('["[[[[[[", {"a":"{{{{"}]', 2)).toBe(false);
  });

  it('honours escaped quotes and backslashes inside strings', () => {
    expect(jsonTooDeep('["\\"[[[[", 1]', 1)).toBe(false);
    expect(jsonTooDeep('["\\\\", [[1]]]', 2)).toBe(true);
  });
});

describe('parseJsonSafe', () => {
  it('never throws', () => {
    expect(parseJsonSafe('{')).toEqual({ ok: false, reason: 'invalid-json' });
    expect(parseJsonSafe('[1]')).toEqual({ ok: true, value: [1] });
  });
});

describe('urlencoded', () => {
  it('decodes + as space and leaves malformed escapes alone', () => {
    expect(safeDecodeURIComponent('a+b%20c')).toBe('a b c');
    expect(safeDecodeURIComponent('100%25 %ZZ %E2%82%AC')).toBe('100%25 %ZZ €'.replace('%25', '%'));
  });

  it('collects repeated keys', () => {
    expect({ ...parseUrlEncoded('a=1&&a=2&b') }).toEqual({ a: ['1', '2'], b: [''] });
  });
});
