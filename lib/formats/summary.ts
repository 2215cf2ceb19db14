/**
 * The summary across every checked request, built incrementally so `telltale check` can stream files of
 * any size. Shape documented in check-output.schema.json ("summary").
 */
import { VERDICTS, type Verdict } from '../policy/types';
import type { Annotation } from '../model';

export type VerdictCounts = Record<Verdict, number>;

export interface FlowSummary {
  /** Requests that carried this item / content kind. */
  entries: number;
  /** Files in which it was seen. */
  files: number;
  verdicts: VerdictCounts;
}

export interface FeatureSummary {
  entries: number;
  files: number;
}

export interface FileSummary {
  file: string;
  entries: number;
  verdicts: VerdictCounts;
}

export interface CheckSummary {
  /** Number of HAR files read. */
  files: number;
  /** Number of requests (HAR entries) checked. */
  entries: number;
  /** Flows (items + findings, one per request each) by verdict. */
  verdicts: VerdictCounts;
  /** Least favourable verdict of any flow; null when nothing flowed. */
  worst: Verdict | null;
  features: Record<string, FeatureSummary>;
  items: Record<string, FlowSummary>;
  findings: Record<string, FlowSummary>;
  /** Hints by signal id (no verdicts: a hint is not a flow). */
  hints: Record<string, FeatureSummary>;
  /** Per-file counts; present only when several files were checked. */
  perFile?: FileSummary[];
}

function zeroVerdicts(): VerdictCounts {
  return { clear: 0, vague: 0, omitted: 0, incorrect: 0 };
}

export class SummaryBuilder {
  private readonly summary: CheckSummary = {
    files: 0,
    entries: 0,
    verdicts: zeroVerdicts(),
    worst: null,
    features: {},
    items: {},
    findings: {},
    hints: {},
  };
  private readonly perFile: FileSummary[] = [];
  private currentFile: FileSummary | undefined;
  /** Keys already counted for the current file, for the `files` counters. */
  private seenInFile = new Set<string>();

  startFile(file: string): void {
    this.summary.files++;
    this.currentFile = { file, entries: 0, verdicts: zeroVerdicts() };
    this.perFile.push(this.currentFile);
    this.seenInFile = new Set();
  }

  add(annotation: Annotation): void {
    const s = this.summary;
    s.entries++;
    if (this.currentFile) this.currentFile.entries++;
    for (const feature of annotation.features) {
      const f = (s.features[feature] ??= { entries: 0, files: 0 });
      f.entries++;
      if (this.firstInFile(`feature:${feature}`)) f.files++;
    }
    for (const flow of annotation.items) this.flow(s.items, `item:${flow.item}`, flow.item, flow.verdict);
    for (const finding of annotation.findings) this.flow(s.findings, `finding:${finding.kind}`, finding.kind, finding.verdict);
    for (const hint of annotation.hints ?? []) {
      const h = (s.hints[hint.signal] ??= { entries: 0, files: 0 });
      h.entries++;
      if (this.firstInFile(`hint:${hint.signal}`)) h.files++;
    }
  }

  private firstInFile(key: string): boolean {
    if (this.seenInFile.has(key)) return false;
    this.seenInFile.add(key);
    return true;
  }

  private flow(table: Record<string, FlowSummary>, key: string, id: string, verdict: Verdict): void {
    const row = (table[id] ??= { entries: 0, files: 0, verdicts: zeroVerdicts() });
    row.entries++;
    row.verdicts[verdict]++;
    if (this.firstInFile(key)) row.files++;
    this.summary.verdicts[verdict]++;
    if (this.currentFile) this.currentFile.verdicts[verdict]++;
    if (this.summary.worst === null || VERDICTS.indexOf(verdict) > VERDICTS.indexOf(this.summary.worst)) {
      this.summary.worst = verdict;
    }
  }

  result(): CheckSummary {
    return this.perFile.length > 1 ? { ...this.summary, perFile: this.perFile } : { ...this.summary };
  }
}

/** True when some flow is at least as bad as `threshold` (vague means vague or worse). */
export function failsOn(summary: CheckSummary, threshold: Verdict): boolean {
  return summary.worst !== null && VERDICTS.indexOf(summary.worst) >= VERDICTS.indexOf(threshold);
}
