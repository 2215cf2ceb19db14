/** Detection in request headers: known headers by name (HEADER_RULES), every other header by value. */
import type { Header } from '../types';
import type { SignalId } from '../policy/types';
import { HEADER_RULES, type HeaderRule } from './field-rules';
import { place, scanString, type Place, type ScanState } from './scan';
import { parseBrands, parseUserAgent } from './user-agent';

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

export function scanHeaders(st: ScanState, headers: readonly Header[] | undefined): void {
  if (!Array.isArray(headers)) return;
  for (const h of headers) {
    if (!h || typeof h.name !== 'string' || typeof h.value !== 'string') continue;
    const info = headerInfo(h.name);
    if (info.rule) byName(st, info, h.value, info.rule);
    else if (h.value.length >= 2) scanString(st, info.at, h.value, undefined);
  }
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
  for (const signal of rule.signals) add(signal, v);
}
