import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../../lib/decode/index';
import { parseJsonLenient, toStrictJson } from '../../../../lib/decode/lenient-json';

describe('near-JSON', () => {
  it('drops trailing commas and comments, and double-quotes single-quoted strings', () => {
    expect(JSON.parse(toStrictJson(`{"a":[1,2,],'b':'it\\'s "x"', // note\n /* c */ "c":{"d":1,},}`))).toEqual({
      a: [1, 2],
      b: 'it\'s "x"',
      c: { d: 1 },
    });
  });

  it('leaves commas and quotes inside strings alone', () => {
    expect(JSON.parse(toStrictJson('{"a":"x, }","b":"it\'s",}'))).toEqual({ a: 'x, }', b: "it's" });
  });

  it('reads strict JSON strictly and does not repair what is not near-JSON', () => {
    expect(parseJsonLenient('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonLenient('{a:1}').ok).toBe(false);
    expect(parseJsonLenient('{"a":1').ok).toBe(false);
  });

  it('decodes a UCWA application body with a trailing comma and flags it', () => {
    const text = '{\n"UserAgent":"UCWA Samples",\n"EndpointId":"a917c6f4-976c-4cf3-847d-cdfffa28ccdf",\n"Culture":"en-US",\n}';
    const decoded = decodeBody({ text, mimeType: 'application/json' });
    expect(decoded.format).toBe('json');
    expect(decoded.lenient).toBe(true);
    expect(decoded.value).toEqual({ UserAgent: 'UCWA Samples', EndpointId: 'a917c6f4-976c-4cf3-847d-cdfffa28ccdf', Culture: 'en-US' });
    expect(decoded.reason).toBeUndefined();
    expect(decodeBody({ text: '{"a":1}', mimeType: 'application/json' }).lenient).toBeUndefined();
  });
});
