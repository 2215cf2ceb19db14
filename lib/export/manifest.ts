/**
 * The manifest every export carries: what made it (extension version, browser), against which policy text
 * (id + SHA-256 of the verbatim text), what it covers (recording or log, times, entry count) and whether
 * values are redacted. Its hash starts the entry hash chain.
 */
import { sha256Hex } from '../util/sha256';
import type { ChainBlock } from './chain';

export const EXPORT_FORMAT = 'telltale-export';
export const EXPORT_FORMAT_VERSION = 1;

export type ExportKind = 'har' | 'json' | 'csv';

/** What is being exported: a recording, the passive log, or an imported HAR file. */
export interface ExportSource {
  kind: 'recording' | 'log' | 'import';
  title: string;
  recordingId?: number;
  notes?: string;
  /** Epoch ms. */
  startedAt: number;
  endedAt?: number;
  /** The recording kept unredacted evidence values. */
  rawEvidence: boolean;
}

export interface ExportContext {
  extensionVersion: string;
  browser: string;
  policyId: string;
  /** The verbatim policy text the verdicts were made against; its SHA-256 goes in the manifest. */
  policyText: string;
  source: ExportSource;
  /** Epoch ms. */
  exportedAt: number;
  /** Ask for raw values; honoured only when the source kept raw evidence. */
  raw?: boolean;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  export: ExportKind;
  extensionVersion: string;
  browser: string;
  policy: { id: string; sha256: string };
  source: {
    kind: ExportSource['kind'];
    title: string;
    recordingId?: number;
    notes?: string;
    startedAt: string;
    endedAt?: string;
    rawEvidence: boolean;
  };
  /** Time of the first and last entry (ISO), when there are entries. */
  firstEntryAt?: string;
  lastEntryAt?: string;
  entryCount: number;
  exportedAt: string;
  /** False only when raw values were asked for and the source kept them. */
  redacted: boolean;
  /** SHA-256 of the canonical JSON of the document outside entries and manifest (see frame.ts). */
  frame?: string;
  chain?: ChainBlock;
}

/** Raw values leave only when asked for and the recording was made with raw evidence on. */
export function exportsRaw(ctx: ExportContext): boolean {
  return ctx.raw === true && ctx.source.rawEvidence;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function buildManifest(ctx: ExportContext, kind: ExportKind, entryTimes: readonly number[]): ExportManifest {
  const s = ctx.source;
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    export: kind,
    extensionVersion: ctx.extensionVersion,
    browser: ctx.browser,
    policy: { id: ctx.policyId, sha256: sha256Hex(ctx.policyText) },
    source: { kind: s.kind, title: s.title, startedAt: iso(s.startedAt), rawEvidence: s.rawEvidence },
    entryCount: entryTimes.length,
    exportedAt: iso(ctx.exportedAt),
    redacted: !exportsRaw(ctx),
  };
  if (s.recordingId !== undefined) manifest.source.recordingId = s.recordingId;
  if (s.notes) manifest.source.notes = s.notes;
  if (s.endedAt !== undefined) manifest.source.endedAt = iso(s.endedAt);
  if (entryTimes.length) {
    let first = Infinity;
    let last = -Infinity;
    for (const t of entryTimes) {
      if (t < first) first = t;
      if (t > last) last = t;
    }
    manifest.firstEntryAt = iso(first);
    manifest.lastEntryAt = iso(last);
  }
  return manifest;
}

/** The one layout every JSON-based export is written in; verify re-serializes and compares byte for byte. */
export function serializeJson(doc: unknown): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
