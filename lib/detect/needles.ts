/**
 * "By value": this browser's own values (its profile), prepared once per profile for fast search in any string.
 *
 * Each profile value becomes one or more needles (its spelling variants: lower case for language tags,
 * `sv_SE` for `sv-SE`, `1920*1080` for `1920x1080`). A string is searched in two ways:
 * - exact: the whole string equals a needle, case-insensitively (one Map lookup);
 * - inside: the needle occurs as a whole token (isWholeToken) somewhere in the string. One regular expression
 *   per profile, the alternation of all needles, first tells whether any needle occurs at all (irregexp scans
 *   an alternation of literals in one native pass, ~3× faster per string than an indexOf per needle); only
 *   strings it matches are searched needle by needle with indexOf.
 *   Needles shorter than 4 characters ("sv", "x86") are looked for inside short strings without spaces only
 *   (MAX_TOKEN_SCAN_CHARS; `sv-SE,sv;q=0.9`, `/sv/`, `lang=sv`), where a token is still meaningful, and not
 *   next to a hyphen (`dela-en-kalender` is a Swedish slug, not English).
 * Where a longer needle's match covers a shorter one's (the UA string covers "Windows"), only the longer counts.
 * Spelling variants are whole-value matches only; they are not searched inside strings.
 */
import type { BrowserProfile } from '../model';
import type { SignalId } from '../policy/types';
import { MAX_TOKEN_SCAN_CHARS } from './limits';
import { parseUserAgent } from './user-agent';
import { isWholeToken } from './values';

export interface Needle {
  /** Index into Needles.list; used for per-request hit counters. */
  id: number;
  text: string;
  /**
   * A spelling variant (`sv_SE`, `1920*1080`): matched as a whole value only, not searched inside strings,
   * which keeps the per-body work to the spellings browsers and SDKs actually write.
   */
  variant: boolean;
  /** The profile field this needle comes from, e.g. `timeZone`; used in dedupe keys. */
  source: string;
  signals: SignalId[];
}

export interface Needles {
  list: Needle[];
  /** Lower-cased whole value → needles. */
  exact: Map<string, Needle[]>;
  /** Lengths present in `exact`, so most strings skip the lower-casing and lookup. */
  exactLengths: Set<number>;
  /** Needles searched inside strings, longest first. */
  long: Needle[];
  /** Needles of fewer than 4 characters, searched inside short strings only. */
  short: Needle[];
  /** Matches a string in which some `long` needle, or some `short` needle as a token, may occur. */
  anyInside: RegExp | undefined;
  /** Shortest string worth testing with `anyInside`. */
  minInside: number;
  /** Results for strings that recur across requests (header values, URL parts); see findNeedlesCached. */
  recent: Map<string, NeedleMatch[] | null>;
}

const SHORT = 4;
const cache = new WeakMap<BrowserProfile, Needles>();

/** The needles for a profile, built once and cached by the profile object. */
export function needlesFor(profile: BrowserProfile): Needles {
  let n = cache.get(profile);
  if (!n) {
    n = build(profile);
    cache.set(profile, n);
  }
  return n;
}

function str(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length >= 2 ? t : undefined;
}

function build(profile: BrowserProfile): Needles {
  const list: Needle[] = [];
  const byText = new Map<string, Needle>();
  const add = (text: string | undefined, source: string, signals: SignalId[], variant = false): void => {
    if (!text || text.length < 2 || text.length > 2048) return;
    const known = byText.get(text);
    if (known) {
      for (const s of signals) if (!known.signals.includes(s)) known.signals.push(s);
      return;
    }
    const needle: Needle = { id: list.length, text, source, signals: [...signals], variant };
    byText.set(text, needle);
    list.push(needle);
  };

  const ua = str(profile.userAgent);
  if (ua) {
    // The UA string shows whichever of OS and browser it names.
    const parsed = parseUserAgent(ua);
    const signals: SignalId[] = [];
    if (parsed.os) signals.push(parsed.os.version ? 'os-version' : 'os-name');
    if (parsed.browser) signals.push(parsed.browser.version ? 'browser-version' : 'browser-name');
    add(ua, 'userAgent', signals.length ? signals : ['browser-version']);
  }
  add(str(profile.osName), 'osName', ['os-name']);
  add(str(profile.osVersion), 'osVersion', ['os-version']);
  add(str(profile.browserName), 'browserName', ['browser-name']);
  add(str(profile.browserVersion), 'browserVersion', ['browser-version']);
  for (const lang of Array.isArray(profile.languages) ? profile.languages.slice(0, 16) : []) {
    const l = str(lang);
    if (!l) continue;
    add(l, 'languages', ['language']);
    add(l.toLowerCase(), 'languages', ['language']);
    if (l.includes('-')) add(l.replace(/-/g, '_'), 'languages', ['language'], true);
  }
  add(str(profile.timeZone), 'timeZone', ['time-zone']);
  const res = str(profile.screenResolution);
  if (res) {
    add(res, 'screenResolution', ['screen-resolution']);
    const m = /^(\d{3,5})\s*[x×*X]\s*(\d{3,5})$/.exec(res);
    if (m) for (const sep of ['x', 'X', '*']) add(`${m[1]}${sep}${m[2]}`, 'screenResolution', ['screen-resolution'], true);
  }
  add(str(profile.model), 'model', ['device-model']);
  add(str(profile.architecture), 'architecture', ['cpu-architecture']);

  const exact = new Map<string, Needle[]>();
  const exactLengths = new Set<number>();
  for (const n of list) {
    const key = n.text.toLowerCase();
    const at = exact.get(key);
    if (at) at.push(n);
    else exact.set(key, [n]);
    exactLengths.add(key.length);
  }
  const inside = list.filter((n) => !n.variant);
  const long = inside.filter((n) => n.text.length >= SHORT).sort((a, b) => b.text.length - a.text.length);
  const short = inside.filter((n) => n.text.length < SHORT);
  const alternatives = long.map((n) => escapeRegExp(n.text));
  if (short.length > 0) {
    alternatives.push(`(?<![A-Za-z0-9_-])(?:${short.map((n) => escapeRegExp(n.text)).join('|')})(?![A-Za-z0-9_-])`);
  }
  const anyInside = alternatives.length > 0 ? new RegExp(alternatives.join('|')) : undefined;
  const minInside = Math.min(...inside.map((n) => n.text.length + 1), Infinity);
  return { list, exact, exactLengths, long, short, anyInside, minInside, recent: new Map() };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export interface NeedleMatch {
  needle: Needle;
  start: number;
  end: number;
  exact: boolean;
}

/** The needles found in `s`: one exact match, or every needle found inside it as a whole token. */
export function findNeedles(s: string, needles: Needles): NeedleMatch[] | undefined {
  const n = s.length;
  if (n < 2) return undefined;
  let out: NeedleMatch[] | undefined;
  if (needles.exactLengths.has(n)) {
    const hit = needles.exact.get(s.toLowerCase());
    if (hit) {
      // A whole-value match says all there is; its needles may differ only in case.
      const needle = hit[0];
      if (needle) return [{ needle, start: 0, end: n, exact: true }];
    }
  }
  if (n < needles.minInside || !needles.anyInside || !needles.anyInside.test(s)) return undefined;
  for (const needle of needles.long) {
    const t = needle.text;
    if (t.length >= n) continue;
    let at = s.indexOf(t);
    while (at >= 0 && !isWholeToken(s, at, at + t.length)) at = s.indexOf(t, at + 1);
    if (at < 0) continue;
    if (out && covered(out, at, at + t.length)) continue;
    (out ??= []).push({ needle, start: at, end: at + t.length, exact: false });
  }
  // Short needles ("sv", "en", "x86") only in short strings without spaces: in prose, "en" is a word.
  if (n <= MAX_TOKEN_SCAN_CHARS && needles.short.length > 0 && s.indexOf(' ') < 0) {
    for (const needle of needles.short) {
      const t = needle.text;
      if (t.length >= n) continue;
      let at = s.indexOf(t);
      while (at >= 0 && !isShortToken(s, at, at + t.length)) at = s.indexOf(t, at + 1);
      if (at < 0 || (out && covered(out, at, at + t.length))) continue;
      (out ??= []).push({ needle, start: at, end: at + t.length, exact: false });
    }
  }
  return out;
}

/** A whole token that is not part of a hyphenated word either ("en" is not in "dela-en-kalender"). */
function isShortToken(s: string, start: number, end: number): boolean {
  return isWholeToken(s, start, end) && s.charCodeAt(start - 1) !== 0x2d && s.charCodeAt(end) !== 0x2d;
}

const RECENT_MAX = 512;
const RECENT_MAX_CHARS = 1024;

/**
 * findNeedles with a small per-profile memory, for strings that repeat from request to request (Origin,
 * Referer, client-version headers; collector URL paths). Body strings do not go through it: they are many
 * and mostly unique.
 */
export function findNeedlesCached(s: string, needles: Needles): NeedleMatch[] | undefined {
  if (s.length > RECENT_MAX_CHARS) return findNeedles(s, needles);
  const hit = needles.recent.get(s);
  if (hit !== undefined) return hit ?? undefined;
  const found = findNeedles(s, needles);
  if (needles.recent.size >= RECENT_MAX) needles.recent.clear();
  needles.recent.set(s, found ?? null);
  return found;
}

function covered(found: NeedleMatch[], start: number, end: number): boolean {
  for (const m of found) if (m.start <= start && end <= m.end) return true;
  return false;
}
