/**
 * The walk over decoded values: key rules at every key, and value tests
 * (profile needles, IP addresses, stack traces, dumps) at every string, including its URL-decoded and base64
 * layers.
 */
import { safeDecodeURIComponent } from '../decode/urlencoded';
import { applyRule, markError } from './apply-rule';
import type { FieldRule } from './field-rules';
import { MAX_LEAVES, MAX_WALK_DEPTH } from './limits';
import { findNeedles, findNeedlesCached, type NeedleMatch, type Needles } from './needles';
import type { Place, ScanState } from './place';
import type { KeyPath } from './rule-index';
import { FIELD_MEMO_MAX_CHARS, type FieldMemo } from './field-memo';
import { redactedKind } from '../redact/placeholder';
import { mayHoldSdp, sdpClientAddresses } from './sdp';
import {
  base64ToText,
  isIpAddress,
  isUninformativeIp,
  looksBase64,
  looksLikeStackTrace,
} from './values';

const BASE64_MDMP = 'TURNU'; // base64 of the minidump magic "MDMP"

/** Walks a decoded value (JSON, NDJSON array, form record) applying key rules and value tests. */
export function walkValue(st: ScanState, at: Place, v: unknown, depth: number, rule: FieldRule | undefined): void {
  if (st.leaves > MAX_LEAVES) return;
  if (typeof v === 'string') {
    st.leaves++;
    scanString(st, at, v, rule);
    return;
  }
  if (typeof v !== 'object' || v === null) {
    st.leaves++;
    return;
  }
  if (depth >= MAX_WALK_DEPTH) return;
  const outer = st.event;
  // Event roots are the body itself, its elements, or the elements of its `events` array: never an object's field.
  if (st.eventRoots && depth <= 2 && (at.segN === 0 || typeof at.segs[at.segN - 1] === 'number')) {
    const idx = st.eventRoots.get(v);
    if (idx !== undefined) st.event = idx;
  }
  const segN = at.segN;
  const node = at.node;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      at.segN = segN;
      at.pushSeg(i);
      walkValue(st, at, v[i], depth + 1, rule);
    }
  } else {
    const obj = v as Record<string, unknown>;
    if (st.ownKeysOnly) {
      // Nothing inherited is enumerable (st.ownKeysOnly): for-in sees the object's own keys.
      let i = 0;
      for (const key in obj) visitField(st, at, node.childAt(i++, key), segN, key, obj[key], depth);
    } else {
      const keys = Object.keys(obj);
      for (let i = 0; i < keys.length; i++) visitField(st, at, node.childAt(i, keys[i]!), segN, keys[i]!, obj[keys[i]!], depth);
    }
  }
  at.segN = segN;
  at.node = node;
  st.event = outer;
}

/** One field of an object (`next` is its key path): its key onto the place, its key rule applied, its value walked. */
function visitField(st: ScanState, at: Place, next: KeyPath, segN: number, key: string, child: unknown, depth: number): void {
  at.segN = segN;
  at.pushSeg(key);
  at.node = next;
  const t = typeof child;
  const memo = st.fieldMemo;
  if (memo && st.leaves <= MAX_LEAVES && (t === 'number' || (t === 'string' && (child as string).length <= FIELD_MEMO_MAX_CHARS))) {
    visitLeaf(st, at, next, child as string | number, memo);
    return;
  }
  const found = next.rule;
  const counted = found !== undefined && applyRule(st, at, found, child);
  walkValue(st, at, child, depth + 1, counted ? found : undefined);
}

/** A string or number field of a body, as visitField and walkValue would treat it, its outcome remembered. */
function visitLeaf(st: ScanState, at: Place, path: KeyPath, v: string | number, memo: FieldMemo): void {
  const sink = st.collector;
  const known = memo.lookup(path, v);
  st.leaves++;
  if (known) {
    if (known.offers.length > 0) memo.replay(known, at, sink);
    return;
  }
  const marks = st.errorMarks;
  st.collector = memo.record(sink);
  const rule = path.rule;
  const counted = rule !== undefined && applyRule(st, at, rule, v);
  if (typeof v === 'string') scanString(st, at, v, counted ? rule : undefined);
  st.collector = sink;
  if (st.errorMarks === marks) memo.keep(path, v);
  else memo.discard();
}

/**
 * Whether a for-in loop over a decoded object visits exactly its own keys, in Object.keys order: decoded values
 * are JSON.parse objects (prototype Object.prototype) and null-prototype records, so it does unless something
 * has added an enumerable property to Object.prototype. The walk uses for-in then, because V8 reads each value
 * straight from the object's enumeration cache, which halves the cost of visiting a key.
 */
export function ownKeysOnly(): boolean {
  for (const _inherited in {}) return false;
  return true;
}


/**
 * Value tests on one string: profile needles (also inside its URL-decoded and base64 layers), IP addresses,
 * stack traces and base64 minidumps. `rule` is the key rule that already counted for this field, if any.
 */
export function scanString(st: ScanState, at: Place, s: string, rule: FieldRule | undefined): void {
  const n = s.length;
  if (n < 2) return;
  // A batch repeats most of its short values in every event ("Web", "4.0", "teams-web"): one that no value
  // test below reacts to, whatever its key or rule, is passed over from its second time on.
  if (n <= BODY_STRING_MEMO_CHARS && at.where === 'body') {
    const memo = (st.quiet ??= new Map());
    let quiet = memo.get(s);
    if (quiet === undefined) {
      quiet = isQuiet(st, s);
      if (memo.size < BODY_STRING_MEMO_MAX) memo.set(s, quiet);
    }
    if (quiet) return;
  }
  const c = st.collector;
  // A placeholder of a redacted body stands for the content it replaced (redacted.ts), and hides nothing else.
  if (s.charCodeAt(0) === 0x5b /* [ */) {
    const kind = redactedKind(s);
    if (kind !== undefined) {
      if (rule?.kind === kind) return;
      if (kind === 'error-report') markError(st);
      c.add(kind, false, at.where, 'value', `redacted@${at.lastKey()}`, s, at);
      return;
    }
  }
  // A field a key rule already recognised is shown by that rule; searching it by value would only repeat it.
  if (st.needles && !rule) scanNeedles(st, at, s, '', undefined);

  if (n >= 20 && rule?.yields !== 'none' && mayHoldSdp(s)) {
    for (const address of sdpClientAddresses(s)) c.add('ip-address', true, at.where, 'value', `sdp@${at.lastKey()}`, address, at);
  }
  if (n <= 45 && rule?.signal !== 'ip-address' && rule?.yields !== 'none') {
    const c0 = s.charCodeAt(0);
    // IPs start with a hex digit or ':'; versions like 10.0.19045.1 fail isIPv4 (a part > 255) or are in *ver* keys.
    if ((c0 <= 0x3a || (c0 | 0x20) <= 0x66) && isIpAddress(s) && !isUninformativeIp(s) && !at.lastKey().includes('ver')) {
      c.add('ip-address', true, at.where, 'value', `ip@${at.lastKey()}`, s, at);
    }
  }
  if (n >= 40 && rule?.kind !== 'error-report' && s.indexOf('\n') >= 0 && looksLikeStackTrace(s)) {
    markError(st);
    if (c.wants('error-report')) c.add('error-report', false, at.where, 'value', `stack@${at.lastKey()}`, s, at);
  }
  if (n >= 256 && rule?.kind !== 'memory-dump' && s.startsWith(BASE64_MDMP) && looksBase64(s)) {
    c.add('memory-dump', false, at.where, 'value', `mdmp@${at.lastKey()}`, s.slice(0, 64), at);
  }
}

/** Strings of at most this many characters have their needle results remembered for the rest of the body. */
const BODY_STRING_MEMO_CHARS = 64;
const BODY_STRING_MEMO_MAX = 4096;

/**
 * Whether no value test of scanString can react to `s` (at most BODY_STRING_MEMO_CHARS long), under any key or
 * rule: not a redacted placeholder, no profile value in it or in an encoded layer, not an IP address, too short
 * or single-line for a stack trace (and far too short for a minidump).
 */
function isQuiet(st: ScanState, s: string): boolean {
  if (s.charCodeAt(0) === 0x5b /* [ */ || isIpAddress(s) || (s.length >= 20 && mayHoldSdp(s))) return false;
  if (s.length >= 40 && s.indexOf('\n') >= 0) return false;
  const needles = st.needles;
  if (!needles) return true;
  return findInBody(st, s, needles) === undefined && s.indexOf('%') < 0 && !(s.length >= 16 && looksBase64(s));
}

function findInBody(st: ScanState, s: string, needles: Needles): NeedleMatch[] | undefined {
  if (s.length > BODY_STRING_MEMO_CHARS) return findNeedles(s, needles);
  const memo = (st.bodyStrings ??= new Map());
  const known = memo.get(s);
  if (known !== undefined) return known ?? undefined;
  const found = findNeedles(s, needles);
  if (memo.size < BODY_STRING_MEMO_MAX) memo.set(s, found ?? null);
  return found;
}

/**
 * Profile needles in `s`; then, for the plain string only (`suffix` empty), in its URL-decoded and base64
 * layers, skipping needles already found in an outer layer.
 */
function scanNeedles(st: ScanState, at: Place, s: string, suffix: string, found: Set<number> | undefined): void {
  const needles = st.needles;
  if (!needles) return;
  const plain = suffix === '';
  const matches = !plain ? findNeedles(s, needles) : at.where !== 'body' ? findNeedlesCached(s, needles) : findInBody(st, s, needles);
  let seen = found;
  if (matches) {
    const key = at.lastKey();
    for (const m of matches) {
      const needle = m.needle;
      if (seen?.has(needle.id)) continue;
      (seen ??= new Set()).add(needle.id);
      const value = m.exact ? s : s.slice(m.start, m.end);
      for (const signal of needle.signals) {
        st.collector.add(signal, true, at.where, 'value', `${needle.source}@${key}${suffix}`, value, at, suffix);
      }
    }
  }
  if (!plain) return;
  // Encoded layers: a percent-escape or a base64 blob hides the value from the plain search.
  let inner = s;
  if (s.indexOf('%') >= 0) {
    const d = safeDecodeURIComponent(s);
    if (d !== s) {
      seen ??= new Set();
      scanNeedles(st, at, d, '~urlencoded', seen);
      inner = d;
    }
  }
  if (inner.length >= 16 && looksBase64(inner)) {
    const t = base64ToText(inner);
    if (t) scanNeedles(st, at, t, inner === s ? '~base64' : '~urlencoded~base64', seen);
  }
}
