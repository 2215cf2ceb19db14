/**
 * Key rules applied to the value under their key: the value test decides whether a rule counts, and what it
 * offers the collector.
 *
 * For most rules the outcome on a string or number depends on nothing but the rule and the value (help-only
 * rules are settled before, from the host), and a telemetry batch repeats the same pairs in every event
 * (`ext.os.ver: "10.0"`, `ext.web.browser: "Chrome"`). In a body such an outcome is worked out once and then
 * replayed: whether the rule counted, and the entries it offers. A replayed signal entry is not offered again,
 * because the collector already kept or refused exactly that entry (same signal, rule, value; its dedupe and
 * caps only ever refuse a repeat). Identifiers and content are offered each time, so a sink hears of every
 * place they occur. Rules that mark error events or preview structured values run afresh every time.
 */
import type { FieldRule } from './field-rules';
import type { EvidenceSink } from './collector';
import type { Place, ScanState } from './place';
import { redactedKind } from '../redact/placeholder';
import { isPlaceholder, looksLikeLanguage, looksLikeToken, shapeSignal, unquote } from './shapes';
import { parseUserAgent } from './user-agent';
import { isIpAddress, looksBase64, looksLikeErrorMessage, looksLikeStackTrace } from './values';

/** One entry a rule offers, its where, matchedBy (`key`) and shape (the rule's path) implied. */
interface Offer {
  id: string;
  isSignal: boolean;
  value: string;
}

/** What applying a rule to one value came to. */
interface Outcome {
  counted: boolean;
  offers: readonly Offer[];
}

/** Outcomes of one body's rule tests, per rule and value; kept with the sink they were offered to. */
export interface RuleMemo {
  sink: EvidenceSink;
  byRule: Map<FieldRule, Map<string | number, Outcome>>;
  size: number;
}

/** Longest string value whose outcome is remembered, and most outcomes per body. */
const MEMO_MAX_CHARS = 256;
const MEMO_MAX = 4096;

const NOT_COUNTED: Outcome = { counted: false, offers: [] };
const COUNTED: Outcome = { counted: true, offers: [] };

export function markError(st: ScanState): void {
  if (st.event >= 0) (st.errorEvents ??= new Set()).add(st.event);
}

/** Applies a key rule to the value under the key; the value test decides whether it counts (the result). */
export function applyRule(st: ScanState, at: Place, rule: FieldRule, v: unknown): boolean {
  if (rule.helpOnly && !st.help) return false;
  // A page, server, SDK or app value: never an item, and nothing under it is searched by value.
  if (rule.yields === 'none') return true;
  const when = rule.when ?? 'value';
  if (when === 'stack' || when === 'error-text' || when === 'exception' || when === 'dump') return applyErrorRule(st, at, rule, when, v);
  const c = st.collector;
  const t = typeof v;
  const memoable = at.where === 'body' && (t === 'number' || (t === 'string' && (v as string).length <= MEMO_MAX_CHARS));
  if (!memoable) return offer(c, at, rule, outcomeOf(rule, when, v), false);
  let memo = st.ruleMemo;
  if (!memo || memo.sink !== c) memo = st.ruleMemo = { sink: c, byRule: new Map(), size: 0 };
  let values = memo.byRule.get(rule);
  if (!values) memo.byRule.set(rule, (values = new Map()));
  const key = v as string | number;
  const known = values.get(key);
  if (known) return offer(c, at, rule, known, true);
  const outcome = outcomeOf(rule, when, v);
  if (memo.size < MEMO_MAX) {
    values.set(key, outcome);
    memo.size++;
  }
  return offer(c, at, rule, outcome, false);
}

function offer(c: EvidenceSink, at: Place, rule: FieldRule, outcome: Outcome, replay: boolean): boolean {
  const offers = outcome.offers;
  for (let i = 0; i < offers.length; i++) {
    const o = offers[i]!;
    if (replay && o.isSignal) continue;
    c.add(o.id, o.isSignal, at.where, 'key', rule.path, o.value, at);
  }
  return outcome.counted;
}

/** The outcome of a rule whose test looks at the value alone. */
function outcomeOf(rule: FieldRule, when: string, v: unknown): Outcome {
  if (rule.constants && typeof v === 'string' && isConstant(rule.constants, v)) return COUNTED;
  const id = rule.signal ?? rule.kind;
  switch (when) {
    case 'user-agent': {
      if (typeof v !== 'string' || !v) return NOT_COUNTED;
      const ua = parseUserAgent(v);
      const offers: Offer[] = [];
      if (ua.os) offers.push({ id: ua.os.version ? 'os-version' : 'os-name', isSignal: true, value: ua.os.token });
      if (ua.browser) offers.push({ id: ua.browser.version ? 'browser-version' : 'browser-name', isSignal: true, value: ua.browser.token });
      return { counted: ua.os !== undefined || ua.browser !== undefined, offers };
    }
    case 'ip':
      if (typeof v !== 'string' || !isIpAddress(unquote(v))) return NOT_COUNTED;
      break;
    case 'langtag':
      if (!looksLikeLanguage(v)) return NOT_COUNTED;
      break;
    case 'text':
      if (typeof v !== 'string' || !/\p{L}/u.test(v)) return NOT_COUNTED;
      break;
    case 'token':
      if (!looksLikeToken(v)) return NOT_COUNTED;
      break;
    default:
      if (!((typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v)))) return NOT_COUNTED;
  }
  if (rule.signal) {
    // The value must look like what the field claims: `x86_64` under osVersion is an architecture, `Linux` only
    // the OS family (a hint), `unknown` nothing at all.
    const shown = shapeSignal(rule.signal, v);
    return shown ? { counted: true, offers: [{ id: shown, isSignal: true, value: String(v) }] } : NOT_COUNTED;
  }
  if (rule.yields === 'identifier' && isPlaceholder(v)) return NOT_COUNTED;
  return id ? { counted: true, offers: [{ id, isSignal: false, value: String(v) }] } : COUNTED;
}

/** Rules for stack traces, error messages, exception markers and dumps: they mark the event an error. */
function applyErrorRule(st: ScanState, at: Place, rule: FieldRule, when: string, v: unknown): boolean {
  if (rule.constants && typeof v === 'string' && isConstant(rule.constants, v)) return true;
  const id = rule.signal ?? rule.kind;
  const shape = rule.path;
  const c = st.collector;
  switch (when) {
    case 'stack':
      if ((typeof v === 'string' && looksLikeStackTrace(v)) || hasContent(v) || (id && redactedKind(v) === id)) {
        markError(st);
        if (id && c.wants(id)) c.add(id, false, at.where, 'key', shape, preview(v), at);
        return true;
      }
      return false;
    case 'error-text':
      if ((typeof v === 'string' && looksLikeErrorMessage(v)) || (id && redactedKind(v) === id)) {
        markError(st);
        if (id && c.wants(id)) c.add(id, false, at.where, 'key', shape, preview(v), at);
        return true;
      }
      return false;
    case 'exception':
      if ((typeof v === 'string' && v.toLowerCase() === 'exceptiondata') || (id && redactedKind(v) === id)) {
        markError(st);
        if (id) c.add(id, false, at.where, 'key', shape, v as string, at);
        return true;
      }
      return false;
    default: // dump
      if ((typeof v === 'string' && v.length >= 256 && looksBase64(v)) || hasContent(v) || (id && redactedKind(v) === id)) {
        if (id && c.wants(id)) c.add(id, false, at.where, 'key', shape, preview(v), at);
        return true;
      }
      return false;
  }
}

function preview(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    const s = JSON.stringify(v);
    return typeof s === 'string' ? s : String(v);
  } catch {
    return '';
  }
}

function hasContent(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return typeof v === 'object' && v !== null && Object.keys(v).length > 0;
}

function isConstant(constants: readonly string[], v: string): boolean {
  const t = unquote(v).toLowerCase();
  for (const k of constants) if (k.toLowerCase() === t) return true;
  return false;
}
