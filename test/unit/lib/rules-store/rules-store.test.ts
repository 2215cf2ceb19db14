import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../lib/classify/index';
import { RulesError } from '../../../../lib/classify/rules';
import { acceptRulesFile, clearRules, loadRules, MAX_RULES_CHARS, RULES_KEY, saveRules, type KeyValueArea } from '../../../../lib/rules-store';
import type { NormalizedRequest } from '../../../../lib/model';

const fixture = (name: string) => readFileSync(`test/fixtures/rules/${name}`, 'utf8');
const VALID = fixture('contoso-client.rules.json');

/** storage.local's shape over a Map, counting writes. */
function memoryArea() {
  const map = new Map<string, unknown>();
  let writes = 0;
  const area: KeyValueArea = {
    async get(key) {
      return map.has(key) ? { [key]: structuredClone(map.get(key)) } : {};
    },
    async set(items) {
      writes++;
      for (const [k, v] of Object.entries(items)) map.set(k, structuredClone(v));
    },
    async remove(key) {
      writes++;
      map.delete(key);
    },
  };
  return { area, map, writes: () => writes };
}

const contosoRequest: NormalizedRequest = {
  url: 'https://telemetry.contoso.example/v1/events?batch=1',
  method: 'POST',
  headers: [],
  type: 'fetch',
  time: 1,
  initiator: 'https://app.contoso.example',
  body: {
    raw: new TextEncoder().encode(JSON.stringify({ ctx: { os: { build: '22631' } }, deviceLang: 'sv-SE', acct: 'u-123456789' })),
    mimeType: 'application/json',
  },
};

describe('rules store: import', () => {
  it('stores a valid file and loads it back with its counts', async () => {
    const { area } = memoryArea();
    const saved = await saveRules(area, VALID, 'contoso-client.rules.json', 1234);
    expect(saved.info).toMatchObject({ fileName: 'contoso-client.rules.json', importedAt: 1234, endpoints: 2, fields: 3, text: VALID });
    const loaded = await loadRules(area);
    expect(loaded?.info).toEqual(saved.info);
    expect(loaded?.rules).toEqual(saved.rules);
  });

  it('loaded rules change what classify finds: the custom endpoint, its fields and identifier', async () => {
    const { area } = memoryArea();
    await saveRules(area, VALID, 'r.json', 1);
    const rules = (await loadRules(area))!.rules;
    const without = classify(contosoRequest, {});
    const withRules = classify(contosoRequest, { rules });
    expect(without.findings.map((f) => f.kind)).not.toContain('user-id');
    expect(withRules.features).toEqual(['standard-computer-information']);
    expect(withRules.items.find((i) => i.item === 'os-version')?.evidence[0]?.path).toBe('body.ctx.os.build');
    expect(withRules.items.find((i) => i.item === 'language-settings')?.evidence[0]?.path).toBe('body.deviceLang');
    expect(withRules.findings).toEqual([expect.objectContaining({ kind: 'user-id', verdict: 'omitted' })]);
  });

  it('a syntax error names the line and column, writes nothing, and the previous rules stay', async () => {
    const { area, writes } = memoryArea();
    await saveRules(area, VALID, 'good.json', 1);
    const before = writes();
    await expect(saveRules(area, fixture('malformed-syntax.rules.json'), 'bad.json', 2)).rejects.toThrow(/line 4, column 5/);
    expect(writes()).toBe(before);
    expect((await loadRules(area))?.info.fileName).toBe('good.json');
  });

  it('a bad field names its path and the allowed values, and the previous rules stay', async () => {
    const { area } = memoryArea();
    await saveRules(area, VALID, 'good.json', 1);
    const error = await saveRules(area, fixture('malformed-field.rules.json'), 'bad.json', 2).catch((e) => e);
    expect(error).toBeInstanceOf(RulesError);
    expect(error.message).toContain('fields[1].kind "account-name"');
    expect(error.message).toContain('user-id');
    expect((await loadRules(area))?.info.endpoints).toBe(2);
  });

  it.each([
    ['an array', '[]', /JSON object/],
    ['an unknown top-level key', '{"endpoint": []}', /rules\.endpoint is not a known field/],
    ['an endpoint without a feature', '{"endpoints": [{"host": "a.example"}]}', /endpoints\[0\]: feature must be one of/],
    ['a host with a scheme', '{"endpoints": [{"host": "https://a.example", "feature": "online-help"}]}', /endpoints\[0\]: host/],
    ['a field with both signal and kind', '{"fields": [{"key": "k", "signal": "language", "kind": "user-id"}]}', /fields\[0\] has both/],
    ['an empty file', '', /invalid JSON at line 1/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => acceptRulesFile(text, 'x.json', 0)).toThrow(message);
  });

  it('rejects a file over the size limit before parsing it', () => {
    const huge = `{"fields": [], "$pad": "${'x'.repeat(MAX_RULES_CHARS)}"}`;
    expect(() => acceptRulesFile(huge, 'huge.json', 0)).toThrow(/larger than/);
  });

  it('accepts a file saved with a UTF-8 byte order mark and stores it without one', () => {
    const { info } = acceptRulesFile('\uFEFF' + VALID, 'bom.json', 0);
    expect(info.text.charCodeAt(0)).toBe('{'.charCodeAt(0));
    expect(info.endpoints).toBe(2);
  });

  it('names a file without a name rules.json', () => {
    expect(acceptRulesFile('{}', '   ', 0).info.fileName).toBe('rules.json');
  });
});

describe('rules store: load and clear', () => {
  it('loads nothing when nothing was stored', async () => {
    expect(await loadRules(memoryArea().area)).toBeUndefined();
  });

  it('ignores a stored record that no longer parses, and says why', async () => {
    const { area, map } = memoryArea();
    map.set(RULES_KEY, { text: '{"endpoints": 3}', fileName: 'old.json', importedAt: 1 });
    const problems: Error[] = [];
    expect(await loadRules(area, (e) => problems.push(e))).toBeUndefined();
    expect(problems[0]?.message).toMatch(/endpoints must be an array/);
  });

  it('ignores a record that is not a rules record at all', async () => {
    const { area, map } = memoryArea();
    map.set(RULES_KEY, 'garbage');
    const problems: Error[] = [];
    expect(await loadRules(area, (e) => problems.push(e))).toBeUndefined();
    expect(problems).toHaveLength(1);
  });

  it('clear removes the rules', async () => {
    const { area } = memoryArea();
    await saveRules(area, VALID, 'r.json', 1);
    await clearRules(area);
    expect(await loadRules(area)).toBeUndefined();
  });
});
