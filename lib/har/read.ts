/** Whole-file HAR reading, for files that fit in memory (the report page's import, tests, the library). */
import type { NormalizedRequest } from '../model';
import { HarError } from './errors';
import { entryToRequest, pagesOf } from './entry';
import { lineAndColumn } from '../util/text-position';

function positionText(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return `line ${line}, column ${column}`;
}

function parse(text: string): unknown {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(clean);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(message);
    const where = position ? ` at ${positionText(clean, Number(position[1]))}` : '';
    throw new HarError(`not a HAR file: invalid JSON${where} (${message})`);
  }
}

/** The `log` object of a parsed HAR document, or a HarError saying what is missing. */
export function harLog(doc: unknown): { entries: unknown[]; pages: unknown } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new HarError('not a HAR file: the top level is not a JSON object');
  const log = (doc as Record<string, unknown>).log;
  if (typeof log !== 'object' || log === null || Array.isArray(log)) throw new HarError('not a HAR file: "log" object is missing');
  const entries = (log as Record<string, unknown>).entries;
  if (!Array.isArray(entries)) throw new HarError('not a HAR file: "log.entries" is missing or not an array');
  return { entries, pages: (log as Record<string, unknown>).pages };
}

/**
 * Reads a HAR 1.2 document (text or already parsed) into normalized requests, one per entry, in entry
 * order (so the array index is the HAR entry index). Throws HarError for malformed input.
 */
export function readHar(input: string | unknown): NormalizedRequest[] {
  const doc = typeof input === 'string' ? parse(input) : input;
  const { entries, pages } = harLog(doc);
  const pageMap = pagesOf(pages);
  return entries.map((entry, index) => entryToRequest(entry, index, pageMap));
}
