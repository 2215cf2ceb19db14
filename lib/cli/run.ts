/** The `telltale` command line, independent of the process it runs in (tests call it directly). */
import { parseArgs, USAGE, UsageError } from './args';
import { EXIT_INPUT, runCheck, type Io } from './check';
import { runVerify } from './verify';
import { runDiff } from './diff';

/** Runs the CLI with the given arguments; returns the exit code. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let cmd;
  try {
    cmd = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`telltale: ${err.message}\n\n${USAGE}`);
    return EXIT_INPUT;
  }
  switch (cmd.command) {
    case 'help':
      await io.out(USAGE);
      return 0;
    case 'verify':
      return runVerify(cmd, io);
    case 'check':
      return runCheck(cmd, io);
    case 'diff':
      return runDiff(cmd, io);
  }
}

