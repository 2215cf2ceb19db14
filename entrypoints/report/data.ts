/** The report page's storage and file adapters: IndexedDB reads, exports as downloads, HAR import by message. */
import { redactObservationBody } from '../../lib/classify/kept-body';
import type { Policy } from '../../lib/policy/types';
import type { StoreReader } from '../../lib/store/read';
import { MAX_IMPORT_CHUNK_CHARS, type createClient } from '../../lib/messages';
import type { Observation, Recording } from '../../lib/model';
import { buildCsvExport, buildHar, buildJsonExport, exportFileName, serializeJson, type ExportContext } from '../../lib/export';
import { isImport, tabOf, type Scope } from '../../components/report/scope';
import type { ExportKind } from '../../components/report/Report';

/** Enough for the 100k-row table; a scope with more shows its newest this many. */
export const MAX_ROWS = 200_000;

export async function loadRecordings(db: StoreReader): Promise<Array<{ recording: Recording; requests: number }>> {
  const recordings = await db.recordings();
  return Promise.all(recordings.map(async (recording) => ({ recording, requests: (await db.aggregate(`rec:${recording.id!}`))?.requests ?? 0 })));
}

export async function logCount(db: StoreReader): Promise<number | undefined> {
  return (await db.aggregate('log'))?.requests;
}

/** A scope's observations, oldest first. The passive log leaves imported files out. */
export async function loadObservations(db: StoreReader, scope: Scope): Promise<Observation[]> {
  const tabId = tabOf(scope);
  const list =
    scope === 'log'
      ? (await db.observations({ limit: MAX_ROWS })).filter((o) => !o.requestId.startsWith('har:'))
      : tabId !== undefined
        ? await db.observations({ tabId, limit: MAX_ROWS })
        : await db.observations({ recordingId: scope as number, limit: MAX_ROWS });
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

/** The file's text in pieces of at most `max` characters, decoded as it streams. */
async function* fileChunks(file: Blob, max: number): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (let i = 0; i < value.length; i += max) yield value.slice(i, i + max);
    }
  } finally {
    reader.releaseLock();
  }
}

export interface ImportProgressReport {
  /** 0..1 of the file sent to the background; 1 while it annotates and stores. */
  fraction: number;
  /** Characters sent so far. */
  chars: number;
}

/** Pieces small enough for a progress bar that moves, well under the message's limit. */
const PROGRESS_CHUNK_CHARS = Math.min(MAX_IMPORT_CHUNK_CHARS, 1 << 20);

/**
 * Sends a HAR file to the background, which classifies and stores it as a new recording (in slices, so the
 * worker keeps answering). The page only reads and sends, so it never blocks; progress follows the sending.
 */
export async function importFile(
  request: ReturnType<typeof createClient>,
  file: File,
  onProgress?: (p: ImportProgressReport) => void,
): Promise<{ recording: Recording; count: number }> {
  // Characters and bytes differ for non-ASCII text; the bar only needs to move the right way.
  const total = Math.max(1, file.size);
  const { importId } = await request('import/start', { fileName: file.name });
  for await (const text of fileChunks(file, PROGRESS_CHUNK_CHARS)) {
    const { received } = await request('import/chunk', { importId, text });
    onProgress?.({ fraction: Math.min(1, received / total), chars: received });
  }
  onProgress?.({ fraction: 1, chars: total });
  return request('import/finish', { importId });
}
