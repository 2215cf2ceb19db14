#!/usr/bin/env node
/**
 * Figures of the engine on the labelled corpus, per source, as the Markdown table in README ("Accuracy on
 * public traffic"). Reads the Node bundle, so build it first: `npm run prepare && node test/scripts/corpus-figures.mjs`.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { classify } from '../../dist/index.mjs';
import { loadCorpus, scoreAll } from '../corpus/score.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scores = scoreAll(loadCorpus(join(root, 'fixtures/corpus')), (r) => classify(r));
const fmt = (x) => (x === null ? 'n/a' : x.toFixed(3));

console.log('| source | requests | items | feature accuracy | item precision | item recall | URL/body items | URL/body recall |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of scores) {
  console.log(`| ${s.file.replace(/\.json$/, '')} | ${s.requests} | ${s.items} | ${fmt(s.featureAccuracy)} | ${fmt(s.itemPrecision)} | ${fmt(s.itemRecall)} | ${s.urlBodyItems} | ${fmt(s.urlBodyRecall)} |`);
}
const misses = scores.flatMap((s) => s.misses.map((m) => `${s.file}: ${m}`));
if (misses.length) {
  console.log(`\n${misses.length} disagreement(s):`);
  for (const m of misses) console.log(`- ${m}`);
}
