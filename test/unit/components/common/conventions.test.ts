// @vitest-environment happy-dom
/**
 * Conventions of the UI code: every key a view passes to the translator is in the string table, and no view
 * writes HTML from strings or calls storage and browser APIs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../../../components/common/strings';

const ROOT = join(__dirname, '../../../..');
const UI_DIRS = ['components', 'entrypoints/popup', 'entrypoints/report', 'entrypoints/options', 'entrypoints/policy', 'entrypoints/devtools-panel'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(tsx?|html)$/.test(name) ? [rel] : [];
  });
}

/** Keys passed literally to a translator: `t('key'` (the type checker checks the rest). */
function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of UI_DIRS.flatMap(sourceFiles)) {
    const src = readFileSync(join(ROOT, file), 'utf8');
    for (const m of src.matchAll(/\bt\(\s*['"]([A-Za-z0-9_]+)['"]/g)) keys.set(m[1]!, file);
  }
  return keys;
}

describe('UI strings in use', () => {
  const keys = usedKeys();

  it('finds the keys the pages use', () => {
    // Guards the scan itself: a broken regex would make the check below pass vacuously.
    expect(keys.size).toBeGreaterThan(120);
    expect(keys.has('popupVerdictDisclosed') && keys.has('panelEmpty') && keys.has('optionsTitle')).toBe(true);
  });

  for (const lang of ['en', 'sv'] as const) {
    it(`has every used key in ${lang} with text`, () => {
      const table: Record<string, string> = STRINGS[lang];
      const missing = [...keys].filter(([key]) => !table[key]?.trim()).map(([k, f]) => `${k} (${f})`);
      expect(missing).toEqual([]);
    });
  }
});

describe('views', () => {
  it('never write HTML from strings', () => {
    for (const file of UI_DIRS.flatMap(sourceFiles)) {
      const src = readFileSync(join(ROOT, file), 'utf8');
      expect(src, file).not.toMatch(/innerHTML|dangerouslySetInnerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });

  it('keep storage and browser calls out of components', () => {
    for (const file of sourceFiles('components')) {
      // Comments may name the APIs (to say why they are not used here); code may not.
      const src = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(src, file).not.toMatch(/\bbrowser\.|\bchrome\.|lib\/store\/(db|queries|index)|indexedDB/);
    }
  });
});
