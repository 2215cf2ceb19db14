/**
 * The shapes of `telltale diff --json` (diff-output.schema.json), exactly
 * `{ added, removed, changed: [{ before, after }], summary }`. lib/diff computes them; the CLI prints them.
 */
import type { Verdict } from '../policy/types';

/** The evidence of one flow as the CLI and the report show it; `value` is already redacted. */
export interface FlowExample {
  url: string;
  path: string;
  value: string;
}

/** One flow: exactly one of `item` / `kind`, printed first. */
export interface Flow {
  item?: string;
  kind?: string;
  feature: string;
  host: string;
  /** Least favourable verdict the flow had anywhere in the capture. */
  verdict: Verdict;
  /** Requests that carried it. */
  requests: number;
  example: FlowExample;
}

export interface SideSummary {
  requests: number;
  flows: number;
}

export interface DiffSummary {
  before: SideSummary;
  after: SideSummary;
  added: number;
  removed: number;
  /** Flows in both whose verdict got worse (clear → vague → omitted → incorrect). */
  worse: number;
  /** Flows in both whose verdict got better. */
  better: number;
  /** Flows in both with the same verdict. */
  unchanged: number;
}

export interface DiffJson {
  added: Flow[];
  removed: Flow[];
  changed: { before: Flow; after: Flow }[];
  summary: DiffSummary;
}
