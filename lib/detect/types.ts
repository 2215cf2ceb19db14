import type { Evidence } from '../model';

export interface Detection {
  /**
   * Standard computer information evidence; each Evidence has `signal` set to a SignalId. The first entry is
   * always the connection's IP address (see IP_CONNECTION_EVIDENCE).
   */
  signals: Evidence[];
  /** Content kinds and identifiers (ids from CONTENT_KIND_IDS / IDENTIFIER_IDS), one evidence each. */
  contents: { kind: string; evidence: Evidence }[];
  /**
   * Telemetry events in the body and how many of them are errors/exceptions (1DS/AI exception events, names
   * with Exception/Error/Crash, baseType ExceptionData, stack traces). An error report that is not a telemetry
   * event (e.g. a lone JSON document with a stack) shows only as `error-report` content.
   */
  events: { total: number; errors: number };
}
