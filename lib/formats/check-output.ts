/** The JSON entry of `telltale check --json` (check-output.schema.json), also the entries of a JSON export. */
import type { Annotation, Evidence, NormalizedRequest } from '../model';

export interface JsonEvidence {
  where: Evidence['where'];
  path: string;
  value: string;
  matchedBy: Evidence['matchedBy'];
}

export interface JsonEntry {
  /** Present only when several files are checked. */
  file?: string;
  index: number;
  url: string;
  method: string;
  /** Who received it (lib/catalogue): microsoft, organisation or third-party. */
  destination: string;
  features: string[];
  items: { item: string; verdict: string; evidence: JsonEvidence[] }[];
  findings: { kind: string; verdict: string; evidence: JsonEvidence[] }[];
  /** Signals that named something without its value, where the item itself did not leave (no verdict). */
  hints: { signal: string; evidence: JsonEvidence[] }[];
  purposes: string[];
}

function jsonEvidence(list: readonly Evidence[]): JsonEvidence[] {
  return list.map((e) => ({ where: e.where, path: e.path, value: e.value, matchedBy: e.matchedBy }));
}

export function jsonEntry(index: number, request: NormalizedRequest, annotation: Annotation, file?: string): JsonEntry {
  const entry: JsonEntry = {
    index,
    url: request.url,
    method: request.method,
    destination: annotation.destination ?? 'third-party',
    features: [...annotation.features],
    items: annotation.items.map((i) => ({ item: i.item, verdict: i.verdict, evidence: jsonEvidence(i.evidence) })),
    findings: annotation.findings.map((f) => ({ kind: f.kind, verdict: f.verdict, evidence: jsonEvidence(f.evidence) })),
    // Annotations stored before hints existed have none.
    hints: (annotation.hints ?? []).map((h) => ({ signal: h.signal, evidence: jsonEvidence(h.evidence) })),
    purposes: [...annotation.purposes],
  };
  return file === undefined ? entry : { file, ...entry };
}
