/**
 * `telltale diff BEFORE AFTER`: reads both sides into flows (streaming, as `check` does), compares them and
 * prints the difference as JSON or as readable lines. Exit 1 for --fail-on new (anything added) or worse
 * (added, or a verdict got worse); 2 for unreadable input, with the messages `check` gives.
 */
import type { DiffCommand } from './args';
import { EXIT_FAIL_ON, EXIT_INPUT, EXIT_OK, policyFrom, rulesFrom, type Io } from './check';
import { InputError } from './files';
import { HarError } from '../har/errors';
import { diffFlows, type FlowDiff } from '../diff/compare';
import { diffJson } from '../diff/json';
import { diffText } from '../diff/text-output';
import { readSide, type FileRef } from './diff-sources';

/** True when the difference fails the gate: `new` on any added flow, `worse` also on a worse verdict. */
export function failsGate(diff: FlowDiff<unknown>, failOn: DiffCommand['failOn']): boolean {
  if (!failOn) return false;
  if (diff.summary.added > 0) return true;
  return failOn === 'worse' && diff.summary.worse > 0;
}

export async function runDiff(cmd: DiffCommand, io: Io): Promise<number> {
  let diff: FlowDiff<FileRef>;
  let policy;
  try {
    policy = await policyFrom(cmd.policy);
    const rules = await rulesFrom(cmd.rules);
    const warn = (message: string) => io.err(`telltale: warning: ${message}\n`);
    const options = { policy, warn, ...(rules ? { rules } : {}) };
    const before = await readSide(cmd.before, options);
    const after = await readSide(cmd.after, options);
    diff = diffFlows(before.result(), after.result(), { before: before.requests, after: after.requests });
  } catch (err) {
    if (err instanceof HarError || err instanceof InputError) {
      io.err(`telltale: ${err.message}\n`);
      return EXIT_INPUT;
    }
    throw err;
  }
  await io.out(cmd.json ? JSON.stringify(diffJson(diff), null, 2) + '\n' : diffText(diff, policy));
  return failsGate(diff, cmd.failOn) ? EXIT_FAIL_ON : EXIT_OK;
}
