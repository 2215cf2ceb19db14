/**
 * The labelled corpus of public, real requests (test/fixtures/corpus): every request classifies to its labels,
 * and each source meets the figures README states. `node test/scripts/corpus-figures.mjs` prints the table.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { classify } from '../../../../lib/classify/index';
import type { NormalizedRequest } from '../../../../lib/model';
import { IDENTIFIER_IDS } from '../../../../lib/policy/types';
import { loadCorpus, scoreSource } from '../../../corpus/score.mjs';

const corpora = loadCorpus(join(__dirname, '../../../fixtures/corpus'));

describe('labelled corpus', () => {
  it('has at least 60 requests from at least 5 public sources, each naming its repository, commit and path', () => {
    expect(corpora.length).toBeGreaterThanOrEqual(5);
    expect(corpora.reduce((n, c) => n + c.requests.length, 0)).toBeGreaterThanOrEqual(60);
    for (const c of corpora) {
      expect(c.source.repo, c.file).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(c.source.commit, c.file).toMatch(/^[0-9a-f]{40}$/);
      expect(c.source.url, c.file).toContain(c.source.commit);
      for (const r of c.requests) expect(r.from, `${c.file} ${r.id}`).toBeTruthy();
    }
  });

  it.each(corpora.map((c) => [c.file, c] as const))('%s: every request matches its labels', (_file, corpus) => {
    const score = scoreSource(corpus, (r: NormalizedRequest) => classify(r), new Set(IDENTIFIER_IDS));
    expect(score.misses).toEqual([]);
    const figures = [score.featureAccuracy, score.itemPrecision, score.itemRecall, score.urlBodyRecall, score.contentPrecision, score.contentRecall];
    for (const figure of figures) {
      if (figure !== null) expect(figure).toBe(1);
    }
  });
});
