/** Key rules applied to the value under their key: the value test decides whether a rule counts. */
import type { FieldRule } from './field-rules';
import type { Place, ScanState } from './place';
import { redactedKind } from '../redact/placeholder';
import { isPlaceholder, looksLikeLanguage, looksLikeToken, shapeSignal, unquote } from './shapes';
import { parseUserAgent } from './user-agent';
import { isIpAddress, looksBase64, looksLikeErrorMessage, looksLikeStackTrace } from './values';

/** Marks the event being walked as an error; counted, so a remembered field outcome never hides a mark. */
export function markError(st: ScanState): void {
  st.errorMarks++;
  if (st.event >= 0) (st.errorEvents ??= new Set()).add(st.event);
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

/** Applies a key rule to the value under the key; the value test decides whether it counts (the result). */
export function applyRule(st: ScanState, at: Place, rule: FieldRule, v: unknown): boolean {
  if (rule.helpOnly && !st.help) return false;
  // A page, server, SDK or app value: never an item, and nothing under it is searched by value.
  if (rule.yields === 'none') return true;
  if (rule.constants && typeof v === 'string' && isConstant(rule.constants, v)) return true;
  const id = rule.signal ?? rule.kind;
  const shape = rule.path;
  const c = st.collector;
  switch (rule.when ?? 'value') {
    case 'user-agent': {
      if (typeof v !== 'string' || !v) return false;
      const ua = parseUserAgent(v);
      if (ua.os) c.add(ua.os.version ? 'os-version' : 'os-name', true, at.where, 'key', shape, ua.os.token, at);
      if (ua.browser) {
        const sig = ua.browser.version ? 'browser-version' : 'browser-name';
        c.add(sig, true, at.where, 'key', shape, ua.browser.token, at);
      }
      return ua.os !== undefined || ua.browser !== undefined;
    }
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
    case 'dump':
      if ((typeof v === 'string' && v.length >= 256 && looksBase64(v)) || hasContent(v) || (id && redactedKind(v) === id)) {
        if (id && c.wants(id)) c.add(id, false, at.where, 'key', shape, preview(v), at);
        return true;
      }
      return false;
    case 'ip':
      if (typeof v !== 'string' || !isIpAddress(unquote(v))) return false;
      break;
    case 'langtag':
      if (!looksLikeLanguage(v)) return false;
      break;
    case 'text':
      if (typeof v !== 'string' || !/\p{L}/u.test(v)) return false;
      break;
    case 'token':
      if (!looksLikeToken(v)) return false;
      break;
    default:
      if (!((typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v)))) return false;
  }
  if (rule.signal) {
    // The value must look like what the field claims: `x86_64` under osVersion is an architecture, `Linux` only
    // the OS family (a hint), `unknown` nothing at all.
    const shown = shapeSignal(rule.signal, v);
    if (!shown) return false;
    c.add(shown, true, at.where, 'key', shape, String(v), at);
    return true;
  }
  if (rule.yields === 'identifier' && isPlaceholder(v)) return false;
  if (id) c.add(id, false, at.where, 'key', shape, String(v), at);
  return true;
}

function isConstant(constants: readonly string[], v: string): boolean {
  const t = unquote(v).toLowerCase();
  for (const k of constants) if (k.toLowerCase() === t) return true;
  return false;
}
