/**
 * Checks policy.schema.json against the bundled policy without a schema library: a small walker that
 * understands the keywords the schema uses ($ref, type, required, properties, additionalProperties, items,
 * enum, pattern, minLength, minItems).
 */
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../../../lib/policy/check';
import { FEATURE_IDS, ITEM_IDS, VERDICTS } from '../../../../lib/policy/types';
import { bundledJson, readPolicyFile } from './helpers';

type Schema = Record<string, any>;
const schema: Schema = JSON.parse(readPolicyFile('policy.schema.json'));

function resolve(s: Schema): Schema {
  let out = s;
  while (out.$ref) {
    const path = (out.$ref as string).replace(/^#\//, '').split('/');
    out = path.reduce((node: Schema, key) => node[key], schema);
  }
  return out;
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v;
}

function walk(value: unknown, node: Schema, path: string, errors: string[]): void {
  const s = resolve(node);
  if (s.type && typeOf(value) !== s.type) {
    errors.push(`${path}: expected ${s.type}, got ${typeOf(value)}`);
    return;
  }
  if (s.enum && !s.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
    if (s.pattern && !new RegExp(s.pattern, 'u').test(value)) errors.push(`${path}: does not match ${s.pattern}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
    if (s.items) value.forEach((v, i) => walk(v, s.items, `${path}[${i}]`, errors));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in obj)) errors.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(obj)) {
      const sub = s.properties?.[key];
      if (sub) walk(v, sub, `${path}.${key}`, errors);
      else if (s.additionalProperties === false) errors.push(`${path}.${key}: not allowed`);
    }
  }
}

function validate(value: unknown): string[] {
  const errors: string[] = [];
  walk(value, schema, '$', errors);
  return errors;
}

describe('policy.schema.json', () => {
  it('is a draft 2020-12 schema whose refs all resolve', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(resolve({ $ref: ref.slice(8, -1) })).toBeTypeOf('object');
  });

  it('accepts the bundled policy', () => {
    expect(validate(bundledJson())).toEqual([]);
  });

  it('rejects a policy missing required keys or with wrong values', () => {
    const json = bundledJson();
    delete json.disclosures;
    delete json.features[0].choice;
    json.items[0].name = { sv: 'IP-adress' };
    json.disclosures2 = [];
    json.signals[0].precision = 'exact';
    expect(validate(json)).toEqual(
      expect.arrayContaining([
        '$.disclosures: required',
        '$.features[0].choice: required',
        '$.items[0].name.en: required',
        '$.disclosures2: not allowed',
        '$.signals[0].precision: "exact" not in enum',
      ]),
    );
  });

  it('lists the same feature, item and verdict ids as the types', () => {
    const defs = schema.$defs;
    expect(defs.feature.properties.id.enum).toEqual([...FEATURE_IDS]);
    expect(defs.item.properties.id.enum).toEqual([...ITEM_IDS]);
    expect(defs.signal.properties.item.enum).toEqual([...ITEM_IDS]);
    expect(defs.disclosure.properties.feature.enum).toEqual([...FEATURE_IDS, '*']);
    expect(defs.disclosure.properties.verdict.enum).toEqual([...VERDICTS]);
  });

  it('marks as required exactly what the loader refuses to do without', () => {
    // For each object the schema describes, drop each property in turn: the loader must complain about it
    // precisely when the schema lists it as required.
    const json = bundledJson();
    const samples: [string, Schema, (p: Record<string, any>) => Record<string, any>][] = [
      ['', schema, (p) => p],
      ['clauses[0]', schema.$defs.clause, (p) => p.clauses[0]],
      ['features[0]', schema.$defs.feature, (p) => p.features[0]],
      ['items[0]', schema.$defs.item, (p) => p.items[0]],
      ['purposes[0]', schema.$defs.purpose, (p) => p.purposes[0]],
      ['signals[0]', schema.$defs.signal, (p) => p.signals[0]],
      ['contentKinds[0]', schema.$defs.contentKind, (p) => p.contentKinds[0]],
      ['disclosures[0]', schema.$defs.disclosure, (p) => p.disclosures[0]],
    ];
    for (const [path, def, pick] of samples) {
      for (const key of Object.keys(def.properties)) {
        const copy = structuredClone(json);
        const target = pick(copy);
        if (!(key in target)) continue;
        delete target[key];
        const fieldPath = path ? `${path}.${key}` : key;
        const problems = checkPolicy(copy);
        const complains = problems.some((p) => p.startsWith(`${fieldPath}: missing`));
        expect(complains, `${fieldPath}: ${problems.join('; ')}`).toBe((def.required ?? []).includes(key));
      }
    }
  });
});
