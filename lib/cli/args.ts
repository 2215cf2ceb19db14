/** Command-line parsing for `telltale`. Pure: argv in, a command or a usage error out. */
import { parseCustomOrigin } from '../capture/origins';

export const USAGE = `Usage:
  telltale check FILE|DIR ... [--json] [--policy FILE] [--rules FILE] [--origin ORIGIN ...] [--fail-on omitted|vague] [--raw]
  telltale verify FILE
  telltale diff BEFORE AFTER [--json] [--fail-on new|worse] [--policy FILE] [--rules FILE]
  telltale --help

check   Classifies every request in the HAR files (directories are searched for *.har; '-' reads stdin)
        against the privacy policy.
  --json            machine-readable output (see lib/formats/check-output.schema.json)
  --policy FILE     a policy JSON file instead of the shipped Lync 2012 policy
  --rules FILE      custom endpoint and field rules (see lib/classify/rules.schema.json)
  --origin ORIGIN   the organisation's own server (an on-premises Lync Web App, e.g. lyncweb.example.com): requests
                    to its host go to the organisation, not to a third party; may be given more than once
  --fail-on V       exit 1 when a flow is V or worse: 'omitted' (omitted or incorrect) or 'vague'
  --raw             show evidence values verbatim instead of redacted previews
verify  Checks the manifest and SHA-256 hash chain of a Telltale export (HAR, JSON or CSV): exit 0 intact,
        1 tampered (naming the first changed, removed or inserted entry), 2 unreadable.
diff    Compares the flows (item or content kind → feature → destination, with its verdict) of two captures;
        each side is a HAR file, a directory of HAR files, a Telltale export or saved 'check --json' output.
  --json            machine-readable output (see lib/formats/diff-output.schema.json)
  --fail-on new     exit 1 when a flow was added; 'worse': added, or its verdict got worse

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
  /** Origins of the organisation's own servers (--origin), parsed like the options page's custom origins. */
  origins?: string[];
  failOn?: FailOn;
}

export interface VerifyCommand {
  command: 'verify';
  inputs: string[];
}

export type DiffFailOn = 'new' | 'worse';

export interface DiffCommand {
  command: 'diff';
  before: string;
  after: string;
  json: boolean;
  policy?: string;
  rules?: string;
  failOn?: DiffFailOn;
}

export interface HelpCommand {
  command: 'help';
}

export type Command = CheckCommand | VerifyCommand | DiffCommand | HelpCommand;

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
  if (first !== 'check' && first !== 'diff') throw new UsageError(`unknown command '${first}'`);

  const cmd: CheckCommand = { command: 'check', inputs: [], json: false, raw: false };
  let failOn: string | undefined;
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
      case '--fail-on':
        [failOn, i] = valueOf(args, i, flag, inline);
        break;
      case '--origin': {
        let text: string;
        [text, i] = valueOf(args, i, flag, inline);
        const origin = parseCustomOrigin(text);
        if (!origin) throw new UsageError(`--origin '${text}' is not an http(s) host or origin`);
        (cmd.origins ??= []).push(origin);
        break;
      }
      default:
        throw new UsageError(`unknown option '${flag}'`);
    }
  }
  if (first === 'diff') return diffCommand(cmd, failOn);
  if (failOn !== undefined && failOn !== 'omitted' && failOn !== 'vague') {
    throw new UsageError(`--fail-on must be 'omitted' or 'vague', not '${failOn}'`);
  }
  if (failOn !== undefined) cmd.failOn = failOn;
  if (cmd.inputs.length === 0) throw new UsageError('check needs at least one FILE or DIR');
  return cmd;
}

/** `diff` takes the options `check` takes, but exactly two inputs, its own --fail-on and no --raw. */
function diffCommand(parsed: CheckCommand, failOn: string | undefined): DiffCommand {
  if (parsed.raw) throw new UsageError('diff shows redacted values only; --raw is for check');
  if (parsed.origins) throw new UsageError('--origin is for check');
  if (failOn !== undefined && failOn !== 'new' && failOn !== 'worse') throw new UsageError(`--fail-on must be 'new' or 'worse', not '${failOn}'`);
  const [before, after, ...extra] = parsed.inputs;
  if (before === undefined || after === undefined || extra.length > 0) throw new UsageError('diff takes exactly two inputs: BEFORE AFTER');
  const cmd: DiffCommand = { command: 'diff', before, after, json: parsed.json };
  if (parsed.policy !== undefined) cmd.policy = parsed.policy;
  if (parsed.rules !== undefined) cmd.rules = parsed.rules;
  if (failOn !== undefined) cmd.failOn = failOn;
  return cmd;
}
