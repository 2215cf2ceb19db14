import type { BrowserProfile, Evidence, NormalizedRequest, ContentSink } from '../model';
import type { DecodedBody } from '../decode/types';
import { parseJsonSafe } from '../decode/json';
import { safeDecodeURIComponent } from '../decode/urlencoded';
import { parseUrl, queryParams, type ParsedUrl } from '../util/url';
import { FEEDBACK_HOST_SET, HELP_HOST_SET } from '../catalogue/hosts';
import { Collector, Recorder } from './collector';
import { errorName, findEventRoots } from './events';
import { scanHeaders } from './headers';
import { memoFor, type UrlScan } from './memo';
import { scanPiiMetadata } from './metadata';
import { needlesFor } from './needles';
import { formatPath } from './paths';
import { place, type Place, type ScanState } from './place';
import { applyRule } from './apply-rule';
import { ownKeysOnly, scanString, walkValue } from './scan';
import type { Detection } from './types';
import { scanUcwaBody, scanUcwaQuery, ucwaResource } from './ucwa';
import type { UcwaResourceRule } from './field-rules';

/**
 * The IP address is never in a header or body: it leaves with the connection itself, so every request
 * carries this evidence. `matchedBy: 'value'` because what is shown is the value of the connection, not a
 * named field; the value text says so.
 */
export const IP_CONNECTION_VALUE = '(sent with every connection)';
export const IP_CONNECTION_EVIDENCE: Readonly<Evidence> = Object.freeze({
  where: 'connection',
  path: 'connection',
  value: IP_CONNECTION_VALUE,
  matchedBy: 'value',
  signal: 'ip-address',
});

/**
 * Finds the standard computer information, content and identifiers a request carries, with evidence:
 * by known field names (FIELD_RULES), by headers (HEADER_RULES) and, given this browser's profile, by its own
 * values anywhere in URL, headers and body. Evidence values are raw; redaction is the caller's job.
 * `url` is the request URL already parsed by the caller (classify parses it once for the catalogue too);
 * without it the URL is parsed here. `sink`, when given, hears of every content and identifier found, beyond
 * the evidence caps (see Collector). Synchronous and never throws.
 */
export function detect(
  req: NormalizedRequest,
  decoded: DecodedBody,
  profile?: BrowserProfile,
  url?: ParsedUrl,
  sink?: ContentSink,
): Detection {
  const collector = new Collector(sink);
  collector.add('ip-address', true, 'connection', 'value', 'connection', IP_CONNECTION_VALUE, 'connection');
  const st: ScanState = {
    collector,
    needles: undefined,
    help: false,
    leaves: 0,
    event: -1,
    eventRoots: undefined,
    errorEvents: undefined,
    bodyStrings: undefined,
    quiet: undefined,
    fieldMemo: undefined,
    errorMarks: 0,
    ownKeysOnly: ownKeysOnly(),
  };
  let total = 0;
  try {
    if (profile && typeof profile === 'object') st.needles = needlesFor(profile);
    const memo = memoFor(st.needles);
    const href = url ? url.href : typeof req?.url === 'string' ? req.url : '';
    // Collector URLs recur request after request: their scan is remembered and replayed (memo.ts).
    let scan = memo.url(href);
    if (!scan) {
      scan = scanUrl(st, url ?? parseUrl(href));
      memo.keepUrl(href, scan);
    }
    st.help = scan.help;
    collector.replay(scan.offered);
    scanHeaders(st, collector, memo, req?.headers);
    st.collector = collector;
    if (decoded && typeof decoded === 'object') {
      st.fieldMemo = memo.fields(st.help);
      st.fieldMemo.begin(sink);
      total = scanBody(st, decoded, scan.feedback);
    }
    if (scan.ucwa && decoded && typeof decoded === 'object') scanUcwaBody(collector, scan.ucwa, decoded);
  } catch {
    // Detection is best effort: whatever was found before an unexpected value stays.
  } finally {
    st.fieldMemo?.end();
  }
  return {
    signals: collector.signals,
    contents: collector.contents,
    events: { total, errors: Math.min(total, st.errorEvents?.size ?? 0) },
  };
}

/** Scans path and query of a URL into a Recorder, for this request and the memo. */
function scanUrl(st: ScanState, url: ParsedUrl): UrlScan {
  const recorder = new Recorder();
  const sink = st.collector;
  st.collector = recorder;
  st.help = HELP_HOST_SET.has(url.host);
  const ucwa = ucwaResource(url.path);
  try {
    scanPathAndQuery(st, url.path, queryParams(url.query), ucwa);
  } finally {
    st.collector = sink;
  }
  return { help: st.help, feedback: FEEDBACK_HOST_SET.has(url.host), ...(ucwa ? { ucwa } : {}), offered: recorder.offered };
}

function scanPathAndQuery(st: ScanState, rawPath: string, query: readonly [string, string][], ucwa: UcwaResourceRule | undefined): void {
  if (st.needles && rawPath.length > 1) scanString(st, place('url', 'url:path'), safeDecodeURIComponent(rawPath), undefined);
  if (query.length === 0) return;
  const at = place('url', 'url:query', 'query');
  for (let i = 0; i < query.length; i++) {
    const [name, value] = query[i]!;
    // A repeated parameter gets its index: url:query.q, url:query.q[1], ...
    let n = 0;
    for (let k = 0; k < i; k++) if (query[k]![0] === name) n++;
    at.resetTo(name);
    if (n > 0) at.pushSeg(n);
    const rule = at.node.rule;
    const counted = rule !== undefined && applyRule(st, at, rule, value);
    if (ucwa) scanUcwaQuery(st.collector, ucwa, name, value, at.path());
    scanString(st, at, value, counted ? rule : undefined);
  }
}

function scanBody(st: ScanState, decoded: DecodedBody, feedbackHost: boolean): number {
  if (decoded.format === 'none') return 0;
  const text = typeof decoded.text === 'string' ? decoded.text : undefined;
  const roots = findEventRoots(decoded);
  if (roots.length > 0) {
    st.eventRoots = new Map(roots.map((r) => [r.obj, r.index]));
    for (const r of roots) {
      scanPiiMetadata(st.collector, r.obj, r.segs);
      const named = errorName(r.obj);
      if (!named) continue;
      (st.errorEvents ??= new Set()).add(r.index);
      const [key, name] = named;
      st.collector.add('error-report', false, 'body', 'key', `event-name:${key}`, name, formatPath('body', [...r.segs, key]));
    }
  }

  const at = place('body', 'body');
  const v = decoded.value;
  if ((decoded.format === 'form' || decoded.format === 'urlencoded') && typeof v === 'object' && v !== null) {
    walkForm(st, at, v as Record<string, unknown>);
  } else if ((decoded.format === 'json' || decoded.format === 'ndjson') && v !== undefined) {
    walkValue(st, at, v, 0, undefined);
  } else if (text !== undefined) {
    scanString(st, at, text, undefined);
    if (decoded.format === 'binary' && text.startsWith('MDMP')) {
      st.collector.add('memory-dump', false, 'body', 'value', 'mdmp', 'MDMP', 'body');
    }
    if (feedbackHost && decoded.format === 'text' && /\p{L}/u.test(text)) {
      st.collector.add('feedback-content', false, 'body', 'value', 'feedback-text', text, 'body');
    }
  }
  return roots.length;
}

/** Form and urlencoded records: `body.key` for one value, `body.key[n]` for several; JSON values are walked. */
function walkForm(st: ScanState, at: Place, record: Record<string, unknown>): void {
  for (const key of Object.keys(record)) {
    const raw = record[key];
    const values = Array.isArray(raw) ? raw : [raw];
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      at.resetTo(key);
      if (values.length > 1) at.pushSeg(i);
      const rule = at.node.rule;
      const counted = rule !== undefined && applyRule(st, at, rule, value) ? rule : undefined;
      const first = typeof value === 'string' ? value.trimStart().charCodeAt(0) : -1;
      const parsed = first === 0x7b || first === 0x5b ? parseJsonSafe(value as string) : undefined;
      if (parsed?.ok) walkValue(st, at, parsed.value, 1, counted);
      else if (typeof value === 'string') scanString(st, at, value, counted);
    }
  }
}
