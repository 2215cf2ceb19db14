/** The report page's storage and file adapters: IndexedDB reads, exports as downloads, HAR import. */
import { classify } from '../../lib/classify/index';
import { redactObservationBody } from '../../lib/classify/kept-body';
import type { Policy } from '../../lib/policy/types';
import { getAggregate, listObservations, listRecordings, type TelltaleDatabase } from '../../lib/store';
import type { Observation, Recording } from '../../lib/model';
import { buildCsvExport, buildHar, buildJsonExport, exportFileName, importHar, serializeJson, type ExportContext } from '../../lib/export';
import { isImport, tabOf, type Scope } from '../../components/report/scope';
import type { ExportKind } from '../../components/report/Report';

/** Enough for the 100k-row table; a scope with more shows its newest this many. */
export const MAX_ROWS = 200_000;

export async function loadRecordings(db: TelltaleDatabase): Promise<Array<{ recording: Recording; requests: number }>> {
  const recordings = await listRecordings(db);
  return Promise.all(
    recordings.map(async (recording) => ({ recording, requests: (await getAggregate(db, `rec:${recording.id!}`))?.requests ?? 0 })),
  );
}

export async function logCount(db: TelltaleDatabase): Promise<number | undefined> {
  return (await getAggregate(db, 'log'))?.requests;
}

/** A scope's observations, oldest first. The passive log leaves imported files out. */
export async function loadObservations(db: TelltaleDatabase, scope: Scope): Promise<Observation[]> {
  const tabId = tabOf(scope);
  const list =
    scope === 'log'
      ? (await listObservations(db, { limit: MAX_ROWS })).filter((o) => !o.requestId.startsWith('har:'))
      : tabId !== undefined
        ? await listObservations(db, { tabId, limit: MAX_ROWS })
        : await listObservations(db, { recordingId: scope as number, limit: MAX_ROWS });
  return list.reverse();
}

export interface PageFacts {
  policy: Policy;
  policyText: string;
  extensionVersion: string;
  userAgent: string;
}

/** `title` names the scope in the manifest: the recording's title, or the page's name for the log or a tab. */
export function exportContext(facts: PageFacts, scope: Scope, recording: Recording | undefined, observations: Observation[], raw: boolean, title = 'Passive log'): ExportContext {
  const first = observations[0]?.time ?? Date.now();
  // A tab's requests are a slice of the passive log: no bodies, no recording.
  const source: ExportContext['source'] =
    typeof scope !== 'number' || !recording
      ? { kind: 'log', title, startedAt: first, endedAt: observations[observations.length - 1]?.time, rawEvidence: false }
      : {
          kind: isImport(recording) ? 'import' : 'recording',
          title: recording.title,
          recordingId: recording.id,
          notes: recording.notes,
          startedAt: recording.startedAt,
          endedAt: recording.endedAt,
          rawEvidence: recording.rawEvidence,
        };
  return {
    extensionVersion: facts.extensionVersion,
    browser: recording?.browser ?? facts.userAgent,
    policyId: facts.policy.id,
    policyText: facts.policyText,
    source,
    exportedAt: Date.now(),
    raw,
  };
}

/** The export's file name and text. */
export function exportText(kind: ExportKind, observations: Observation[], ctx: ExportContext): { name: string; text: string; type: string } {
  switch (kind) {
    case 'har':
      // A raw-evidence recording's bodies go out redacted unless the export asks for raw values.
      return { name: exportFileName(ctx, 'har'), text: serializeJson(buildHar(observations, ctx, { redactBody: redactObservationBody })), type: 'application/json' };
    case 'json':
      return { name: exportFileName(ctx, 'json'), text: serializeJson(buildJsonExport(observations, ctx)), type: 'application/json' };
    case 'csv':
      return { name: exportFileName(ctx, 'csv'), text: buildCsvExport(observations, ctx).text, type: 'text/csv' };
  }
}

/** Saves text as a download through an object URL (no downloads permission needed). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file's text in pieces, counting bytes read for the progress bar. */
async function* fileChunks(file: Blob, onBytes: (bytes: number) => void): AsyncGenerator<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        const rest = decoder.decode();
        if (rest) yield rest;
        return;
      }
      bytes += value.byteLength;
      onBytes(bytes);
      yield decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
}

export interface ImportProgressReport {
  /** 0..1 of the file's bytes read. */
  fraction: number;
  entries: number;
}

/**
 * Annotates and stores a HAR file in slices of at most ~50 ms, reporting progress between slices, so the page
 * keeps answering while a large file is read.
 */
export async function importFile(
  db: TelltaleDatabase,
  file: File,
  facts: PageFacts,
  onProgress?: (p: ImportProgressReport) => void,
): Promise<{ recording: Recording; count: number }> {
  let bytes = 0;
  const total = Math.max(1, file.size);
  return importHar(
    db,
    fileChunks(file, (b) => (bytes = b)),
    {
      classify: (request) => classify(request, { policy: facts.policy }),
      fileName: file.name,
      extensionVersion: facts.extensionVersion,
      policyId: facts.policy.id,
      now: Date.now(),
      onProgress: ({ entries }) => onProgress?.({ fraction: Math.min(1, bytes / total), entries }),
    },
  );
}
