/**
 * The panel's HAR export: the tab's listed requests, oldest first, through the shared HAR writer (lib/export),
 * so the file carries the manifest and hash chain and reads back in `telltale check` and `telltale verify`.
 *
 * A tab's requests can include some recorded in a raw-evidence recording, whose stored annotations keep
 * values verbatim. The export is always redacted, so those annotations are redacted first (lib/redact); the others
 * are already redacted as stored (redacting twice would change the masks).
 */
import { buildHar, exportFileName, serializeJson, type ExportContext } from '../../lib/export';
import { redactedForExport } from '../../lib/redact/annotation';
import type { Observation } from '../../lib/model';
import { oldestFirst } from './model';

export interface TabExportFacts {
  tabId: number;
  policyId: string;
  /** The verbatim policy text; its SHA-256 goes into the manifest. */
  policyText: string;
  extensionVersion: string;
  browser: string;
  /** Ids of recordings made with raw evidence on. */
  rawRecordingIds: ReadonlySet<number>;
  now: number;
}

export function tabExportContext(facts: TabExportFacts, observations: readonly Observation[]): ExportContext {
  const first = observations[0]?.time ?? facts.now;
  const last = observations[observations.length - 1]?.time;
  return {
    extensionVersion: facts.extensionVersion,
    browser: facts.browser,
    policyId: facts.policyId,
    policyText: facts.policyText,
    // A tab's requests come from the passive log (and recordings running meanwhile); 'log' is the closest
    // source kind, and the title says which tab.
    source: { kind: 'log', title: `Telltale tab ${facts.tabId}`, startedAt: first, endedAt: last, rawEvidence: false },
    exportedAt: facts.now,
    raw: false,
  };
}

/** File name and text of the HAR export of `observations` (any order). */
export function tabHar(observations: readonly Observation[], facts: TabExportFacts): { name: string; text: string; count: number } {
  const list = oldestFirst(observations).map((o) => redactedForExport(o, facts.rawRecordingIds));
  const ctx = tabExportContext(facts, list);
  return { name: exportFileName(ctx, 'har'), text: serializeJson(buildHar(list, ctx)), count: list.length };
}
