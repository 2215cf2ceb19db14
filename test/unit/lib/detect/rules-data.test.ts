import { describe, expect, it } from 'vitest';
import { CONTENT_KIND_IDS, IDENTIFIER_IDS, SIGNAL_IDS } from '../../../../lib/policy/types';
import { FIELD_RULES, HEADER_RULES } from '../../../../lib/detect/index';

const signals = new Set<string>(SIGNAL_IDS);
const kinds = new Set<string>([...CONTENT_KIND_IDS, ...IDENTIFIER_IDS]);

describe('detection rule data', () => {
  it('maps every field rule to a known signal or content kind (user-agent rules find their own)', () => {
    for (const rule of FIELD_RULES) {
      const ok = rule.when === 'user-agent' ? !rule.signal && !rule.kind : (rule.signal ? signals.has(rule.signal) : false) !== (rule.kind ? kinds.has(rule.kind) : false);
      expect(ok, rule.path).toBe(true);
    }
  });

  it('has no two rules for the same path and scope', () => {
    const seen = new Set<string>();
    for (const rule of FIELD_RULES) {
      const key = `${rule.path.toLowerCase()}|${rule.in ?? '*'}`;
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
});
