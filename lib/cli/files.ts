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

/** A HAR file (or stdin for '-') as UTF-8 text chunks; read errors become InputError. */
export async function* textChunks(file: string): AsyncGenerator<string> {
  const stream = file === '-' ? process.stdin.setEncoding('utf8') : createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) yield chunk as string;
  } catch (err) {
    if (err instanceof HarError) throw err;
    throw new InputError(`${file}: ${describe(err)}`);
  }
}

/** A whole small text file (policy, rules); errors become InputError naming the file. */
export async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`${what} ${file}: ${describe(err)}`);
  }
}
