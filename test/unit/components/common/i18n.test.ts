// @vitest-environment happy-dom
/**
 * Conventions of the popup code: every UI string key it uses exists in both languages with text, the two
 * message files agree on keys and placeholders, and no view writes HTML from strings.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translatorFrom, uiLang } from '../../../../components/common/i18n';
import { TABLES } from '../popup/fixtures';

const ROOT = join(__dirname, '../../../..');
const UI_DIRS = ['components/popup', 'components/common', 'entrypoints/popup'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(tsx?|html)$/.test(name) ? [rel] : [];
  });
}

/** Keys passed literally to the translator: `t('key'` (the code never builds keys from parts). */
function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of sourceFiles('components/popup')
    .concat(sourceFiles('components/common'))
    .concat(sourceFiles('entrypoints/popup'))) {
    const src = readFileSync(join(ROOT, file), 'utf8');
    for (const m of src.matchAll(/\bt\(\s*['"]([A-Za-z0-9_@]+)['"]/g)) keys.set(m[1]!, file);
  }
  return keys;
}

describe('popup strings', () => {
  const keys = usedKeys();

  it('finds the keys the popup uses', () => {
    // Guards the scan itself: a broken regex would make the checks below pass vacuously.
    expect(keys.size).toBeGreaterThan(40);
    expect(keys.has('summaryTabItems')).toBe(true);
  });

  for (const lang of ['en', 'sv'] as const) {
    it(`has every used key in ${lang} with non-empty text`, () => {
      const missing = [...keys].filter(([key]) => !TABLES[lang][key]?.message.trim()).map(([k, f]) => `${k} (${f})`);
      expect(missing).toEqual([]);
    });
  }

  it('keeps the same keys and placeholders in en and sv', () => {
    const shape = (lang: 'en' | 'sv') =>
      Object.fromEntries(
        Object.entries(TABLES[lang]).map(([k, v]) => [k, Object.keys(v.placeholders ?? {}).sort().join(',')]),
      );
    expect(shape('sv')).toEqual(shape('en'));
  });

  it('uses every placeholder a message declares', () => {
    for (const lang of ['en', 'sv'] as const) {
      for (const [key, entry] of Object.entries(TABLES[lang])) {
        for (const name of Object.keys(entry.placeholders ?? {})) {
          expect(entry.message.toLowerCase(), `${lang}:${key}`).toContain(`$${name}$`);
        }
      }
    }
  });

  it('never writes HTML from strings', () => {
    for (const dir of UI_DIRS) {
      for (const file of sourceFiles(dir)) {
        const src = readFileSync(join(ROOT, file), 'utf8');
        expect(src, file).not.toMatch(/innerHTML|dangerouslySetInnerHTML|outerHTML|insertAdjacentHTML|document\.write/);
      }
    }
  });

  it('keeps storage and browser calls out of components', () => {
    for (const dir of ['components/popup', 'components/common']) {
      for (const file of sourceFiles(dir)) {
        // Comments may name the APIs (to say why they are not used here); code may not.
        const src = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        expect(src, file).not.toMatch(/\bbrowser\.|\bchrome\.|lib\/store\/(db|queries|index)|indexedDB/);
      }
    }
  });
});

describe('translatorFrom', () => {
  const t = translatorFrom({
    count: { message: '$N$ of $TOTAL$ items', placeholders: { n: { content: '$1' }, total: { content: '$2' } } },
    direct: { message: 'cost $1 $$ now' },
  });

  it('fills named placeholders and direct substitutions like browser.i18n', () => {
    expect(t('count', ['4', '6'])).toBe('4 of 6 items');
    expect(t('count', [4, 6])).toBe('4 of 6 items');
    expect(t('direct', '5')).toBe('cost 5 $ now');
  });

  it('does not expand markers inside substituted values', () => {
    expect(t('count', ['$2', 'x'])).toBe('$2 of x items');
  });

  it('gives an empty string for an unknown key', () => {
    expect(t('nope')).toBe('');
  });

  it('fills the real Swedish summary', () => {
    expect(translatorFrom(TABLES.sv)('summaryTabItems', ['4', '6'])).toBe('4 av 6 uppgifter lämnade den här fliken');
  });
});

describe('uiLang', () => {
  it('maps Swedish UI languages to sv and everything else to en', () => {
    expect(['sv', 'sv-SE', 'sv_FI', 'SV-se'].map(uiLang)).toEqual(['sv', 'sv', 'sv', 'sv']);
    expect(['en-US', 'de', 'svx', '', undefined].map(uiLang)).toEqual(['en', 'en', 'en', 'en', 'en']);
  });
});
