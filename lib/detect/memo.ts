/**
 * Remembered scans of what recurs request after request: every request of a tab carries the same User-Agent,
 * Accept-Language and Sec-CH-UA* values, and a client posts to the same few collector URLs. Such a scan is
 * recorded once (a Recorder keeps what it offered to the collector) and replayed into each later request's
 * collector in the same order, so the collector's dedupe and caps see exactly what a fresh scan would give
 * them: the annotation is unchanged, only the UA parsing, brand parsing and needle searches are skipped.
 *
 * The results depend on the profile's needles (by-value matches), so there is one memo per Needles object
 * and one for requests without a profile. Every map is bounded; when one is full its oldest entry goes. Body
 * fields recur too, batch after batch: their outcomes are kept the same way (field-memo.ts).
 */
import type { Offered } from './collector';
import { FieldMemo } from './field-memo';
import type { UcwaResourceRule } from './field-rules';
import type { Needles } from './needles';
import { forgetKeyPaths } from './rule-index';

/** The remembered scan of one URL, with the host facts the rest of detection needs. */
export interface UrlScan {
  /** The host is an online-help host (help-only rules apply). */
  help: boolean;
  /** The host is an online-feedback host (a plain-text body is feedback). */
  feedback: boolean;
  /** The UCWA resource the path names, when it is one that carries content (ucwa.ts). */
  ucwa?: UcwaResourceRule;
  offered: readonly Offered[];
}

/** Most URLs remembered per profile. */
const MAX_URLS = 256;
/** Most header names, and most values per name, remembered per profile. */
const MAX_HEADER_NAMES = 64;
const MAX_VALUES_PER_HEADER = 32;
/** Longer header values and URLs are scanned afresh each time (rare, and not worth keeping). */
export const MAX_MEMO_CHARS = 2048;

export class ScanMemo {
  readonly urls = new Map<string, UrlScan>();
  /** Lower-cased header name → header value → what scanning that value offered. */
  readonly headers = new Map<string, Map<string, readonly Offered[]>>();
  /** Outcomes of body leaf fields (field-memo.ts), for requests to other hosts and to help hosts. */
  private readonly fieldMemos: [FieldMemo | undefined, FieldMemo | undefined] = [undefined, undefined];

  /** The body field memo for requests to a help host (`help`) or to any other. */
  fields(help: boolean): FieldMemo {
    const i = help ? 1 : 0;
    return (this.fieldMemos[i] ??= new FieldMemo());
  }

  url(href: string): UrlScan | undefined {
    return this.urls.get(href);
  }

  keepUrl(href: string, scan: UrlScan): void {
    if (href.length > MAX_MEMO_CHARS) return;
    bounded(this.urls, MAX_URLS);
    this.urls.set(href, scan);
  }

  /** The values remembered for a header name, created on first use. */
  headerValues(name: string): Map<string, readonly Offered[]> {
    let values = this.headers.get(name);
    if (!values) {
      bounded(this.headers, MAX_HEADER_NAMES);
      values = new Map();
      this.headers.set(name, values);
    }
    return values;
  }

  keepHeader(values: Map<string, readonly Offered[]>, value: string, offered: readonly Offered[]): void {
    if (value.length > MAX_MEMO_CHARS) return;
    bounded(values, MAX_VALUES_PER_HEADER);
    values.set(value, offered);
  }
}

/** Makes room for one entry: drops the oldest when the map is full (Maps iterate in insertion order). */
function bounded<K, V>(map: Map<K, V>, max: number): void {
  if (map.size < max) return;
  const oldest = map.keys().next();
  if (!oldest.done) map.delete(oldest.value);
}

let byNeedles = new WeakMap<Needles, ScanMemo>();
let withoutProfile = new ScanMemo();

/**
 * Forgets every remembered scan. They hold values of past requests (header values, URLs, body fields of up to
 * 256 characters) in memory only; when the user deletes all data, those go too.
 */
export function forgetScans(): void {
  byNeedles = new WeakMap();
  withoutProfile = new ScanMemo();
  forgetKeyPaths();
}

export function memoFor(needles: Needles | undefined): ScanMemo {
  if (!needles) return withoutProfile;
  let memo = byNeedles.get(needles);
  if (!memo) {
    memo = new ScanMemo();
    byNeedles.set(needles, memo);
  }
  return memo;
}
