/**
 * The documented rules schema (lib/classify/rules.schema.json, shared with `telltale check --rules`) says what
 * parseRules accepts: its enums are the engine's ids, and the example files agree with both.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRules } from '../../../../lib/classify/rules';
import { CONTENT_KIND_IDS, FEATURE_IDS, IDENTIFIER_IDS, SIGNAL_IDS } from '../../../../lib/policy/types';

const schema = JSON.parse(readFileSync('lib/classify/rules.schema.json', 'utf8'));
const endpoint = schema.properties.endpoints.items;
const field = schema.properties.fields.items;

describe('rules schema', () => {
  it('lists exactly the engine ids for features, signals and kinds', () => {
    expect(endpoint.properties.feature.enum).toEqual([...FEATURE_IDS]);
    expect(field.properties.signal.enum).toEqual([...SIGNAL_IDS]);
    expect(field.properties.kind.enum).toEqual([...CONTENT_KIND_IDS, ...IDENTIFIER_IDS]);
  });

  it('names the same fields parseRules accepts, and parseRules refuses any other', () => {
    expect(Object.keys(endpoint.properties).sort()).toEqual(['family', 'feature', 'host', 'path', 'query']);
    expect(Object.keys(field.properties).sort()).toEqual(['key', 'kind', 'signal']);
    expect(endpoint.required).toEqual(['host', 'feature']);
    for (const key of Object.keys(endpoint.properties)) {
      expect(() => parseRules(JSON.stringify({ endpoints: [{ host: 'a.example', feature: 'online-help', [key]: key === 'query' ? ['q'] : key === 'feature' ? 'online-help' : key === 'path' ? '/p' : 'x' }] }))).not.toThrow();
    }
    expect(() => parseRules('{"endpoints": [{"host": "a.example", "feature": "online-help", "methods": ["GET"]}]}')).toThrow(/endpoints\[0\]\.methods is not a known field/);
    expect(() => parseRules('{"fields": [{"key": "k", "signal": "language", "weight": 1}]}')).toThrow(/fields\[0\]\.weight is not a known field/);
  });

  it.each(['contoso-client.rules.json', 'demo-client.rules.json'])('the example %s parses', (name) => {
    expect(() => parseRules(readFileSync(`test/fixtures/rules/${name}`, 'utf8'))).not.toThrow();
  });
});
