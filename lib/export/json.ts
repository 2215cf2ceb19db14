/**
 * JSON export in exactly the shape of `telltale check --json` (entries built by the CLI's own jsonEntry,
 * summary by its SummaryBuilder), plus one top-level `integrity` block: the manifest and the chain hash of
 * every entry, in entry order. Entries are left exactly as the CLI writes them.
 */
import type { Observation, Annotation } from '../model';
import { jsonEntry, type JsonEntry } from '../formats/check-output';
import { SummaryBuilder, type CheckSummary } from '../formats/summary';
import { buildManifest, exportsRaw, type ExportContext, type ExportManifest } from './manifest';
import { exportAnnotation } from '../redact/annotation';
import { seal } from './frame';

export interface JsonExport {
  policy: string;
  entries: JsonEntry[];
  summary: CheckSummary;
  integrity: { manifest: ExportManifest; chain: string[] };
}

/** The summary as `telltale check` computes it for one file, rebuilt from JSON entries (verify uses this). */
export function summaryOfEntries(entries: readonly JsonEntry[], file: string): CheckSummary {
  const builder = new SummaryBuilder();
  builder.startFile(file);
  for (const e of entries) builder.add(annotationOf(e));
  return builder.result();
}

/** Enough of an annotation for the summary: features and the verdict of each item and finding. */
function annotationOf(e: JsonEntry): Annotation {
  return {
    policy: '',
    features: e.features as Annotation['features'],
    purposes: e.purposes,
    items: e.items.map((i) => ({ item: i.item, verdict: i.verdict, clause: '', evidence: [] })) as Annotation['items'],
    findings: e.findings.map((f) => ({ kind: f.kind, verdict: f.verdict, clause: '', evidence: [] })) as Annotation['findings'],
    hints: (e.hints ?? []).map((h) => ({ signal: h.signal, evidence: [] })),
    body: { format: 'none', gzip: false, truncated: false, undecodable: false, size: 0 },
  };
}

/** The JSON document outside entries and manifest (what `manifest.frame` hashes). */
export function jsonFrame(doc: Record<string, unknown>): unknown {
  const { entries: _entries, integrity: _integrity, ...rest } = doc;
  return rest;
}

/** The file name the summary counts the export under (the CLI counts by file). */
export function exportFileName(ctx: ExportContext, ext: string): string {
  const safe = ctx.source.title.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'telltale';
  return `${safe}.${ext}`;
}

export function buildJsonExport(observations: readonly Observation[], ctx: ExportContext): JsonExport {
  const raw = exportsRaw(ctx);
  const entries = observations.map((obs, i) =>
    jsonEntry(
      i,
      { url: obs.url, method: obs.method, headers: [], type: obs.type, time: obs.time },
      exportAnnotation(obs.annotation, ctx.source.rawEvidence, raw),
    ),
  );
  const manifest = buildManifest(ctx, 'json', observations.map((o) => o.time));
  const doc: JsonExport = {
    policy: ctx.policyId,
    entries,
    summary: summaryOfEntries(entries, exportFileName(ctx, 'har')),
    integrity: { manifest, chain: [] },
  };
  doc.integrity.chain = seal(manifest, jsonFrame(doc as unknown as Record<string, unknown>), entries);
  return doc;
}
