/**
 * HAR import: a HAR file from Chrome or Firefox DevTools, Playwright or Telltale is read entry by entry,
 * every request annotated offline by the same engine as live traffic (and `telltale check`), and only once
 * the whole file has been read is anything written: one transaction adds the recording, its observations
 * and its aggregate. A malformed file throws HarError before the first write, so the store is unchanged.
 */
import type { Annotation, NormalizedRequest, Observation, Recording } from '../model';
import type { TelltaleDatabase } from '../store/db';
import { storeImport, type ParsedImport } from '../store/import';
import { HarEntryScanner } from '../har/scanner';
import { entryToRequest } from '../har/entry';
import { HarError } from '../har/errors';
import { redactHeaders } from '../redact/headers';
import { isObject } from '../util/is-object';
import { originOf } from '../util/url';
import { heldBodyBytes } from '../util/body-size';

export { HarError };
export type { ParsedImport };

export interface ImportOptions {
  /** The engine: `classify` bound to the shipped policy (no browser profile: the file came from elsewhere). */
  classify: (request: NormalizedRequest) => Annotation;
  fileName: string;
  extensionVersion: string;
  policyId: string;
  /** Epoch ms, for an empty file's recording times. */
  now: number;
  /** Called after each slice of work with the characters read so far and the requests annotated. */
  onProgress?: (progress: { chars: number; entries: number }) => void;
  /**
   * Longest stretch of work (ms) before the import lets the event loop run (a page stays responsive while a
   * large file is annotated); default 50. 0 yields after every entry.
   */
  sliceMs?: number;
  /** Clock for the slices; default Date.now. */
  clock?: () => number;
}

/** Lets the event loop run: timers, messages and webRequest events get their turn before the import goes on. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function statusOf(entry: unknown): number {
  const status = isObject(entry) && isObject(entry.response) ? entry.response.status : undefined;
  return typeof status === 'number' && Number.isInteger(status) && status > 0 ? status : 0;
}

/** The creator or browser named in the HAR's `log`, found while scanning (for the recording's browser). */
function creatorLabel(head: string): string {
  // The browser that made the traffic when the file names one, else the tool that wrote the file.
  for (const key of ['browser', 'creator']) {
    const m = new RegExp(`"${key}"\\s*:\\s*\\{\\s*"name"\\s*:\\s*"([^"]{1,80})"(?:\\s*,\\s*"version"\\s*:\\s*"([^"]{0,40})")?`).exec(head);
    if (m) return `${m[1]}${m[2] ? ` ${m[2]}` : ''}`;
  }
  return 'unknown (imported HAR)';
}

/** One HAR entry as an annotated observation. */
function toObservation(entry: unknown, index: number, pages: HarEntryScanner['pages'], options: ImportOptions): Observation {
  const request = entryToRequest(entry, index, pages);
  // Credential values are never stored (as for live capture).
  const headers = redactHeaders(request.headers);
  return {
    requestId: `har:${options.fileName}#${index}`,
    time: request.time,
    tabId: -1,
    frameId: -1,
    clientOrigin: originOf(request.initiator) ?? '',
    url: request.url,
    method: request.method,
    type: request.type,
    status: statusOf(entry),
    requestSize: request.body ? heldBodyBytes(request.body) : -1,
    headers,
    annotation: options.classify({ ...request, headers }),
  };
}

/**
 * Reads and annotates a whole HAR file. `chunks` is the file's text in pieces (or one string). Throws
 * HarError naming the entry or position for a malformed file. Writes nothing.
 */
export async function parseHarImport(chunks: string | AsyncIterable<string> | Iterable<string>, options: ImportOptions): Promise<ParsedImport> {
  const scanner = new HarEntryScanner();
  const observations: Observation[] = [];
  const clock = options.clock ?? Date.now;
  const sliceMs = options.sliceMs ?? 50;
  let sliceStart = clock();
  let chars = 0;
  let head = '';
  const source = typeof chunks === 'string' ? [chunks] : chunks;
  for await (const chunk of source) {
    chars += chunk.length;
    if (head.length < 4096) head += chunk.slice(0, 4096 - head.length);
    for (const entry of scanner.push(chunk)) {
      observations.push(toObservation(entry, observations.length, scanner.pages, options));
      if (clock() - sliceStart >= sliceMs) {
        options.onProgress?.({ chars, entries: observations.length });
        await breathe();
        sliceStart = clock();
      }
    }
    options.onProgress?.({ chars, entries: observations.length });
  }
  scanner.end();
  let first = Infinity;
  let last = -Infinity;
  for (const o of observations) {
    if (o.time > 0 && o.time < first) first = o.time;
    if (o.time > last) last = o.time;
  }
  const recording: Recording = {
    title: options.fileName,
    // The page shows where it came from (importedFrom); notes are the user's own.
    notes: '',
    importedFrom: options.fileName,
    startedAt: Number.isFinite(first) ? first : options.now,
    endedAt: Number.isFinite(last) && last > 0 ? last : options.now,
    browser: creatorLabel(head),
    extensionVersion: options.extensionVersion,
    policyId: options.policyId,
    rawEvidence: false,
  };
  return { recording, observations };
}

/** Parse everything, then store: a malformed file rejects before any write. */
export async function importHar(
  db: TelltaleDatabase,
  chunks: string | AsyncIterable<string> | Iterable<string>,
  options: ImportOptions,
): Promise<{ recording: Recording; count: number }> {
  const parsed = await parseHarImport(chunks, options);
  const recording = await storeImport(db, parsed);
  return { recording, count: parsed.observations.length };
}
