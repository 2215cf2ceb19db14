/** Loads a policy file, checked by lib/policy/check.ts; the bundled Lync 2012 policy by default. */
import bundled from './lync-2012.json';
import type { Policy } from './types';
import { checkPolicy } from './check';

/** Thrown for a malformed policy; `message` lists every problem, one per line, each starting with its path. */
export class PolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'PolicyError';
  }
}

let bundledPolicy: Policy | undefined;

/**
 * With no argument, the bundled Lync 2012 policy (checked once, then frozen and shared).
 * With an argument, checks it and returns it typed; throws PolicyError naming each bad field's path.
 */
export function loadPolicy(json?: unknown): Policy {
  if (json === undefined) {
    bundledPolicy ??= deepFreeze(validated(bundled));
    return bundledPolicy;
  }
  return validated(json);
}

function validated(json: unknown): Policy {
  const problems = checkPolicy(json);
  if (problems.length > 0) throw new PolicyError(problems);
  return json as Policy;
}

/**
 * Quotes of `policy` (clause texts and section headings) that do not occur verbatim in `text`, as
 * `clauses[i].sv` / `clauses[i].section` paths. A policy file is only trustworthy against its own source text.
 */
export function missingQuotes(policy: Policy, text: string): string[] {
  const lines = new Set(text.split('\n').map((l) => l.trim()));
  const missing: string[] = [];
  policy.clauses.forEach((clause, i) => {
    if (!text.includes(clause.sv)) missing.push(`clauses[${i}].sv`);
    if (!lines.has(clause.section)) missing.push(`clauses[${i}].section`);
  });
  return missing;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
