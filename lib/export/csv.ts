/**
 * CSV export (RFC 4180: comma separated, CRLF, quotes doubled) for spreadsheets: one row per request, then
 * one closing record `#telltale-manifest,<manifest JSON>`. The last column of each row is the row's chain
 * hash, computed over the row's other cells as written, so `telltale verify` checks a CSV like a HAR.
 *
 * Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading
 * apostrophe; plain numbers such as -1 are left as they are.
 */
import type { Observation, Annotation, Evidence } from '../model';
import { buildManifest, exportsRaw, type ExportContext, type ExportManifest } from './manifest';
import { exportAnnotation } from '../redact/annotation';
import { seal } from './frame';
import { canonicalJson } from './canonical';
import { displayParts } from '../util/url';

export const CSV_COLUMNS = [
  'index',
  'time',
  'method',
  'host',
  'url',
  'type',
  'status',
  'features',
  'items',
  'findings',
  'purposes',
  'evidence',
  'chain',
] as const;

export const CSV_MANIFEST_MARK = '#telltale-manifest';

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Neutralises a cell a spreadsheet would evaluate. */
export function neutralizeCell(value: string): string {
  if (NUMBER.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One cell, quoted only when it must be (a deterministic rule, so verify can re-serialize byte for byte). */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRecord(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * Parses RFC 4180 CSV into records of cells. Returns undefined for malformed input (a quote inside an
 * unquoted cell, text after a closing quote, an unclosed quote).
 */
export function parseCsv(text: string): string[][] | undefined {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return undefined;
        cell += text.slice(i, q);
        if (text[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') return undefined;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') {
        if (text[j] === '"') return undefined;
        j++;
      }
      cell = text.slice(i, j);
      i = j;
    }
    record.push(cell);
    if (i >= n) {
      records.push(record);
      return records;
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    // End of record: CRLF or a bare LF.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    records.push(record);
    record = [];
    if (i >= n) return records;
  }
}

function hostOf(url: string): string {
  return displayParts(url).host;
}

function evidenceCell(a: Annotation): string {
  const parts: string[] = [];
  const add = (subject: string, list: readonly Evidence[]) => {
    for (const e of list) parts.push(e.value ? `${subject} ${e.path}=${e.value}` : `${subject} ${e.path}`);
  };
  for (const i of a.items) add(i.item, i.evidence);
  for (const f of a.findings) add(f.kind, f.evidence);
  return parts.join(' | ');
}

/** The cells of one row, before the chain column, neutralised. */
export function csvRow(obs: Observation, index: number, annotation: Annotation): string[] {
  return [
    String(index),
    new Date(Number.isFinite(obs.time) ? obs.time : 0).toISOString(),
    obs.method,
    hostOf(obs.url),
    obs.url,
    obs.type,
    String(obs.status),
    annotation.features.join(';'),
    annotation.items.map((i) => `${i.item}:${i.verdict}`).join(';'),
    annotation.findings.map((f) => `${f.kind}:${f.verdict}`).join(';'),
    annotation.purposes.join(';'),
    evidenceCell(annotation),
  ].map(neutralizeCell);
}

export interface CsvExport {
  text: string;
  manifest: ExportManifest;
}

export function buildCsvExport(observations: readonly Observation[], ctx: ExportContext): CsvExport {
  const raw = exportsRaw(ctx);
  const rows = observations.map((obs, i) => csvRow(obs, i, exportAnnotation(obs.annotation, ctx.source.rawEvidence, raw)));
  const manifest = buildManifest(ctx, 'csv', observations.map((o) => o.time));
  const hashes = seal(manifest, [...CSV_COLUMNS], rows);
  const lines = [csvRecord(CSV_COLUMNS), ...rows.map((cells, i) => csvRecord([...cells, hashes[i]!]))];
  // Canonical JSON keeps the record on one line and is what verify hashes anyway.
  lines.push(csvRecord([CSV_MANIFEST_MARK, canonicalJson(manifest)]));
  return { text: lines.join('\r\n') + '\r\n', manifest };
}
