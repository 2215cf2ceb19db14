/** The CLI's file-system side: expanding FILE|DIR arguments and streaming a HAR file as text chunks. */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HarError } from '../har/errors';

/** A problem with an input path (missing, unreadable, a directory without HAR files). */
export class InputError extends Error {
  override name = 'InputError';
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

async function harFilesIn(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await harFilesIn(path)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.har')) found.push(path);
  }
  return found;
}

/** Files to check, in argument order; directories contribute their *.har files, recursively and sorted. */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    if (input === '-') {
      files.push(input);
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch (err) {
      throw new InputError(`${input}: ${describe(err)}`);
    }
    if (info.isDirectory()) {
      let inDir: string[];
      try {
        inDir = await harFilesIn(input);
      } catch (err) {
        throw new InputError(`${input}: ${describe(err)}`);
      }
      if (inDir.length === 0) throw new InputError(`${input}: no .har files in this directory`);
      files.push(...inDir);
    } else {
      files.push(input);
    }
  }
  return files;
}

/**
 * A HAR file (or stdin for '-') as UTF-8 text chunks; read errors become InputError. HAR is UTF-8 only: bytes
 * that are not UTF-8 (a Latin-1 or UTF-16 export) stop the read with their offset rather than being replaced
 * by U+FFFD, which would silently change the values being checked. A UTF-8 byte order mark is dropped.
 */
export async function* textChunks(file: string): AsyncGenerator<string> {
  const stream = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new InputError(`${file}: not UTF-8 text (an invalid byte sequence at or after byte ${offset}); HAR files are UTF-8`);
    }
  };
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
      const text = decode(bytes);
      offset += bytes.length;
      if (text) yield text;
    }
    const rest = decode();
    if (rest) yield rest;
  } catch (err) {
    if (err instanceof HarError || err instanceof InputError) throw err;
    throw new InputError(`${file}: ${describe(err)}`);
  }
}

/** A whole small UTF-8 text file (policy, rules); errors, and bytes that are not UTF-8, become InputError. */
export async function readText(file: string, what: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new InputError(`${what} ${file}: ${describe(err)}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${what} ${file}: not UTF-8 text`);
  }
}
