import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../../../lib/policy/check';
import { loadPolicy, missingQuotes } from '../../../../lib/policy/load';
import { disclosureFor, itemVerdict } from '../../../../lib/policy/lookup';
import {
  CONTENT_KIND_IDS,
  FEATURE_IDS,
  IDENTIFIER_IDS,
  ITEM_IDS,
  SIGNAL_IDS,
  type FeatureId,
} from '../../../../lib/policy/types';
import { bundledJson, readPolicyFile } from './helpers';

const policy = loadPolicy();
const source = readPolicyFile(policy.source);
const MICROSOFT_FEATURES: FeatureId[] = FEATURE_IDS.filter((f) => f !== 'third-party');
const clauseIds = new Set(policy.clauses.map((c) => c.id));

describe('shipped policy text', () => {
  it('is the Swedish Lync policy of July 2012', () => {
    expect(source.startsWith('Sekretesspolicy för Microsoft Lync-produkter\n')).toBe(true);
    expect(source).toContain('Senast uppdaterad: juli 2012');
    expect(policy.published).toBe('2012-07');
  });

  it.each(policy.clauses.map((c) => [c.id, c] as const))('clause %s quotes the text verbatim', (_id, clause) => {
    expect(source).toContain(clause.sv);
    expect(source.split('\n')).toContain(clause.section);
  });

  it('has no quote missing from the text (missingQuotes agrees)', () => {
    expect(missingQuotes(policy, source)).toEqual([]);
    const altered = { ...policy, clauses: [{ ...policy.clauses[0]!, sv: `${policy.clauses[0]!.sv} (ändrad)` }] };
    expect(missingQuotes(altered, source)).toEqual(['clauses[0].sv']);
  });

  it('names the five Microsoft features by their verbatim headings', () => {
    for (const id of MICROSOFT_FEATURES) {
      const feature = policy.features.find((f) => f.id === id)!;
      expect(source.split('\n'), id).toContain(feature.name.sv);
    }
  });
});

describe('bundled policy model', () => {
  it('passes the loader check', () => {
    expect(checkPolicy(bundledJson())).toEqual([]);
  });

  it('has exactly the feature and item ids the engine knows', () => {
    expect(policy.features.map((f) => f.id).sort()).toEqual([...FEATURE_IDS].sort());
    expect(policy.items.map((i) => i.id).sort()).toEqual([...ITEM_IDS].sort());
  });

  it('defines every signal, content kind and identifier id', () => {
    expect(policy.signals.map((s) => s.id).sort()).toEqual([...SIGNAL_IDS].sort());
    const kinds = policy.contentKinds;
    expect(kinds.filter((k) => k.kind === 'content').map((k) => k.id).sort()).toEqual([...CONTENT_KIND_IDS].sort());
    expect(kinds.filter((k) => k.kind === 'identifier').map((k) => k.id).sort()).toEqual([...IDENTIFIER_IDS].sort());
  });

  it('keeps ids unique within each list and kebab-case', () => {
    for (const list of [policy.clauses, policy.features, policy.items, policy.purposes, policy.signals, policy.contentKinds]) {
      const ids = list.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
    const pairs = policy.disclosures.map((d) => `${d.subject}/${d.feature}/${d.destination ?? ''}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('gives every item, feature, purpose, signal and content kind Swedish and English text', () => {
    const texts = [
      policy.title,
      ...policy.items.flatMap((i) => [i.name, i.description]),
      ...policy.features.map((f) => f.name),
      ...policy.purposes.map((p) => p.name),
      ...policy.signals.map((s) => s.name),
      ...policy.contentKinds.flatMap((k) => [k.name, k.description]),
      ...policy.clauses.map((c) => ({ sv: c.sv, en: c.en })),
    ];
    for (const t of texts) {
      expect(t.sv.trim(), JSON.stringify(t)).not.toBe('');
      expect(t.en.trim(), JSON.stringify(t)).not.toBe('');
      expect(t.en, 'English differs from Swedish').not.toBe(t.sv);
    }
  });

  it('gives every feature a clause for what it does, collects, uses and the choice', () => {
    for (const f of policy.features) {
      for (const role of ['does', 'collects', 'use', 'choice'] as const) {
        expect(f[role].length, `${f.id}.${role}`).toBeGreaterThan(0);
        for (const id of f[role]) expect(clauseIds.has(id), `${f.id}.${role} → ${id}`).toBe(true);
      }
      expect(f.purposes.length, f.id).toBeGreaterThan(0);
    }
  });

  it('has the purposes the policy states, each with a clause and used by a feature', () => {
    const ids = policy.purposes.map((p) => p.id);
    for (const id of [
      'provide-internet-services',
      'improve-products',
      'statistical-analysis',
      'tailor-to-region',
      'solve-problems-improve-software',
      'deliver-push-notifications',
      'follow-up-feedback',
      'relevant-help-results',
      'improve-help-content',
    ]) {
      expect(ids).toContain(id);
    }
    for (const p of policy.purposes) {
      expect(clauseIds.has(p.clause), p.id).toBe(true);
      expect(policy.features.some((f) => f.purposes.includes(p.id)), `${p.id} unused`).toBe(true);
    }
  });

  it('ties the geographic purpose to the IP address clause', () => {
    const p = policy.purposes.find((x) => x.id === 'tailor-to-region')!;
    const clause = policy.clauses.find((c) => c.id === p.clause)!;
    expect(clause.sv).toContain('IP-adress');
  });

  it('names a clause for every item, purpose, content kind and disclosure', () => {
    for (const x of [...policy.items, ...policy.purposes, ...policy.contentKinds, ...policy.disclosures]) {
      expect(clauseIds.has(x.clause), JSON.stringify(x)).toBe(true);
    }
  });

  it('marks as named exactly the signals the policy words name', () => {
    const named = policy.signals.filter((s) => s.precision === 'named').map((s) => s.id).sort();
    const broad = policy.signals.filter((s) => s.precision === 'broad').map((s) => s.id).sort();
    expect(broad).toEqual(['cpu-architecture', 'device-class', 'location', 'screen-resolution', 'time-zone']);
    expect(named).toEqual(
      ['browser-name', 'browser-version', 'device-make', 'device-model', 'ip-address', 'language', 'locale', 'market', 'os-name', 'os-version'].sort(),
    );
    // A broad reading must say which words it rests on.
    for (const s of policy.signals.filter((x) => x.precision === 'broad')) expect(s.note, s.id).toBeDefined();
  });

  it('gives every item at least one named signal', () => {
    for (const item of policy.items) {
      expect(policy.signals.some((s) => s.item === item.id && s.precision === 'named'), item.id).toBe(true);
    }
  });
});

describe('disclosure verdicts of the Lync 2012 policy', () => {
  const subjects = [...ITEM_IDS, ...CONTENT_KIND_IDS, ...IDENTIFIER_IDS];

  it('names an existing clause for every subject and feature', () => {
    for (const subject of subjects) {
      for (const feature of FEATURE_IDS) {
        const d = disclosureFor(policy, subject, feature);
        expect(clauseIds.has(d.clause), `${subject} → ${feature}: ${d.clause}`).toBe(true);
      }
    }
  });

  it('makes every item clear for every Microsoft feature', () => {
    for (const item of ITEM_IDS) {
      for (const feature of MICROSOFT_FEATURES) {
        expect(disclosureFor(policy, item, feature).verdict, `${item} → ${feature}`).toBe('clear');
      }
    }
    expect(disclosureFor(policy, 'os-version', 'error-reporting').clause).toBe('sci-attached');
    expect(disclosureFor(policy, 'hardware-id', 'standard-computer-information').clause).toBe('sci-hardware-id');
  });

  it('makes content clear only for the feature whose text names it', () => {
    // Conversation content has no feature section of its own; its statements are checked below.
    const conversation = new Set(['instant-message', 'contact-address', 'people-search']);
    const own: Record<string, FeatureId> = {
      'error-report': 'error-reporting',
      'memory-dump': 'error-reporting',
      'registry-settings': 'error-reporting',
      'files-documents': 'error-reporting',
      'message-preview': 'push-notifications',
      'sender-display-name': 'push-notifications',
      'conversation-id': 'push-notifications',
      'feedback-content': 'online-feedback',
      'help-query': 'online-help',
      'help-rating': 'online-help',
    };
    for (const kind of CONTENT_KIND_IDS.filter((k) => !conversation.has(k))) {
      for (const feature of FEATURE_IDS) {
        const d = disclosureFor(policy, kind, feature);
        if (feature === own[kind]) expect(d.verdict, `${kind} → ${feature}`).toBe('clear');
        else expect(d.verdict, `${kind} → ${feature}`).not.toBe('clear');
        if (MICROSOFT_FEATURES.includes(feature) && feature !== own[kind]) expect(d.verdict).toBe('omitted');
      }
    }
    // Message content sent to a telemetry endpoint: no statement covers it.
    expect(disclosureFor(policy, 'message-preview', 'standard-computer-information')).toEqual({
      verdict: 'omitted',
      clause: 'sci-items',
    });
  });

  it('covers conversation content only vaguely at Microsoft, says so at the organisation, and never lets it reach a third party', () => {
    for (const feature of MICROSOFT_FEATURES) {
      expect(disclosureFor(policy, 'instant-message', feature)).toEqual({ verdict: 'vague', clause: 'legal-disclosure' });
      expect(disclosureFor(policy, 'contact-address', feature)).toEqual({ verdict: 'vague', clause: 'use-of-your-information' });
      expect(disclosureFor(policy, 'people-search', feature)).toEqual({ verdict: 'vague', clause: 'use-of-your-information' });
      // The organisation's own server: its own statements, which say the content went there and not to Microsoft.
      expect(disclosureFor(policy, 'instant-message', feature, 'organisation')).toEqual({ verdict: 'vague', clause: 'push-after-setup' });
      expect(disclosureFor(policy, 'people-search', feature, 'organisation')).toEqual({ verdict: 'vague', clause: 'scope' });
      // Statements for one destination do not leak into another.
      expect(disclosureFor(policy, 'instant-message', feature, 'microsoft')).toEqual(disclosureFor(policy, 'instant-message', feature));
    }
    for (const kind of ['instant-message', 'contact-address', 'people-search']) {
      expect(disclosureFor(policy, kind, 'third-party')).toEqual({ verdict: 'incorrect', clause: 'third-party-consent' });
      const there = policy.disclosures.find((d) => d.subject === kind && d.destination === 'organisation');
      expect(there?.note?.en, kind).toMatch(/organisation's own Lync server, not to Microsoft/);
      expect(there?.note?.sv, kind).toMatch(/organisationens egen Lync-server, inte till Microsoft/);
    }
    // A conversation id in an invitation to the organisation's server is said to have gone there; where the push
    // section names it, it stays clear.
    expect(disclosureFor(policy, 'conversation-id', 'standard-computer-information', 'organisation')).toEqual({ verdict: 'vague', clause: 'scope' });
    expect(disclosureFor(policy, 'conversation-id', 'push-notifications', 'organisation')).toEqual({ verdict: 'clear', clause: 'push-collects' });
    // Other subjects have no organisation statements: their verdicts do not depend on the destination.
    expect(disclosureFor(policy, 'help-query', 'online-help', 'organisation')).toEqual(disclosureFor(policy, 'help-query', 'online-help'));
    expect(disclosureFor(policy, 'os-version', 'push-notifications', 'organisation')).toEqual({ verdict: 'clear', clause: 'sci-attached' });
  });

  it('never makes an identifier clear', () => {
    for (const id of IDENTIFIER_IDS) {
      for (const feature of FEATURE_IDS) {
        expect(['omitted', 'incorrect'], `${id} → ${feature}`).toContain(disclosureFor(policy, id, feature).verdict);
      }
    }
    expect(disclosureFor(policy, 'device-id', 'standard-computer-information').clause).toBe('sci-hardware-id');
  });

  it('is incorrect where the policy says it does not happen: typed content to a third party', () => {
    for (const kind of ['feedback-content', 'help-query', 'help-rating', 'files-documents']) {
      expect(disclosureFor(policy, kind, 'third-party')).toEqual({ verdict: 'incorrect', clause: 'third-party-consent' });
    }
  });

  it('treats third parties as the policy does', () => {
    expect(disclosureFor(policy, 'ip-address', 'third-party')).toEqual({ verdict: 'clear', clause: 'geolocation-from-ip' });
    expect(disclosureFor(policy, 'os-version', 'third-party').verdict).toBe('vague');
    expect(disclosureFor(policy, 'message-preview', 'third-party')).toEqual({ verdict: 'vague', clause: 'push-third-party' });
  });

  it('makes a flow shown only by broad signals vague', () => {
    expect(itemVerdict(policy, 'hardware-id', 'error-reporting', ['screen-resolution'])).toEqual({
      verdict: 'vague',
      clause: 'sci-hardware-id',
    });
    expect(itemVerdict(policy, 'regional-settings', 'online-help', ['time-zone']).verdict).toBe('vague');
    expect(itemVerdict(policy, 'hardware-id', 'error-reporting', ['device-model']).verdict).toBe('clear');
    // One broadly covered detail is enough: the flow carries something the policy only vaguely names.
    expect(itemVerdict(policy, 'hardware-id', 'error-reporting', ['screen-resolution', 'device-model']).verdict).toBe('vague');
  });
});
