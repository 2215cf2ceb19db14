/**
 * The layering README's Layout section draws, checked against the imports: each lib/ folder imports only
 * from folders in a lower row, so there are no folder cycles. A new folder must be given its row here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Top row first; folders in one row do not import each other. */
const ROWS = [
  ['cli'],
  ['export'],
  ['diff'],
  ['rules-store'],
  ['classify'],
  ['store', 'capture', 'detect'],
  ['har'],
  ['redact', 'catalogue'],
  ['formats', 'util'],
  ['decode'],
  ['model'],
  ['policy'],
];
const ROW = new Map(ROWS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** lib/<folder>/… → folder; lib/messages.ts and lib/index.ts sit above every folder. */
const folderOf = (file: string) => relative('lib', file).split(/[\\/]/).slice(0, -1)[0];

describe('lib/ layering', () => {
  const edges: Array<{ from: string; to: string; file: string }> = [];
  for (const file of sources('lib')) {
    const from = folderOf(file);
    if (from === undefined) continue;
    for (const [, spec = ''] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
      const to = folderOf(normalize(join(dirname(file), spec, spec.endsWith('/') ? 'x' : '')));
      if (to !== undefined && to !== from) edges.push({ from, to, file });
    }
  }

  it('every folder has a row', () => {
    const folders = readdirSync('lib').filter((f) => statSync(join('lib', f)).isDirectory());
    expect(folders.filter((f) => !ROW.has(f))).toEqual([]);
  });

  it('every import points to a lower row', () => {
    expect(edges.length).toBeGreaterThan(50);
    const up = edges.filter((e) => (ROW.get(e.to) ?? -1) <= (ROW.get(e.from) ?? -1)).map((e) => `${e.file}: ${e.from} → ${e.to}`);
    expect(up).toEqual([]);
  });

  it('README draws the same rows', () => {
    const readme = readFileSync('README.md', 'utf8');
    const drawn = [...readme.matchAll(/^lib\/([a-z-]+) /gm)].map((m) => m[1]);
    expect(drawn).toEqual(ROWS.flat());
  });
});
