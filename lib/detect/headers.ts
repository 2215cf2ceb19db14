/** Detection in request headers: known headers by name (HEADER_RULES), every other header by value. */
import type { Header } from '../types';
import type { SignalId } from '../policy/types';
import { HEADER_RULES, type HeaderRule } from './field-rules';
import { place, scanString, type ScanState } from './scan';
import { parseBrands, parseUserAgent } from './user-agent';

export function scanHeaders(st: ScanState, headers: readonly Header[] | undefined): void {
  if (!Array.isArray(headers)) return;
  for (const h of headers) {
    if (!h || typeof h.name !== 'string' || typeof h.value !== 'string') continue;
    const name = h.name.toLowerCase();
    const value = h.value;
    const rule = HEADER_RULES[name];
    if (rule) byName(st, name, value, rule);
    else if (value.length >= 2) scanString(st, place('header', `header:${name}`), value, undefined);
  }
}

function byName(st: ScanState, name: string, value: string, rule: HeaderRule): void {
  const v = value.trim();
  if (rule.ignore?.includes(v) || v === '') return;
  const path = `header:${name}`;
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
