/** The report page's storage and file adapters: IndexedDB reads, exports as downloads, HAR import by message. */
import { redactObservationBody } from '../../lib/classify/kept-body';
import type { Policy } from '../../lib/policy/types';
import type { StoreReader } from '../../lib/store/read';
import { MAX_IMPORT_CHUNK_CHARS, type createClient } from '../../lib/messages';
import type { Observation, Recording } from '../../lib/model';
import { buildCsvExport, buildHar, buildJsonExport, exportFileName, serializeJson, type ExportContext } from '../../lib/export';
import type { Scope } from '../../components/report/ScopeList';
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
  const list =
    scope === 'log'
      ? (await db.observations({ limit: MAX_ROWS })).filter((o) => !o.requestId.startsWith('har:'))
      : await db.observations({ recordingId: scope, limit: MAX_ROWS });
  return list.reverse();
}

export interface PageFacts {
  policy: Policy;
  policyText: string;
  extensionVersion: string;
  userAgent: string;
}

export function exportContext(facts: PageFacts, scope: Scope, recording: Recording | undefined, observations: Observation[], raw: boolean): ExportContext {
  const first = observations[0]?.time ?? Date.now();
  const source: ExportContext['source'] =
    scope === 'log' || !recording
      ? { kind: 'log', title: 'Passive log', startedAt: first, endedAt: observations[observations.length - 1]?.time, rawEvidence: false }
      : {
          kind: observations.length > 0 && observations.every((o) => o.requestId.startsWith('har:')) ? 'import' : 'recording',
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

/** Sends a HAR file to the background, which classifies and stores it as a new recording. */
export async function importFile(request: ReturnType<typeof createClient>, file: File): Promise<{ recording: Recording; count: number }> {
  const { importId } = await request('import/start', { fileName: file.name });
  for await (const text of fileChunks(file, MAX_IMPORT_CHUNK_CHARS)) await request('import/chunk', { importId, text });
  return request('import/finish', { importId });
}
