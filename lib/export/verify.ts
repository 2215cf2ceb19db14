/**
 * Verifies a Telltale export (HAR, JSON or CSV) against its manifest and hash chain:
 *   1. the manifest hashes to the chain's start (else: the manifest was changed);
 *   2. every entry links to the one before it; the first broken link is named as changed, removed or
 *      inserted (see findChainProblem);
 *   3. the rest of the document hashes to `manifest.frame` (pages, creator, summary, CSV header);
 *   4. the file's bytes are exactly what the exporter writes for that content, so a changed byte that
 *      leaves the parsed content alike (whitespace, an escape spelt differently) is caught too.
 */
import { CHAIN_ALGORITHM, CHAIN_CANONICALIZATION, findChainProblem, manifestHash, type ChainedEntry, type ChainProblem } from './chain';
import { frameHash } from './frame';
import { canonicalJson } from './canonical';
import { harEntryContent, harFrame } from './har';
import { jsonFrame } from './json';
import { CSV_COLUMNS, CSV_MANIFEST_MARK, csvRecord, parseCsv } from './csv';
import { EXPORT_FORMAT, serializeJson, type ExportKind, type ExportManifest } from './manifest';
import { isObject } from '../util/is-object';

export type VerifyResult =
  | { status: 'valid'; kind: ExportKind; entries: number; manifest: ExportManifest; message: string }
  | { status: 'tampered'; kind: ExportKind; message: string; problem: TamperProblem }
  | { status: 'unreadable'; message: string };

export type TamperProblem = ChainProblem | { kind: 'manifest' } | { kind: 'frame' } | { kind: 'layout' };

export function describeProblem(p: TamperProblem): string {
  switch (p.kind) {
    case 'changed':
      return `entry ${p.index} was changed`;
    case 'removed':
      return `entry ${p.index} is missing (removed)`;
    case 'inserted':
      return `an entry was inserted at ${p.index}`;
    case 'head':
      return 'the chain head in the manifest does not match the last entry';
    case 'manifest':
      return 'the manifest was changed';
    case 'frame':
      return 'the file was changed outside its entries (pages, creator, summary or header)';
    case 'layout':
      return 'the file was edited: its bytes differ from what Telltale wrote, although the parsed content still matches';
  }
}

interface Parsed {
  kind: ExportKind;
  manifest: unknown;
  frame: unknown;
  entries: ChainedEntry[];
  /** The text the exporter would have written for this content. */
  rewrite: () => string;
}

function unreadable(message: string): VerifyResult {
  return { status: 'unreadable', message };
}

function checkManifest(m: unknown): m is ExportManifest {
  if (!isObject(m) || m.format !== EXPORT_FORMAT) return false;
  const chain = m.chain;
  return (
    typeof m.entryCount === 'number' &&
    typeof m.frame === 'string' &&
    isObject(chain) &&
    typeof chain.start === 'string' &&
    typeof chain.head === 'string'
  );
}

/** The chain block is outside the manifest hash, so every one of its fields is checked by value. */
function chainBlockIntact(chain: Record<string, unknown>): boolean {
  return (
    Object.keys(chain).sort().join(',') === 'algorithm,canonicalization,head,start' &&
    chain.algorithm === CHAIN_ALGORITHM &&
    chain.canonicalization === CHAIN_CANONICALIZATION
  );
}

function parseJsonExport(doc: Record<string, unknown>): Parsed | string {
  if (isObject(doc.log)) {
    const log = doc.log;
    if (!Array.isArray(log.entries)) return 'not a Telltale export: log.entries is missing';
    const manifest = isObject(log._telltale) ? log._telltale.manifest : undefined;
    if (manifest === undefined) return 'not a Telltale export: the HAR has no log._telltale.manifest';
    return {
      kind: 'har',
      manifest,
      frame: harFrame(doc),
      entries: log.entries.map((e) => ({
        content: harEntryContent(e),
        stored: isObject(e) && isObject(e._telltale) && typeof e._telltale.chain === 'string' ? e._telltale.chain : undefined,
      })),
      rewrite: () => serializeJson(doc),
    };
  }
  if (isObject(doc.integrity) && Array.isArray(doc.entries)) {
    const chain = Array.isArray(doc.integrity.chain) ? doc.integrity.chain : [];
    return {
      kind: 'json',
      manifest: doc.integrity.manifest,
      frame: jsonFrame(doc),
      entries: doc.entries.map((e, i) => ({ content: e, stored: typeof chain[i] === 'string' ? (chain[i] as string) : undefined })),
      rewrite: () => serializeJson(doc),
    };
  }
  return 'not a Telltale export: neither a HAR with log._telltale nor a JSON export with "integrity"';
}

function parseCsvExport(text: string): Parsed | string {
  const records = parseCsv(text);
  if (!records || records.length < 2) return 'not a Telltale export: unreadable CSV';
  const last = records[records.length - 1]!;
  if (last[0] !== CSV_MANIFEST_MARK || last.length !== 2) return `not a Telltale export: the last CSV record is not "${CSV_MANIFEST_MARK}"`;
  let manifest: unknown;
  try {
    manifest = JSON.parse(last[1]!);
  } catch {
    return 'not a Telltale export: the CSV manifest record is not JSON';
  }
  const rows = records.slice(1, -1);
  return {
    kind: 'csv',
    manifest,
    frame: records[0],
    entries: rows.map((r) => ({ content: r.slice(0, -1), stored: r.length > 1 ? r[r.length - 1] : undefined })),
    // The exporter writes the manifest as canonical JSON and every record with one quoting rule.
    rewrite: () =>
      [...records.slice(0, -1), [CSV_MANIFEST_MARK, canonicalJson(manifest)]].map((r) => csvRecord(r)).join('\r\n') + '\r\n',
  };
}

function parse(text: string): Parsed | string {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      return `unreadable: invalid JSON (${e instanceof Error ? e.message : String(e)})`;
    }
    if (!isObject(doc)) return 'not a Telltale export: the top level is not a JSON object';
    return parseJsonExport(doc);
  }
  if (trimmed.startsWith(CSV_COLUMNS[0])) return parseCsvExport(text);
  return 'not a Telltale export: neither JSON nor a Telltale CSV';
}

/** Checks an export's text; never throws. */
export function verifyExport(text: string): VerifyResult {
  const parsed = parse(text);
  if (typeof parsed === 'string') return unreadable(parsed);
  const { kind } = parsed;
  const tampered = (problem: TamperProblem): VerifyResult => ({ status: 'tampered', kind, problem, message: describeProblem(problem) });
  if (!checkManifest(parsed.manifest)) {
    // A manifest without the chain's fields cannot be checked at all; one that was edited still can.
    if (isObject(parsed.manifest) && parsed.manifest.format === EXPORT_FORMAT) return tampered({ kind: 'manifest' });
    return unreadable('not a Telltale export: the manifest is missing or incomplete');
  }
  const manifest = parsed.manifest;
  if (!chainBlockIntact(manifest.chain as unknown as Record<string, unknown>)) return tampered({ kind: 'manifest' });
  if (manifestHash(manifest as unknown as Record<string, unknown>) !== manifest.chain!.start) return tampered({ kind: 'manifest' });
  const problem = findChainProblem(manifest.chain!.start, manifest.chain!.head, manifest.entryCount, parsed.entries);
  if (problem) return tampered(problem);
  if (frameHash(parsed.frame) !== manifest.frame) return tampered({ kind: 'frame' });
  if (parsed.rewrite() !== text) return tampered({ kind: 'layout' });
  return {
    status: 'valid',
    kind,
    entries: parsed.entries.length,
    manifest,
    message: `valid: ${parsed.entries.length} entries, chain head ${manifest.chain!.head}`,
  };
}
