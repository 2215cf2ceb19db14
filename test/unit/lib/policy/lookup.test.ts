import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../lib/policy/load';
import {
  clauseById,
  disclosureFor,
  featureById,
  itemVerdict,
  purposesFor,
  signalInfo,
  text,
} from '../../../../lib/policy/lookup';
import type { Disclosure, Policy } from '../../../../lib/policy/types';
import { bundledJson } from './helpers';

/** The bundled policy with its disclosures replaced, so each lookup level can be seen on its own. */
function withDisclosures(disclosures: Disclosure[]): Policy {
  const json = bundledJson();
  json.disclosures = disclosures;
  return loadPolicy(json);
}

describe('disclosureFor lookup order', () => {
  const levels: Disclosure[] = [
    { subject: 'os-version', feature: 'online-help', verdict: 'incorrect', clause: 'help-use' },
    { subject: 'os-version', feature: '*', verdict: 'vague', clause: 'sci-items' },
    { subject: '*', feature: 'online-help', verdict: 'clear', clause: 'help-collects' },
    { subject: '*', feature: '*', verdict: 'clear', clause: 'sci-attached' },
  ];

  it('prefers (subject, feature), then (subject, *), then (*, feature), then (*, *)', () => {
    const all = withDisclosures(levels);
    expect(disclosureFor(all, 'os-version', 'online-help')).toEqual({ verdict: 'incorrect', clause: 'help-use' });
    expect(disclosureFor(all, 'os-version', 'error-reporting')).toEqual({ verdict: 'vague', clause: 'sci-items' });
    expect(disclosureFor(all, 'ip-address', 'online-help')).toEqual({ verdict: 'clear', clause: 'help-collects' });
    expect(disclosureFor(all, 'ip-address', 'error-reporting')).toEqual({ verdict: 'clear', clause: 'sci-attached' });

    // Each level shows through once the ones above it are gone.
    const noExact = withDisclosures(levels.slice(1));
    expect(disclosureFor(noExact, 'os-version', 'online-help')).toEqual({ verdict: 'vague', clause: 'sci-items' });
    const noSubject = withDisclosures(levels.slice(2));
    expect(disclosureFor(noSubject, 'os-version', 'online-help')).toEqual({ verdict: 'clear', clause: 'help-collects' });
    const onlyAny = withDisclosures(levels.slice(3));
    expect(disclosureFor(onlyAny, 'os-version', 'online-help')).toEqual({ verdict: 'clear', clause: 'sci-attached' });
  });

  it('does not let content kinds or identifiers inherit the * subject', () => {
    const all = withDisclosures(levels);
    expect(disclosureFor(all, 'feedback-content', 'online-help')).toEqual({ verdict: 'omitted', clause: 'help-collects' });
    expect(disclosureFor(all, 'session-id', 'error-reporting')).toEqual({ verdict: 'omitted', clause: 'wer-collects' });
  });

  it('falls back to omitted with the feature\'s first collects clause', () => {
    const none = withDisclosures([]);
    for (const f of none.features) {
      expect(disclosureFor(none, 'ip-address', f.id)).toEqual({ verdict: 'omitted', clause: f.collects[0] });
    }
  });

  it('throws for a feature the policy lacks', () => {
    expect(() => disclosureFor(loadPolicy(), 'ip-address', 'telemetry' as never)).toThrow(/no feature 'telemetry'/);
  });
});

describe('itemVerdict', () => {
  const policy = loadPolicy();

  it('keeps a clear verdict when only named signals show the item, downgrades when any broad one does', () => {
    expect(itemVerdict(policy, 'regional-settings', 'online-help', ['locale', 'market']).verdict).toBe('clear');
    expect(itemVerdict(policy, 'regional-settings', 'online-help', ['locale', 'time-zone']).verdict).toBe('vague');
    expect(itemVerdict(policy, 'regional-settings', 'online-help', ['time-zone', 'location'])).toEqual({
      verdict: 'vague',
      clause: 'sci-items',
    });
    expect(itemVerdict(policy, 'regional-settings', 'online-help', ['no-such-signal']).verdict).toBe('vague');
    expect(itemVerdict(policy, 'regional-settings', 'online-help').verdict).toBe('clear');
  });

  it('never upgrades a worse verdict', () => {
    const none = withDisclosures([]);
    expect(itemVerdict(none, 'os-version', 'online-help', ['os-version']).verdict).toBe('omitted');
  });
});

describe('other lookups', () => {
  const policy = loadPolicy();

  it('finds clauses, features and signals by id', () => {
    expect(clauseById(policy, 'sci-attached')?.sv).toContain('bifogas även standardinformation om datorn');
    expect(clauseById(policy, 'nope')).toBeUndefined();
    expect(featureById(policy, 'online-help')?.name.sv).toBe('Direkthjälp');
    expect(signalInfo(policy, 'screen-resolution')).toMatchObject({ item: 'hardware-id', precision: 'broad' });
    expect(signalInfo(policy, 'nope')).toBeUndefined();
  });

  it('lists the purposes of several features in order, each once', () => {
    const ids = purposesFor(policy, ['third-party', 'standard-computer-information', 'nope']).map((p) => p.id);
    expect(ids).toEqual([
      'contractor-services',
      'tailor-to-region',
      'third-party-push-delivery',
      'provide-internet-services',
      'improve-products',
      'statistical-analysis',
    ]);
    expect(purposesFor(policy, [])).toEqual([]);
  });

  it('builds a separate index for each policy object', () => {
    const other = withDisclosures([{ subject: '*', feature: '*', verdict: 'vague', clause: 'scope' }]);
    expect(disclosureFor(other, 'ip-address', 'online-help').verdict).toBe('vague');
    expect(disclosureFor(policy, 'ip-address', 'online-help').verdict).toBe('clear');
  });

  it('picks the language and falls back when one side is empty', () => {
    expect(text({ sv: 'Hej', en: 'Hello' }, 'sv')).toBe('Hej');
    expect(text({ sv: 'Hej', en: 'Hello' }, 'en')).toBe('Hello');
    expect(text({ sv: '', en: 'Hello' }, 'sv')).toBe('Hello');
  });
});
