/**
 * Entry point of the `telltale` command. Bundled to dist/cli.mjs by test/scripts/build-node.mjs (run by
 * `npm run prepare`); everything but the process wiring lives in run.ts.
 */
import type { Io } from './check';
import { runCli } from './run';

/**
 * A reader that stops early (`telltale check … | head`) closes the pipe: the next write fails with EPIPE.
 * Like other Unix tools, the command then stops quietly; there is no one left to read an error message.
 */
function stopQuietlyWhenThePipeCloses(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`telltale: cannot write the output: ${err.message}\n`);
    process.exit(3);
  });
}

/** stdout with backpressure: a full pipe pauses the check instead of buffering its output in memory. */
function processIo(): Io {
  return {
    out(text) {
      if (process.stdout.write(text)) return;
      return new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    },
    err(text) {
      process.stderr.write(text);
    },
  };
}

stopQuietlyWhenThePipeCloses();
runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`telltale: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 3;
  },
);
