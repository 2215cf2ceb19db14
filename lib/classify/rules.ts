/**
 * Custom rules: a client developer describes their own telemetry in JSON (see rules.schema.json) —
 * extra endpoints mapped to features, extra field names mapped to signals (items) or content kinds /
 * identifiers. parseRules validates the whole file up front so a bad file never half-applies.
 */
import { CONTENT_KIND_IDS, IDENTIFIER_IDS, SIGNAL_IDS, type FeatureId, type SignalId } from '../policy/types';
import { ruleProblem } from '../catalogue/index';
import { isObject } from '../util/is-object';
import { lineAndColumn } from '../util/text-position';

export interface CustomEndpointRule {
  /** Exact host, '*.suffix', 'label.*' or '*' (with a path). */
  host: string;
  /** Case-insensitive path prefix, starting with '/'. */
  path?: string;
  /** Query keys that must all be present. */
  query?: string[];
  feature: FeatureId;
  /** Shown beside the feature; defaults to "custom". */
  family?: string;
}

export interface CustomFieldRule {
  /** A field name ("deviceLang") or a dotted path suffix ("ctx.device.lang"); case-insensitive. */
  key: string;
  /** The signal (and so the item) the field's value reveals. */
  signal?: SignalId;
  /** Or the content kind / identifier it carries. */
  kind?: string;
}

export interface CustomRules {
  endpoints?: CustomEndpointRule[];
  fields?: CustomFieldRule[];
}

export class RulesError extends Error {
  override name = 'RulesError';
}

const KINDS: readonly string[] = [...CONTENT_KIND_IDS, ...IDENTIFIER_IDS];

/** Line and column (1-based) of a character offset. */
/** Parses JSON text, turning a syntax error into a message with line and column. */
export function parseJsonWithLines(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    const { line, column } = lineAndColumn(text, offset);
    throw new RulesError(`${what}: invalid JSON at line ${line}, column ${column}: ${message}`);
  }
}

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key) && !key.startsWith('$')) {
      throw new RulesError(`rules: ${where}.${key} is not a known field (expected ${allowed.join(', ')})`);
    }
  }
}

function parseEndpoint(raw: unknown, where: string): CustomEndpointRule {
  if (!isObject(raw)) throw new RulesError(`rules: ${where} must be an object`);
  checkKeys(raw, ['host', 'path', 'query', 'feature', 'family'], where);
  const problem = ruleProblem(raw as Partial<CustomEndpointRule & { family: string }>);
  if (problem) throw new RulesError(`rules: ${where}: ${problem}`);
  const rule: CustomEndpointRule = { host: (raw.host as string).trim(), feature: raw.feature as FeatureId };
  if (raw.path !== undefined) rule.path = raw.path as string;
  if (raw.query !== undefined) rule.query = raw.query as string[];
  if (raw.family !== undefined) rule.family = raw.family as string;
  return rule;
}

function parseField(raw: unknown, where: string): CustomFieldRule {
  if (!isObject(raw)) throw new RulesError(`rules: ${where} must be an object`);
  checkKeys(raw, ['key', 'signal', 'kind'], where);
  if (typeof raw.key !== 'string' || !raw.key.trim()) throw new RulesError(`rules: ${where}.key must be a non-empty string`);
  if (raw.signal === undefined && raw.kind === undefined) throw new RulesError(`rules: ${where} needs a signal or a kind`);
  if (raw.signal !== undefined && raw.kind !== undefined) throw new RulesError(`rules: ${where} has both signal and kind; give one`);
  const rule: CustomFieldRule = { key: raw.key.trim() };
  if (raw.signal !== undefined) {
    if (!(SIGNAL_IDS as readonly string[]).includes(raw.signal as string)) {
      throw new RulesError(`rules: ${where}.signal "${String(raw.signal)}" is not one of ${SIGNAL_IDS.join(', ')}`);
    }
    rule.signal = raw.signal as SignalId;
  }
  if (raw.kind !== undefined) {
    if (!KINDS.includes(raw.kind as string)) {
      throw new RulesError(`rules: ${where}.kind "${String(raw.kind)}" is not one of ${KINDS.join(', ')}`);
    }
    rule.kind = raw.kind as string;
  }
  return rule;
}

/** Validates a rules file. Throws RulesError naming the JSON line (syntax) or the field (shape). */
export function parseRules(text: string): CustomRules {
  const root = parseJsonWithLines(text, 'rules');
  if (!isObject(root)) throw new RulesError('rules: the file must hold a JSON object with "endpoints" and/or "fields"');
  checkKeys(root, ['endpoints', 'fields'], 'rules');
  const rules: CustomRules = {};
  if (root.endpoints !== undefined) {
    if (!Array.isArray(root.endpoints)) throw new RulesError('rules: endpoints must be an array');
    rules.endpoints = root.endpoints.map((e, i) => parseEndpoint(e, `endpoints[${i}]`));
  }
  if (root.fields !== undefined) {
    if (!Array.isArray(root.fields)) throw new RulesError('rules: fields must be an array');
    rules.fields = root.fields.map((f, i) => parseField(f, `fields[${i}]`));
  }
  return rules;
}
