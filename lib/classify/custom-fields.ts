/**
 * Custom field rules ("this key carries the OS language") applied to a decoded body and the URL query.
 * Detection proper lives in lib/detect and knows the shipped field names; these rules come from a user's
 * rules file, so they are matched here by walking the decoded value with a node budget.
 */
import type { Evidence } from '../model';
import type { SignalId } from '../policy/types';
import type { CustomFieldRule } from './rules';
import { queryParams, type ParsedUrl } from '../util/url';
import { formatPath, MAX_EVIDENCE_PER_ID } from '../detect/index';
import type { Segment } from '../detect/paths';

/** Upper bound on visited nodes, so a pathological body cannot stall classification. */
export const FIELD_RULE_NODE_BUDGET = 200_000;

interface CompiledFieldRule {
  segments: string[];
  /** Evidence recorded in the current call. */
  hits: number;
  signal?: SignalId;
  kind?: string;
}

export interface FieldRuleHits {
  signals: Evidence[];
  contents: { kind: string; evidence: Evidence }[];
}

const compiledCache = new WeakMap<readonly CustomFieldRule[], CompiledFieldRule[]>();

function compile(rules: readonly CustomFieldRule[]): CompiledFieldRule[] {
  let compiled = compiledCache.get(rules);
  if (!compiled) {
    compiled = rules.map((r) => ({
      segments: r.key.toLowerCase().split('.').filter(Boolean),
      hits: 0,
      ...(r.signal ? { signal: r.signal } : {}),
      ...(r.kind ? { kind: r.kind } : {}),
    }));
    compiledCache.set(rules, compiled);
  }
  return compiled;
}

/** True when the key path ends with the rule's segments. */
function endsWith(keys: readonly string[], segments: readonly string[]): boolean {
  if (segments.length > keys.length) return false;
  const offset = keys.length - segments.length;
  for (let i = 0; i < segments.length; i++) if (keys[offset + i] !== segments[i]) return false;
  return true;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function record(hits: FieldRuleHits, rule: CompiledFieldRule, where: Evidence['where'], path: string, value: unknown): void {
  // Same cap as the shipped detection: a 1DS batch repeats each field in every event.
  if (++rule.hits > MAX_EVIDENCE_PER_ID) return;
  const text = asText(value);
  if (rule.signal) hits.signals.push({ where, path, value: text, matchedBy: 'key', signal: rule.signal });
  else if (rule.kind) hits.contents.push({ kind: rule.kind, evidence: { where, path, value: text, matchedBy: 'key' } });
}

/**
 * Finds values under the rules' keys in the URL query and the decoded body. Matching follows the shipped
 * field rules (lib/detect/field-rules.ts): case-insensitive, against the end of the key path, array indices
 * ignored, a dotted key ("ai.device.os") counting as nested keys; paths are formatted the same way.
 */
export function applyFieldRules(rules: readonly CustomFieldRule[], url: ParsedUrl, body: unknown): FieldRuleHits {
  const hits: FieldRuleHits = { signals: [], contents: [] };
  if (!rules.length) return hits;
  const compiled = compile(rules);
  for (const rule of compiled) rule.hits = 0;

  for (const [key, value] of queryParams(url.query)) {
    const keys = key.toLowerCase().split('.');
    for (const rule of compiled) if (endsWith(keys, rule.segments)) record(hits, rule, 'url', formatPath('url:query', [key]), value);
  }

  if (body === undefined || body === null || typeof body !== 'object') return hits;
  let budget = FIELD_RULE_NODE_BUDGET;
  const keys: string[] = [];
  const segs: Segment[] = [];
  const walk = (value: unknown): void => {
    if (--budget < 0) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length && budget > 0; i++) {
        segs.push(i);
        walk(value[i]);
        segs.pop();
      }
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (budget <= 0) return;
      const parts = key.toLowerCase().split('.');
      keys.push(...parts);
      segs.push(key);
      let matched = false;
      if (child !== null && child !== undefined) {
        for (const rule of compiled) {
          if (endsWith(keys, rule.segments)) {
            record(hits, rule, 'body', formatPath('body', segs), child);
            matched = true;
          }
        }
      }
      // A matched subtree is reported whole; descending further would report its parts again.
      if (!matched) walk(child);
      segs.pop();
      keys.length -= parts.length;
    }
  };
  walk(body);
  return hits;
}
