/**
 * Streaming HAR reader: each element of `log.entries`, found by HarEntryScanner in a sequence of text chunks,
 * turned into a normalized request (with the annotation a Telltale export recorded for it), one at a time.
 */
import type { NormalizedRequest } from '../model';
import { entryToRequest } from './entry';
import { HarEntryScanner } from './scanner';

/** One HAR entry, normalized, with its index in `log.entries`. */
export interface HarRequest {
  index: number;
  request: NormalizedRequest;
  /** The annotation a Telltale export recorded for this entry (`_telltale.annotation`), when present. */
  recorded?: RecordedAnnotation;
}

/** The parts of a recorded annotation a re-check compares with: which flows were seen. */
export interface RecordedAnnotation {
  items: Array<{ item: string; verdict: string }>;
  findings: Array<{ kind: string; verdict: string }>;
}

function recordedOf(entry: unknown): RecordedAnnotation | undefined {
  const own = typeof entry === 'object' && entry !== null ? (entry as { _telltale?: { annotation?: unknown } })._telltale : undefined;
  const a = own?.annotation as Partial<RecordedAnnotation> | undefined;
  return a && Array.isArray(a.items) && Array.isArray(a.findings) ? (a as RecordedAnnotation) : undefined;
}

/**
 * Normalized requests from a stream of text chunks, one at a time. Throws HarError (from the iteration)
 * for malformed input, naming the entry or character position.
 */
export async function* readHarStream(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<HarRequest> {
  const scanner = new HarEntryScanner();
  let index = 0;
  for await (const chunk of chunks) {
    for (const entry of scanner.push(chunk)) {
      const recorded = recordedOf(entry);
      const request = entryToRequest(entry, index, scanner.pages);
      yield recorded ? { index, request, recorded } : { index, request };
      index++;
    }
  }
  scanner.end();
}
