import { describe, expect, it } from 'vitest';
import { CONTENT_KIND_IDS, IDENTIFIER_IDS, SIGNAL_IDS } from '../../../../lib/policy/types';
import { FIELD_RULES, HEADER_RULES } from '../../../../lib/detect/index';
import { HINT_SIGNALS } from '../../../../lib/detect/hints';
import { normalizeSegment } from '../../../../lib/detect/rule-index';
import type { FieldRule } from '../../../../lib/detect/field-rules';
import { body, kind, request, run, signal } from './helpers';

const IDENTIFIERS = new Set<string>(IDENTIFIER_IDS);

/** What a rule says it yields, from its signal or kind. */
function expectedYield(rule: FieldRule): string {
  if (rule.when === 'user-agent') return 'item';
  if (rule.signal) return HINT_SIGNALS.has(rule.signal) ? 'hint' : 'item';
  if (rule.kind) return IDENTIFIERS.has(rule.kind) ? 'identifier' : 'content';
  return 'none';
}

/** A body that holds the rule's example under its path (dotted segments nested). */
function nested(path: string, value: unknown): unknown {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** Detection of the rule's example where the rule applies: a body, or a query on a help host. */
function detectExample(rule: FieldRule, example: unknown = rule.example) {
  if (rule.in === 'query' || rule.helpOnly) {
    const host = rule.helpOnly ? 'support.office.com' : 'example.microsoft.com';
    return run(request(`https://${host}/client/results?${rule.path}=${encodeURIComponent(String(example))}`));
  }
  return body(JSON.stringify(nested(rule.path, example)));
}

const signals = new Set<string>(SIGNAL_IDS);
const kinds = new Set<string>([...CONTENT_KIND_IDS, ...IDENTIFIER_IDS]);

describe('detection rule data', () => {
  it('maps every field rule to a known signal or content kind (user-agent rules find their own)', () => {
    for (const rule of FIELD_RULES) {
      const ok =
        rule.when === 'user-agent' || rule.yields === 'none'
          ? !rule.signal && !rule.kind
          : (rule.signal ? signals.has(rule.signal) : false) !== (rule.kind ? kinds.has(rule.kind) : false);
      expect(ok, rule.path).toBe(true);
    }
  });

  it('has no two rules for the same path and scope', () => {
    const seen = new Set<string>();
    for (const rule of FIELD_RULES) {
      const key = `${rule.path.split('.').map(normalizeSegment).join('.')}|${rule.in ?? '*'}`;
      expect(seen.has(key), rule.path).toBe(false);
      seen.add(key);
    }
  });

  it('names headers in lower case and maps them to known signals', () => {
    for (const [name, rule] of Object.entries(HEADER_RULES)) {
      expect(name).toBe(name.toLowerCase());
      for (const s of rule.signals) expect(signals.has(s), `${name} → ${s}`).toBe(true);
    }
  });

  it('says of every field rule whether it yields an item, a hint, an identifier, content or nothing', () => {
    for (const rule of FIELD_RULES) expect(rule.yields, rule.path).toBe(expectedYield(rule));
  });

  it('recognises every field rule\'s example under its path', () => {
    for (const rule of FIELD_RULES) {
      const det = detectExample(rule);
      const id = rule.signal ?? rule.kind;
      if (rule.when === 'user-agent') {
        expect(signal(det, 'os-version').length + signal(det, 'browser-version').length, rule.path).toBeGreaterThan(0);
      } else if (rule.signal) {
        expect(signal(det, rule.signal).some((e) => e.matchedBy === 'key'), `${rule.path} → ${rule.signal}`).toBe(true);
      } else if (id) {
        expect(kind(det, id).length, `${rule.path} → ${id}`).toBeGreaterThan(0);
      } else {
        // A `none` rule: its example is no item, found neither by name nor as an IP address.
        expect(det.signals.filter((e) => e.where !== 'connection'), rule.path).toEqual([]);
      }
    }
  });

  it('never takes a placeholder for a value', () => {
    for (const rule of FIELD_RULES) {
      if (!rule.signal && !IDENTIFIERS.has(rule.kind ?? '')) continue;
      for (const placeholder of ['', '0', 'unknown', 'null', '0x0', '-1']) {
        const det = detectExample(rule, placeholder);
        const id = rule.signal ?? rule.kind!;
        const found = rule.signal ? signal(det, id).filter((e) => e.matchedBy === 'key') : kind(det, id);
        expect(found, `${rule.path} = "${placeholder}"`).toEqual([]);
      }
    }
  });
});
