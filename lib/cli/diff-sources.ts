/**
 * One side of `telltale diff` read into flows: a HAR file, a directory of HAR files, a Telltale export (HAR
 * or JSON) or saved `telltale check --json` output. Every file is streamed with the same reader `check`
 * uses (textChunks, then HarEntryScanner), so memory stays bounded by the largest entry plus the flows.
 * A HAR entry is classified as `check` classifies it; a `check --json` entry already carries its result.
 */
import { classify, type ClassifyOptions } from '../classify/index';
import { expandInputs, textChunks } from './files';
import { HarError } from '../har/errors';
import { readHarStream } from '../har/stream';
import { HarEntryScanner } from '../har/scanner';
import { VERDICTS, type Verdict } from '../policy/types';
import { FlowCounter, type FlowEntry } from '../diff/flows';

/** Where a flow's example was found: the file and the entry's index in it. */
export interface FileRef {
  file: string;
  index: number;
}

const FIRST_KEY = /^\uFEFF?\s*\{\s*"((?:[^"\\]|\\.)*)"/;

/** The first chunks of a file, enough to see its first key, and the rest of the chunks after them. */
async function peekFirstKey(chunks: AsyncIterator<string>): Promise<{ key: string | undefined; head: string; all: AsyncGenerator<string> }> {
  const head: string[] = [];
  let text = '';
  let ended = false;
  while (!FIRST_KEY.test(text) && text.length < 4096) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    text += next.value;
  }
  async function* all(): AsyncGenerator<string> {
    yield* head;
    if (ended) return;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  return { key: FIRST_KEY.exec(text)?.[1], head: text, all: all() };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isVerdict(v: unknown): v is Verdict {
  return typeof v === 'string' && (VERDICTS as readonly string[]).includes(v);
}

function flowsOf(list: unknown, name: 'item' | 'kind', where: string): Array<{ id: string; verdict: Verdict; evidence: Array<{ path: string; value: string }> }> {
  if (!Array.isArray(list)) throw new HarError(`${where}: not an array`);
  return list.map((raw, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(raw) || typeof raw[name] !== 'string') throw new HarError(`${at}: "${name}" is missing`);
    if (!isVerdict(raw.verdict)) throw new HarError(`${at}: "verdict" must be one of ${VERDICTS.join(', ')}`);
    const evidence = Array.isArray(raw.evidence) ? raw.evidence : [];
    return {
      id: raw[name] as string,
      verdict: raw.verdict,
      evidence: evidence.filter(isObject).map((e) => ({ path: String(e.path ?? ''), value: String(e.value ?? '') })),
    };
  });
}

/** One entry of `check --json` output (or of the JSON export) as a FlowEntry; throws HarError naming it. */
export function checkEntryToFlowEntry(raw: unknown, index: number): FlowEntry {
  const where = `entry ${index}`;
  if (!isObject(raw)) throw new HarError(`${where}: not an object`);
  if (typeof raw.url !== 'string') throw new HarError(`${where}: "url" is missing`);
  if (!Array.isArray(raw.features) || !raw.features.every((f) => typeof f === 'string')) throw new HarError(`${where}: "features" must be a list of feature ids`);
  return {
    url: raw.url,
    features: raw.features as string[],
    items: flowsOf(raw.items, 'item', `${where}: items`).map((f) => ({ item: f.id, verdict: f.verdict, evidence: f.evidence })),
    findings: flowsOf(raw.findings ?? [], 'kind', `${where}: findings`).map((f) => ({ kind: f.id, verdict: f.verdict, evidence: f.evidence })),
  };
}

/** `check --json` and the JSON export name their policy first: `{"policy":"lync-2012",…`. */
const POLICY_ID = /^\uFEFF?\s*\{\s*"policy"\s*:\s*"((?:[^"\\]|\\.)*)"/;

async function countFile(file: string, counter: FlowCounter<FileRef>, options: SideOptions): Promise<void> {
  const { key, head, all } = await peekFirstKey(textChunks(file)[Symbol.asyncIterator]());
  if (key === undefined || key === 'log') {
    for await (const { index, request } of readHarStream(all)) {
      const annotation = classify(request, options);
      counter.add({ url: request.url, ...annotation }, { file, index });
    }
    return;
  }
  // Verdicts saved under another policy differ for that reason alone; say so rather than report them as changes.
  const saved = POLICY_ID.exec(head)?.[1];
  if (saved !== undefined && options.policy && saved !== options.policy.id) {
    options.warn(`${file} was checked against policy '${saved}', not '${options.policy.id}': its verdicts are that policy's`);
  }
  const scanner = new HarEntryScanner('root');
  let index = 0;
  for await (const chunk of all) {
    for (const entry of scanner.push(chunk)) {
      counter.add(checkEntryToFlowEntry(entry, index), { file, index });
      index++;
    }
  }
  scanner.end();
}

/**
 * The flows of one side. Throws InputError (missing path, no HAR in a directory, not UTF-8) or HarError
 * (malformed file), each message naming the file as `check` names it.
 */
export interface SideOptions extends ClassifyOptions {
  /** A note for stderr that does not stop the diff. */
  warn: (message: string) => void;
}

export async function readSide(input: string, options: SideOptions): Promise<FlowCounter<FileRef>> {
  const counter = new FlowCounter<FileRef>();
  for (const file of await expandInputs([input])) {
    try {
      await countFile(file, counter, options);
    } catch (err) {
      if (err instanceof HarError) throw new HarError(`${file}: ${err.message}`);
      throw err;
    }
  }
  return counter;
}
