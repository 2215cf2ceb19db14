import { describe, expect, it } from 'vitest';
import { loadPolicy, PolicyError } from '../../../../lib/policy/load';
import { sectionHeading } from '../../../../lib/policy/lookup';
import { bundledJson } from './helpers';

/** Breaks a fresh copy of the bundled policy and returns the loader's error message. */
function errorOf(breakIt: (p: Record<string, any>) => void): string {
  const json = bundledJson();
  breakIt(json);
  try {
    loadPolicy(json);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as Error).message;
  }
  throw new Error('loadPolicy accepted a broken policy');
}

describe('loadPolicy()', () => {
  it('returns the bundled Lync 2012 policy, once, frozen', () => {
    const p = loadPolicy();
    expect(p.id).toBe('lync-2012');
    expect(loadPolicy()).toBe(p);
    expect(Object.isFrozen(p.features[0]!.collects)).toBe(true);
  });

  it('accepts a valid policy file and returns it', () => {
    const json = bundledJson();
    json.id = 'copy-of-lync';
    expect(loadPolicy(json).id).toBe('copy-of-lync');
  });
});

describe('loadPolicy(json) rejects malformed input, naming the path', () => {
  it.each<[string, (p: Record<string, any>) => void, RegExp]>([
    ['unknown purpose reference', (p) => (p.features[2].purposes[0] = 'x'), /^features\[2\]\.purposes\[0\]: unknown purpose id 'x'$/m],
    ['unknown clause in a role', (p) => (p.features[1].choice[1] = 'nope'), /^features\[1\]\.choice\[1\]: unknown clause id 'nope'$/m],
    ['duplicate clause id', (p) => (p.clauses[1].id = p.clauses[0].id), /^clauses\[1\]\.id: duplicate id 'scope'$/m],
    ['missing feature', (p) => p.features.pop(), /^features: missing feature 'third-party'$/m],
    ['unknown feature id', (p) => (p.features[0].id = 'telemetry'), /^features\[0\]\.id: unknown feature id 'telemetry'/m],
    ['missing item', (p) => p.items.shift(), /^items: missing item 'ip-address'$/m],
    ['item clause unresolved', (p) => (p.items[3].clause = 'gone'), /^items\[3\]\.clause: unknown clause id 'gone'$/m],
    ['empty English', (p) => (p.items[0].name.en = ' '), /^items\[0\]\.name\.en: expected a non-empty string/m],
    ['missing Swedish', (p) => delete p.purposes[0].name.sv, /^purposes\[0\]\.name\.sv: missing$/m],
    ['unknown field', (p) => (p.clauses[0].text = 'x'), /^clauses\[0\]\.text: unknown field 'text'$/m],
    ['bad verdict', (p) => (p.disclosures[0].verdict = 'maybe'), /^disclosures\[0\]\.verdict: unknown verdict 'maybe'/m],
    ['unknown subject', (p) => (p.disclosures[0].subject = 'cookie'), /^disclosures\[0\]\.subject: unknown subject id 'cookie'$/m],
    ['duplicate statement', (p) => p.disclosures.push({ ...p.disclosures[0] }), /second statement for \* → standard-computer-information/],
    [
      'duplicate statement for one destination',
      (p) => p.disclosures.push({ ...p.disclosures.find((d: any) => d.destination === 'organisation') }),
      /second statement for instant-message → \* at organisation/,
    ],
    ['unknown destination', (p) => (p.disclosures[0].destination = 'tenant'), /^disclosures\[0\]\.destination: unknown destination 'tenant'/m],
    ['missing signal', (p) => (p.signals = p.signals.filter((s: any) => s.id !== 'time-zone')), /^signals: missing signal 'time-zone'$/m],
    ['signal with unknown item', (p) => (p.signals[0].item = 'mac-address'), /^signals\[0\]\.item: unknown item id 'mac-address'$/m],
    ['bad precision', (p) => (p.signals[0].precision = 'exact'), /^signals\[0\]\.precision: unknown precision 'exact'/m],
    [
      'identifier declared as content',
      (p) => (p.contentKinds.find((k: any) => k.id === 'user-id').kind = 'content'),
      /contentKinds\[\d+\]\.kind: 'user-id' must be of kind 'identifier'/,
    ],
    ['content kind reusing an item id', (p) => (p.contentKinds[0].id = 'ip-address'), /already an item id/],
    ['feature without collects', (p) => (p.features[3].collects = []), /^features\[3\]\.collects: needs at least one clause$/m],
    ['non-kebab id', (p) => (p.purposes[0].id = 'Provide Services'), /^purposes\[0\]\.id: id 'Provide Services' is not kebab-case$/m],
    ['bad date', (p) => (p.published = 'July 2012'), /^published: expected a date like 2012-07/m],
    ['wrong type', (p) => (p.clauses = {}), /^clauses: expected an array, got an object$/m],
  ])('%s', (_name, breakIt, expected) => {
    expect(errorOf(breakIt)).toMatch(expected);
  });

  it('lists several problems at once', () => {
    const json = bundledJson();
    json.items[0].clause = 'a';
    json.purposes[0].clause = 'b';
    try {
      loadPolicy(json);
      expect.unreachable();
    } catch (e) {
      expect((e as PolicyError).problems).toEqual([
        "items[0].clause: unknown clause id 'a'",
        "purposes[0].clause: unknown clause id 'b'",
      ]);
    }
  });

  it('rejects what is not an object', () => {
    expect(() => loadPolicy([])).toThrow(/^policy: expected an object, got an array/);
    expect(() => loadPolicy(null)).toThrow(/^policy: expected an object, got null/);
    expect(() => loadPolicy('{}')).toThrow(/^policy: expected an object/);
  });
});

describe('section headings', () => {
  it('gives every shipped clause an English heading that differs from the Swedish', () => {
    const p = loadPolicy();
    for (const c of p.clauses) {
      const en = sectionHeading(p, c, 'en');
      expect(en, c.id).not.toBe(c.section);
      expect(sectionHeading(p, c, 'sv')).toBe(c.section);
    }
  });

  it('refuses a clause whose heading has no entry, and a heading listed twice', () => {
    expect(errorOf((p) => (p.clauses[0].section = 'Okänd rubrik'))).toMatch(/clauses\[0\]\.section: 'Okänd rubrik' has no entry in sections/);
    expect(errorOf((p) => p.sections.push({ ...p.sections[0] }))).toMatch(/sections\[\d+\]\.sv: second entry/);
  });

  it('still loads a policy without sections, falling back to the Swedish heading', () => {
    const json = bundledJson();
    delete json.sections;
    const p = loadPolicy(json);
    expect(sectionHeading(p, p.clauses[0]!, 'en')).toBe(p.clauses[0]!.section);
  });
});
