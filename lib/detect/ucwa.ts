/**
 * UCWA requests read by resource (UCWA_RESOURCE_RULES in field-rules.ts): the message text of a sendMessage
 * POST, whom an invitation goes to, what a people search asks for. Only what the request carries counts: the
 * server's answers (responses, the event channel's data) are never read, an `href` that names a resource is no
 * content, and an empty or placeholder value is nothing.
 */
import type { EvidenceSink } from './collector';
import type { DecodedBody } from '../decode/types';
import { UCWA_RESOURCE_RULES, type UcwaResourceRule } from './field-rules';
import { formatPath, type Segment } from './paths';
import { isPlaceholder } from './shapes';
import { redactedKind } from '../redact/placeholder';

interface Indexed {
  segs: readonly string[];
  rule: UcwaResourceRule;
}
const BY_LENGTH = new Map<number, Indexed[]>();
for (const rule of UCWA_RESOURCE_RULES) {
  const segs = rule.resource.split('/');
  const list = BY_LENGTH.get(segs.length) ?? [];
  list.push({ segs, rule });
  BY_LENGTH.set(segs.length, list);
}

/**
 * The rule for a URL path below `/ucwa/…/applications/<id>/`, or undefined when the path is no UCWA resource
 * that carries content. `/ucwa/oauth/v1/applications/102/people/search` → the `people/search` rule.
 */
export function ucwaResource(path: string): UcwaResourceRule | undefined {
  const lower = path.toLowerCase();
  const start = lower.indexOf('/ucwa/');
  if (start < 0) return undefined;
  const segs = lower.slice(start + 6).split('/').filter((s) => s !== '');
  const app = segs.indexOf('applications');
  if (app < 0 || segs.length < app + 3) return undefined;
  const rest = segs.slice(app + 2);
  for (const candidate of BY_LENGTH.get(rest.length) ?? []) {
    if (candidate.segs.every((s, i) => s === '*' || s === rest[i])) return candidate.rule;
  }
  return undefined;
}

/** Whether a value is something the user gave: a non-empty string that is no placeholder and not already redacted. */
function carries(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '' && !isPlaceholder(v) && redactedKind(v) === undefined;
}

/** Adds a query parameter's value (`url:query.<name>`) as content when the resource names the parameter. */
export function scanUcwaQuery(sink: EvidenceSink, rule: UcwaResourceRule, name: string, value: string, path: string): void {
  const kind = rule.query?.[name.toLowerCase()];
  if (kind && carries(value)) sink.add(kind, false, 'url', 'key', `ucwa:${name.toLowerCase()}`, value, path);
}

/** The content a request body to the resource carries: the whole text body, or the named JSON fields. */
export function scanUcwaBody(sink: EvidenceSink, rule: UcwaResourceRule, decoded: DecodedBody): void {
  if (rule.body) {
    const text = decoded.text;
    if ((decoded.format === 'text' || decoded.format === 'urlencoded') && carries(text)) {
      sink.add(rule.body, false, 'body', 'value', `ucwa:${rule.resource}`, text, 'body');
    }
  }
  const value = decoded.value;
  if (!rule.fields || decoded.format !== 'json' || typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const [path, kind] of Object.entries(rule.fields)) {
    const keys = path.split('.');
    const found = fieldAt(value as Record<string, unknown>, keys);
    if (!found) continue;
    const href = keys[keys.length - 1] === 'href';
    const values = Array.isArray(found.value) ? found.value : [found.value];
    values.forEach((v, i) => {
      if (!carries(v) || (href && !/^data\s*:/i.test(v))) return;
      const segs: Segment[] = Array.isArray(found.value) ? [...found.segs, i] : found.segs;
      sink.add(kind, false, 'body', 'key', `ucwa:${path}`, v, formatPath('body', segs));
    });
  }
}

/** The value at a key path from the root, keys compared case-insensitively, with the keys as sent. */
function fieldAt(root: Record<string, unknown>, keys: readonly string[]): { value: unknown; segs: string[] } | undefined {
  let node: unknown = root;
  const segs: string[] = [];
  for (const key of keys) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    const sent = Object.keys(node).find((k) => k.toLowerCase() === key);
    if (sent === undefined) return undefined;
    segs.push(sent);
    node = (node as Record<string, unknown>)[sent];
  }
  return { value: node, segs };
}
