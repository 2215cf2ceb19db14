/**
 * `telltale verify FILE`: checks a Telltale export (HAR, JSON or CSV) against its manifest and SHA-256 hash
 * chain. Exit 0 when intact, 1 when tampered (naming the first changed, removed or inserted entry), 2 when
 * the file cannot be read or is not a Telltale export.
 */
import { verifyExport } from '../export/verify';
import type { VerifyCommand } from './args';
import type { Io } from './check';
import { InputError, readText } from './files';

export const EXIT_VALID = 0;
export const EXIT_TAMPERED = 1;
export const EXIT_UNREADABLE = 2;

/** Verifies the text of an export and reports on io; returns the exit code. */
export async function verifyText(file: string, text: string, io: Io): Promise<number> {
  const result = verifyExport(text);
  switch (result.status) {
    case 'valid': {
      const m = result.manifest;
      await io.out(
        `${file}: ${result.message}\n` +
          `  ${result.kind.toUpperCase()} export of "${m.source.title}" (${m.source.kind}), ${m.exportedAt}\n` +
          `  policy ${m.policy.id} sha256:${m.policy.sha256}\n` +
          `  extension ${m.extensionVersion}, browser ${m.browser}, ${m.redacted ? 'redacted' : 'raw values'}\n` +
          (m.source.kind === 'log'
            ? '  passive log: request bodies were not kept, so `telltale check` on this file re-checks URLs and headers only; each entry keeps the annotation recorded with its body\n'
            : ''),
      );
      return EXIT_VALID;
    }
    case 'tampered':
      io.err(`telltale verify: ${file}: TAMPERED: ${result.message}\n`);
      return EXIT_TAMPERED;
    case 'unreadable':
      io.err(`telltale verify: ${file}: ${result.message}\n`);
      return EXIT_UNREADABLE;
  }
}

export async function runVerify(cmd: VerifyCommand, io: Io): Promise<number> {
  const file = cmd.inputs[0]!;
  let text: string;
  try {
    text = await readText(file, 'export');
  } catch (err) {
    io.err(`telltale verify: ${err instanceof InputError ? err.message : String(err)}\n`);
    return EXIT_UNREADABLE;
  }
  return verifyText(file, text, io);
}
