/** Command-line parsing for `telltale`. Pure: argv in, a command or a usage error out. */

export const USAGE = `Usage:
  telltale check FILE|DIR ... [--json] [--policy FILE] [--rules FILE] [--fail-on omitted|vague] [--raw]
  telltale verify FILE
  telltale --help

check   Classifies every request in the HAR files (directories are searched for *.har; '-' reads stdin)
        against the privacy policy.
  --json            machine-readable output (see lib/formats/check-output.schema.json)
  --policy FILE     a policy JSON file instead of the shipped Lync 2012 policy
  --rules FILE      custom endpoint and field rules (see lib/classify/rules.schema.json)
  --fail-on V       exit 1 when a flow is V or worse: 'omitted' (omitted or incorrect) or 'vague'
  --raw             show evidence values verbatim instead of redacted previews
verify  Checks the manifest and SHA-256 hash chain of a Telltale export (HAR, JSON or CSV): exit 0 intact,
        1 tampered (naming the first changed, removed or inserted entry), 2 unreadable.

Exit codes: 0 ok, 1 a flow met --fail-on, 2 unreadable input, policy or rules.
`;

export type FailOn = 'omitted' | 'vague';

export interface CheckCommand {
  command: 'check';
  inputs: string[];
  json: boolean;
  raw: boolean;
  policy?: string;
  rules?: string;
  failOn?: FailOn;
}

export interface VerifyCommand {
  command: 'verify';
  inputs: string[];
}

export interface HelpCommand {
  command: 'help';
}

export type Command = CheckCommand | VerifyCommand | HelpCommand;

export class UsageError extends Error {
  override name = 'UsageError';
}

function valueOf(args: string[], i: number, flag: string, inline: string | undefined): [string, number] {
  if (inline !== undefined) return [inline, i];
  const next = args[i + 1];
  if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${flag} needs a value`);
  return [next, i + 1];
}

export function parseArgs(argv: readonly string[]): Command {
  const args = [...argv];
  const first = args[0];
  if (first === undefined) throw new UsageError('no command given');
  if (first === '--help' || first === '-h' || first === 'help') return { command: 'help' };
  if (first === 'verify') {
    const inputs = args.slice(1).filter((a) => a !== '--');
    if (inputs.length !== 1) throw new UsageError('verify takes exactly one FILE');
    return { command: 'verify', inputs };
  }
  if (first !== 'check') throw new UsageError(`unknown command '${first}'`);

  const cmd: CheckCommand = { command: 'check', inputs: [], json: false, raw: false };
  let onlyFiles = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (onlyFiles || !arg.startsWith('--')) {
      cmd.inputs.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    switch (flag) {
      case '--json':
        cmd.json = true;
        break;
      case '--raw':
        cmd.raw = true;
        break;
      case '--help':
        return { command: 'help' };
      case '--policy':
        [cmd.policy, i] = valueOf(args, i, flag, inline);
        break;
      case '--rules':
        [cmd.rules, i] = valueOf(args, i, flag, inline);
        break;
      case '--fail-on': {
        let value: string;
        [value, i] = valueOf(args, i, flag, inline);
        if (value !== 'omitted' && value !== 'vague') throw new UsageError(`--fail-on must be 'omitted' or 'vague', not '${value}'`);
        cmd.failOn = value;
        break;
      }
      default:
        throw new UsageError(`unknown option '${flag}'`);
    }
  }
  if (cmd.inputs.length === 0) throw new UsageError('check needs at least one FILE or DIR');
  return cmd;
}
