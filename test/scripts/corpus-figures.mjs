#!/usr/bin/env node
/**
 * Figures of the engine on the labelled corpus, per source, as the Markdown table in README ("Accuracy on
 * public traffic"). Reads the Node bundle, so build it first: `npm run prepare && node test/scripts/corpus-figures.mjs`.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { classify, IDENTIFIER_IDS } from '../../dist/index.mjs';
import { loadCorpus, scoreAll } from '../corpus/score.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scores = scoreAll(loadCorpus(join(root, 'fixtures/corpus')), (r) => classify(r), new Set(IDENTIFIER_IDS));
const fmt = (x) => (x === null ? 'n/a' : x.toFixed(3));

const count = (x) => (x === null ? 'n/a' : String(x));

console.log('| source | requests | items | feature accuracy | item precision | item recall | URL/body items | URL/body recall | content flows | content precision | content recall |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of scores) {
  const content = `${count(s.contentFlows)} | ${fmt(s.contentPrecision)} | ${fmt(s.contentRecall)}`;
  console.log(`| ${s.file.replace(/\.json$/, '')} | ${s.requests} | ${s.items} | ${fmt(s.featureAccuracy)} | ${fmt(s.itemPrecision)} | ${fmt(s.itemRecall)} | ${s.urlBodyItems} | ${fmt(s.urlBodyRecall)} | ${content} |`);
}
const misses = scores.flatMap((s) => s.misses.map((m) => `${s.file}: ${m}`));
if (misses.length) {
  console.log(`\n${misses.length} disagreement(s):`);
  for (const m of misses) console.log(`- ${m}`);
}
