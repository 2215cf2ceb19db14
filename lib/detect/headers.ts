/** Detection in request headers: known headers by name (HEADER_RULES), every other header by value. */
import type { Header } from '../model';
import type { SignalId } from '../policy/types';
import { Recorder, type Collector } from './collector';
import { HEADER_RULES, type HeaderRule } from './field-rules';
import { MAX_MEMO_CHARS, type ScanMemo } from './memo';
import { place, type Place, type ScanState } from './place';
import { scanString } from './scan';
import { parseBrands, parseUserAgent } from './user-agent';
import { isPlaceholder, shapeSignal } from './shapes';

interface HeaderInfo {
  name: string;
  rule: HeaderRule | undefined;
  /** Evidence path root; a Place with no keys, shared because header scans never push onto it. */
  at: Place;
}

// Header names repeat on every request; resolve each spelling once.
const headerCache = new Map<string, HeaderInfo>();

function headerInfo(raw: string): HeaderInfo {
  let info = headerCache.get(raw);
  if (!info) {
    const name = raw.toLowerCase();
    const rule = Object.prototype.hasOwnProperty.call(HEADER_RULES, name) ? HEADER_RULES[name] : undefined;
    info = { name, rule, at: place('header', `header:${name}`) };
    if (headerCache.size >= 512) headerCache.clear();
    headerCache.set(raw, info);
  }
  return info;
}

/**
 * Scans the headers in order into `collector`. A header value seen before (with the same profile) replays what
 * its first scan found; see memo.ts.
 */
export function scanHeaders(st: ScanState, collector: Collector, memo: ScanMemo, headers: readonly Header[] | undefined): void {
  if (!Array.isArray(headers)) return;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    if (!h || typeof h.name !== 'string' || typeof h.value !== 'string') continue;
    const info = headerInfo(h.name);
    const value = h.value;
    if (!info.rule && value.length < 2) continue;
    if (value.length > MAX_MEMO_CHARS) {
      st.collector = collector;
      scanOne(st, info, value);
      continue;
    }
    const values = memo.headerValues(info.name);
    let offered = values.get(value);
    if (!offered) {
      const recorder = new Recorder();
      st.collector = recorder;
      scanOne(st, info, value);
      offered = recorder.offered;
      memo.keepHeader(values, value, offered);
    }
    collector.replay(offered);
  }
  st.collector = collector;
}

function scanOne(st: ScanState, info: HeaderInfo, value: string): void {
  if (info.rule) byName(st, info, value, info.rule);
  else scanString(st, info.at, value, undefined);
}

function byName(st: ScanState, info: HeaderInfo, value: string, rule: HeaderRule): void {
  const v = value.trim();
  if (rule.ignore?.includes(v) || v === '') return;
  const name = info.name;
  const path = info.at.root;
  const add = (signal: SignalId, shown: string): void => {
    st.collector.add(signal, true, 'header', 'header', name, shown, path);
  };
  if (rule.parse === 'user-agent') {
    const ua = parseUserAgent(v);
    if (ua.os) add(ua.os.version ? 'os-version' : 'os-name', ua.os.token);
    if (ua.browser) add(ua.browser.version ? 'browser-version' : 'browser-name', ua.browser.token);
    return;
  }
  if (rule.parse === 'brands') {
    const brands = parseBrands(v);
    if (brands.length === 0) return;
    add('browser-name', v);
    if (brands.some((b) => b.version !== '')) add('browser-version', v);
    return;
  }
  if (isPlaceholder(v)) return;
  for (const signal of rule.signals) {
    // Client Hints quote their values: `Sec-CH-UA-Platform-Version: "0.0.0"` is as empty as `""`.
    const shown = SHAPED.has(signal) ? shapeSignal(signal, v) : signal;
    if (shown) add(shown, v);
  }
}

/** Header signals whose values are checked for shape (shapes.ts); list-valued headers are not. */
const SHAPED = new Set<SignalId>(['os-version', 'browser-version', 'device-model']);
