/**
 * `telltale check`: streams each HAR file entry by entry through classify() and writes each result as it
 * is made (JSON or text), so memory stays bounded whatever the number and size of the files.
 */
import { classify } from '../classify/index';
import { parseJsonWithLines, parseRules, RulesError, type CustomRules } from '../classify/rules';
import { HarError } from '../har/errors';
import { readHarStream } from '../har/stream';
import { loadPolicy, PolicyError } from '../policy/load';
import type { Policy } from '../policy/types';
import type { CheckCommand } from './args';
import { expandInputs, InputError, readText, textChunks } from './files';
import { jsonEntry } from '../formats/check-output';
import { textEntry, textSummary } from './text-output';
import { DerivedProfile } from './derived-profile';
import { failsOn, SummaryBuilder } from '../formats/summary';
import { FailingFlows } from './failing';
import { RecordedOnly } from './recorded-only';

export interface Io {
  /** Writes to stdout; may return a promise that resolves when the stream can take more (backpressure). */
  out(text: string): void | Promise<void>;
  err(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FAIL_ON = 1;
export const EXIT_INPUT = 2;

/** The policy for --policy FILE (or the shipped one); problems become InputError. Shared with `diff`. */
export async function policyFrom(file: string | undefined): Promise<Policy> {
  if (!file) return loadPolicy();
  const text = await readText(file, 'policy');
  let json: unknown;
  try {
    json = parseJsonWithLines(text, `policy ${file}`);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  try {
    return loadPolicy(json);
  } catch (err) {
    const detail = err instanceof PolicyError ? err.problems.join('\n  ') : (err as Error).message;
    throw new InputError(`policy ${file} is not a valid policy:\n  ${detail}`);
  }
}

/** The custom rules for --rules FILE; problems become InputError naming the line. Shared with `diff`. */
export async function rulesFrom(file: string | undefined): Promise<CustomRules | undefined> {
  if (!file) return undefined;
  const text = await readText(file, 'rules');
  try {
    return parseRules(text);
  } catch (err) {
    if (err instanceof RulesError) throw new InputError(`${file}: ${err.message}`);
    throw err;
  }
}

/** Runs `check`; returns the exit code. Messages for exit code 2 go to io.err. */
export async function runCheck(cmd: CheckCommand, io: Io): Promise<number> {
  let policy: Policy;
  let rules: CustomRules | undefined;
  let files: string[];
  try {
    policy = await policyFrom(cmd.policy);
    rules = await rulesFrom(cmd.rules);
    files = await expandInputs(cmd.inputs);
  } catch (err) {
    io.err(`telltale: ${(err as Error).message}\n`);
    return EXIT_INPUT;
  }

  const several = files.length > 1;
  const summary = new SummaryBuilder();
  const failing = cmd.failOn ? new FailingFlows(cmd.failOn) : undefined;
  const recordedOnly = new RecordedOnly();
  const options = { policy, raw: cmd.raw, ...(rules ? { rules } : {}), ...(cmd.origins ? { organisationOrigins: cmd.origins } : {}) };
  let first = true;
  if (cmd.json) await io.out(`{"policy":${JSON.stringify(policy.id)},"entries":[`);

  for (const file of files) {
    summary.startFile(file);
    // Offline there is no extension profile: the capture's own headers say which browser sent it.
    const derived = new DerivedProfile();
    try {
      for await (const { index, request, recorded } of readHarStream(textChunks(file))) {
        const profile = derived.see(request.headers);
        const annotation = classify(request, profile ? { ...options, profile } : options);
        summary.add(annotation);
        failing?.add(annotation);
        recordedOnly.add(recorded, annotation, request.body !== undefined);
        const label = several ? file : undefined;
        if (cmd.json) {
          await io.out((first ? '\n' : ',\n') + JSON.stringify(jsonEntry(index, request, annotation, label)));
        } else {
          await io.out(textEntry(index, request, annotation, policy, label));
        }
        first = false;
      }
    } catch (err) {
      if (err instanceof HarError || err instanceof InputError) {
        const message = err instanceof HarError ? `${file}: ${err.message}` : err.message;
        io.err(`telltale: ${message}\n`);
        return EXIT_INPUT;
      }
      throw err;
    }
  }

  const result = summary.result();
  if (cmd.json) await io.out(`\n],"summary":${JSON.stringify(result)}}\n`);
  else await io.out(textSummary(result));
  const note = recordedOnly.note();
  if (note) io.err(note);
  if (!cmd.failOn || !failsOn(result, cmd.failOn)) return EXIT_OK;
  // The last line names what failed; with --json it goes to stderr so stdout stays one JSON document.
  const line = `${failing!.line()}\n`;
  if (cmd.json) io.err(line);
  else await io.out(line);
  return EXIT_FAIL_ON;
}
