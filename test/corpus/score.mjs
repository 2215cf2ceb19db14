/**
 * Scores the engine on the labelled corpus (test/fixtures/corpus/*.json), per source:
 * - feature accuracy: requests whose features are exactly the labelled ones;
 * - item precision and recall: over (request, item) pairs. The IP address that leaves with every connection is
 *   not counted; an ip-address item counts only when an address is in the URL, a header or the body;
 * - URL/body recall: recall over the labelled items that travel only in the URL or the body (not in a header);
 * - content: where a source labels them (`labels.content`), the content kinds of each request (identifiers
 *   aside) must be exactly the labelled ones; every miss and over-claim is listed, and precision and recall
 *   are counted over (request, kind) pairs.
 * Used by the unit test (test/unit/corpus) and by `node test/scripts/corpus-figures.mjs`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every corpus file: `{ file, source, requests }`. */
export function loadCorpus(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(join(dir, file), 'utf8')) }));
}

/** A corpus request as the engine's NormalizedRequest. */
export function toRequest(r) {
  const body = r.body ? { text: r.body.text, ...(r.body.mimeType ? { mimeType: r.body.mimeType } : {}) } : undefined;
  return { url: r.url, method: r.method, headers: r.headers ?? [], ...(body ? { body } : {}), type: 'xmlhttprequest', time: 0 };
}

/** Content kinds (not identifiers) an annotation found. */
export function contentKinds(annotation, identifiers) {
  return new Set(annotation.findings.map((f) => f.kind).filter((k) => !identifiers.has(k)));
}

/** Items of an annotation that left beyond the connection itself, with where their evidence is. */
export function leftItems(annotation) {
  const out = new Map();
  for (const flow of annotation.items) {
    const wheres = new Set(flow.evidence.map((e) => e.where).filter((w) => w !== 'connection'));
    if (wheres.size > 0) out.set(flow.item, wheres);
  }
  return out;
}

function ratio(n, d) {
  return d === 0 ? null : n / d;
}

/**
 * Scores one source. `classify(request)` returns an annotation. Returns the figures, the counts behind them
 * and every disagreement (for the test's failure message).
 */
export function scoreSource(corpus, classify, identifiers = new Set()) {
  let featureHits = 0;
  let contentTp = 0;
  let contentFp = 0;
  let contentFn = 0;
  let contentLabelled = false;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let urlBodyLabelled = 0;
  let urlBodyFound = 0;
  const misses = [];
  for (const entry of corpus.requests) {
    const annotation = classify(toRequest(entry.request));
    const want = entry.labels;
    const features = [...annotation.features].sort().join(',');
    if (features === [...want.features].sort().join(',')) featureHits++;
    else misses.push(`${entry.id}: features ${features} ≠ ${want.features.join(',')}`);
    const got = leftItems(annotation);
    for (const [item, wheres] of Object.entries(want.items)) {
      const found = got.get(item);
      if (found) tp++;
      else {
        fn++;
        misses.push(`${entry.id}: missed ${item} (${wheres.join(',')})`);
      }
      if (wheres.every((w) => w === 'url' || w === 'body')) {
        urlBodyLabelled++;
        if (found && (found.has('url') || found.has('body'))) urlBodyFound++;
      }
    }
    for (const item of got.keys()) {
      if (!(item in want.items)) {
        fp++;
        misses.push(`${entry.id}: over-claimed ${item}`);
      }
    }
    if (!want.content) continue;
    contentLabelled = true;
    const kinds = contentKinds(annotation, identifiers);
    for (const kind of want.content) {
      if (kinds.has(kind)) contentTp++;
      else {
        contentFn++;
        misses.push(`${entry.id}: missed content ${kind}`);
      }
    }
    for (const kind of kinds) {
      if (!want.content.includes(kind)) {
        contentFp++;
        misses.push(`${entry.id}: over-claimed content ${kind}`);
      }
    }
  }
  return {
    file: corpus.file,
    name: corpus.source.name,
    requests: corpus.requests.length,
    items: tp + fn,
    featureAccuracy: ratio(featureHits, corpus.requests.length),
    itemPrecision: ratio(tp, tp + fp),
    itemRecall: ratio(tp, tp + fn),
    urlBodyRecall: ratio(urlBodyFound, urlBodyLabelled),
    urlBodyItems: urlBodyLabelled,
    contentFlows: contentLabelled ? contentTp + contentFn : null,
    contentPrecision: contentLabelled ? ratio(contentTp, contentTp + contentFp) : null,
    contentRecall: contentLabelled ? ratio(contentTp, contentTp + contentFn) : null,
    misses,
  };
}

/** Figures over all sources together. */
export function scoreAll(corpora, classify, identifiers) {
  return corpora.map((c) => scoreSource(c, classify, identifiers));
}
