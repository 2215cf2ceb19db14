/** Types of score.mjs, for the TypeScript tests that use it. */
import type { Annotation, NormalizedRequest } from '../../lib/model';

export interface CorpusRequest {
  id: string;
  from: string;
  request: { method: string; url: string; headers?: { name: string; value: string }[]; body?: { text: string; mimeType?: string } };
  labels: { features: string[]; items: Record<string, string[]>; hints: string[]; identifiers: string[]; content?: string[] };
}

export interface Corpus {
  file: string;
  source: { name: string; repo: string; commit: string; path: string; url: string; note?: string };
  requests: CorpusRequest[];
}

export interface SourceScore {
  file: string;
  name: string;
  requests: number;
  items: number;
  featureAccuracy: number | null;
  itemPrecision: number | null;
  itemRecall: number | null;
  urlBodyRecall: number | null;
  urlBodyItems: number;
  /** Labelled (request, content kind) pairs; null where the source labels no content. */
  contentFlows: number | null;
  contentPrecision: number | null;
  contentRecall: number | null;
  misses: string[];
}

export function loadCorpus(dir: string): Corpus[];
export function toRequest(r: CorpusRequest['request']): NormalizedRequest;
export function leftItems(annotation: Annotation): Map<string, Set<string>>;
export function contentKinds(annotation: Annotation, identifiers: ReadonlySet<string>): Set<string>;
export function scoreSource(corpus: Corpus, classify: (request: NormalizedRequest) => Annotation, identifiers?: ReadonlySet<string>): SourceScore;
export function scoreAll(corpora: Corpus[], classify: (request: NormalizedRequest) => Annotation, identifiers?: ReadonlySet<string>): SourceScore[];
