/**
 * `telltale diff --json` against lib/formats/diff-output.schema.json, with a small walker for the keywords that
 * schema uses ($ref, type, required, properties, additionalProperties, items, enum, minimum, oneOf).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffFlows } from '../../../../lib/diff/compare';
import { FlowCounter, type FlowEntry } from '../../../../lib/diff/flows';
import { diffJson } from '../../../../lib/diff/json';

type Schema = Record<string, any>;
const schema: Schema = JSON.parse(readFileSync('lib/formats/diff-output.schema.json', 'utf8'));

function resolve(s: Schema): Schema {
  return s.$ref ? resolve((s.$ref as string).replace(/^#\//, '').split('/').reduce((node: Schema, key) => node[key], schema)) : s;
}

function typeOk(value: unknown, type: string): boolean {
  if (type === 'array') return Array.isArray(value);
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

function errors(value: unknown, node: Schema, path = '$'): string[] {
  const s = resolve(node);
  if (s.type && !typeOk(value, s.type)) return [`${path}: not ${s.type}`];
  const out: string[] = [];
  if (s.enum && !s.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (s.minimum !== undefined && typeof value === 'number' && value < s.minimum) out.push(`${path}: below ${s.minimum}`);
  if (Array.isArray(value) && s.items) value.forEach((v, i) => out.push(...errors(v, s.items, `${path}[${i}]`)));
  if (s.type === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in obj)) out.push(`${path}: missing ${key}`);
    for (const [key, v] of Object.entries(obj)) {
      if (s.properties?.[key]) out.push(...errors(v, s.properties[key], `${path}.${key}`));
      else if (s.additionalProperties === false) out.push(`${path}: unexpected ${key}`);
    }
    if (s.oneOf && s.oneOf.filter((alt: Schema) => (alt.required as string[]).every((k) => k in obj)).length !== 1) out.push(`${path}: not exactly one of oneOf`);
  }
  return out;
}

const entry = (verdict: FlowEntry['items'][number]['verdict'], kind?: string): FlowEntry => ({
  url: 'https://browser.events.data.microsoft.com/OneCollector/1.0/',
  features: ['standard-computer-information'],
  items: [{ item: 'os-version', verdict, evidence: [{ path: 'body[0].ext.os.ver', value: '10.0' }] }],
  findings: kind ? [{ kind, verdict: 'omitted', evidence: [{ path: 'body[0].data.UserInfo.Id', value: 'u:8d…(32)' }] }] : [],
});

function json(before: FlowEntry[], after: FlowEntry[]) {
  const count = (entries: FlowEntry[]) => {
    const c = new FlowCounter();
    for (const e of entries) c.add(e, undefined);
    return c;
  };
  const [a, b] = [count(before), count(after)];
  return diffJson(diffFlows(a.result(), b.result(), { before: a.requests, after: b.requests }));
}

describe('diff-output.schema.json', () => {
  it('accepts the output with added, removed and changed flows', () => {
    const out = json([entry('clear', 'session-id')], [entry('vague', 'user-id')]);
    expect(out.added).toHaveLength(1);
    expect(out.removed).toHaveLength(1);
    expect(out.changed).toHaveLength(1);
    expect(errors(out, schema)).toEqual([]);
  });

  it('refuses a flow with both item and kind, an extra key, or a missing summary count', () => {
    const out = json([], [entry('clear')]) as any;
    out.added[0].kind = 'user-id';
    out.added[0].extra = 1;
    delete out.summary.unchanged;
    expect(errors(out, schema)).toEqual(['$.added[0]: unexpected extra', '$.added[0]: not exactly one of oneOf', '$.summary: missing unchanged']);
  });
});
