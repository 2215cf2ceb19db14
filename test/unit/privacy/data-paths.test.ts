/**
 * The repository's own data paths, read from the source: every write of an observation goes through the
 * codec (which takes URLs and headers through lib/redact/stored-request.ts), every export builder through
 * lib/redact's annotation redaction, and pages reach IndexedDB only through the read-only lib/store/read.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const LIB = sources('lib');
const PAGES = [...sources('components'), ...sources('entrypoints').filter((f) => !f.startsWith(join('entrypoints', 'background')))];
const text = (f: string) => readFileSync(f, 'utf8');

describe('every path to IndexedDB and to every export goes through lib/redact', () => {
  it('each file that adds or puts observations encodes them with the codec first', () => {
    // Writes into the observations store: an add or put on it, or a cursor update while walking it.
    const adds = /(?<!\.)\b(observations|store)\.(add|put)\(/;
    const rewrites = (t: string) => /(observations'\)|\bobservations)\.openCursor\(/.test(t) && /cursor\.update\(/.test(t);
    const writers = LIB.filter((f) => text(f).includes("'observations'") && (adds.test(text(f)) || rewrites(text(f))));
    expect(writers.sort()).toEqual(['lib/store/db.ts', 'lib/store/import.ts', 'lib/store/writer.ts'].map((f) => join(f)));
    for (const f of writers) expect(text(f), f).toMatch(/encodeObservation\(/);
  });

  it('the codec takes URLs, headers and capped values from lib/redact', () => {
    expect(text('lib/store/codec.ts')).toMatch(/from '\.\.\/redact\/stored-request'/);
    expect(text('lib/store/codec.ts')).toMatch(/storedHeaders\(/);
    expect(text('lib/store/codec.ts')).toMatch(/storedUrl\(/);
  });

  it('each export builder shows annotations through exportAnnotation', () => {
    for (const f of ['lib/export/har.ts', 'lib/export/json.ts', 'lib/export/csv.ts']) {
      expect(text(f), f).toMatch(/from '\.\.\/redact\/annotation'/);
      expect(text(f), f).toMatch(/exportAnnotation\(/);
    }
  });

  it('no file outside lib/redact makes a preview, mask or fingerprint of its own', () => {
    const own = LIB.filter((f) => !f.startsWith(join('lib', 'redact')) && /function (previewValue|maskIdentifier|fingerprintContent|redactHeaders)\b/.test(text(f)));
    expect(own).toEqual([]);
  });
});

describe('pages read the store, and only the background writes it', () => {
  it('pages import nothing from lib/store but read.ts, peek.ts (and settings limits), and never idb', () => {
    // peek.ts is the popup's first read: one readonly get with the bare IndexedDB API, so the popup's first
    // script need not carry idb and the schema code (test/unit/lib/store/peek.test.ts: it never creates the
    // database and opens no write transaction).
    const offending: string[] = [];
    for (const f of PAGES) {
      for (const [, spec = ""] of text(f).matchAll(/from '([^']+)'/g)) {
        if (spec === 'idb' || (/lib\/store(\/|$|')/.test(spec + "'") && !/lib\/store\/(read|peek|settings)$/.test(spec))) offending.push(`${f}: ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
