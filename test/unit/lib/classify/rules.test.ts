import { describe, expect, it } from 'vitest';
import { parseRules, RulesError } from '../../../../lib/classify/rules';

function errorOf(text: string): string {
  try {
    parseRules(text);
  } catch (err) {
    expect(err).toBeInstanceOf(RulesError);
    return (err as Error).message;
  }
  throw new Error('parseRules accepted the file');
}

describe('parseRules', () => {
  it('accepts endpoints and fields', () => {
    const rules = parseRules(
      JSON.stringify({
        $comment: 'Contoso client',
        endpoints: [{ host: '*.contoso.com', path: '/t', feature: 'standard-computer-information' }],
        fields: [{ key: 'dev.lang', signal: 'language' }, { key: 'uid', kind: 'user-id' }],
      }),
    );
    expect(rules.endpoints).toEqual([{ host: '*.contoso.com', path: '/t', feature: 'standard-computer-information' }]);
    expect(rules.fields).toEqual([{ key: 'dev.lang', signal: 'language' }, { key: 'uid', kind: 'user-id' }]);
  });

  it('names the line and column of a syntax error', () => {
    expect(errorOf('{\n  "endpoints": [\n    { "host": "a.com", }\n  ]\n}')).toMatch(/line 3, column \d+/);
  });

  it('names the field of a shape error', () => {
    expect(errorOf('{"endpoints":[{"host":"a.com","feature":"telemetry"}]}')).toMatch(/endpoints\[0\].*feature must be one of/);
    expect(errorOf('{"endpoints":[{"host":"https://a.com/x","feature":"third-party"}]}')).toMatch(/endpoints\[0\].*bare host/);
    expect(errorOf('{"endpoints":[{"host":"*","feature":"third-party"}]}')).toMatch(/endpoints\[0\].*needs a path/);
    expect(errorOf('{"fields":[{"key":"a"},{"key":"b"}]}')).toMatch(/fields\[0\] needs a signal or a kind/);
    expect(errorOf('{"fields":[{"key":"a","signal":"os"}]}')).toMatch(/fields\[0\]\.signal "os"/);
    expect(errorOf('{"fields":[{"key":"a","kind":"password"}]}')).toMatch(/fields\[0\]\.kind "password"/);
    expect(errorOf('{"fields":[{"key":"a","kind":"user-id","sigal":"x"}]}')).toMatch(/fields\[0\]\.sigal is not a known field/);
    expect(errorOf('{"endpoint":[]}')).toMatch(/endpoint is not a known field/);
    expect(errorOf('[]')).toMatch(/JSON object/);
  });
});
