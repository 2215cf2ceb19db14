/** A recording: a titled span of capture, optionally keeping raw evidence. */
export interface Recording {
  id?: number;
  title: string;
  notes: string;
  startedAt: number;
  endedAt?: number;
  browser: string;
  extensionVersion: string;
  policyId: string;
  /** Unredacted evidence values, opt-in with a warning. */
  rawEvidence: boolean;
  /** Set for an imported HAR file: its file name. Absent for recordings made in the browser. */
  importedFrom?: string;
}
