/**
 * Entry point of the `telltale` command. Bundled to dist/cli.mjs by test/scripts/build-node.mjs (run by
 * `npm run prepare`); everything but the process wiring lives in run.ts.
 */
import type { Io } from './check';
import { runCli } from './run';

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

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`telltale: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 3;
  },
);
