/**
 * Does a value look like what its field claims it is? A field named `osVersion` holding `x86_64` carries an
 * architecture; one holding `Linux` carries only the OS family (a hint); one holding `unknown` carries nothing.
 * See RULES.md beside this file for the rules these checks implement.
 *
 * Every function here is cheap (a few character tests, at most one small regular expression) because it runs on
 * every value a field rule recognises.
 */
import type { SignalId } from '../policy/types';
import { isIpAddress, isLanguageTag, isUninformativeIp } from './values';

/**
 * Values that stand for "no value": what SDKs write when they do not know. Compared lower-cased and trimmed.
 * `0` and `-1` are the numeric defaults of unset fields; `0x0` an unknown screen size or an empty LCID.
 */
const PLACEHOLDERS = new Set([
  '',
  '0',
  '-1',
  '0x0',
  '0.0',
  '0.0.0',
  '0.0.0.0',
  'null',
  'nil',
  'undefined',
  'unknown',
  'unk',
  'n/a',
  'na',
  'none',
  'nan',
  '-',
  '?',
  'not_specified',
  'notspecified',
  'not specified',
  'unspecified',
  'not set',
  'notset',
  '00000000-0000-0000-0000-000000000000',
]);

/** The value without one pair of surrounding quotes (JSLL and vortex pixels quote their values: `'sv-SE'`). */
export function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2) {
    const q = t.charCodeAt(0);
    if ((q === 0x27 || q === 0x22) && t.charCodeAt(t.length - 1) === q) return t.slice(1, -1).trim();
  }
  return t;
}

/** A value that says nothing: empty, a placeholder, or not a string or finite number. */
export function isPlaceholder(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v) || v === 0 || v === -1;
  if (typeof v !== 'string') return true;
  const t = unquote(v);
  return t.length <= 16 && PLACEHOLDERS.has(t.toLowerCase());
}

const ARCH = /^(?:x86[_-]64|amd64|x64|x86|i[3-6]86|ia32|arm64|aarch64|armv\d+l?|arm|ppc64(?:le)?|s390x|64|32)$/i;
/** Tokens of platform strings (`navigator.platform`, `Win32`, `Linux x86_64`) that carry no OS version. */
const PLATFORM_NOISE = /\b(?:x86[_-]64|amd64|x64|x86|i[3-6]86|ia32|arm64|aarch64|armv\d+l?|win32|win64|wow64|macintel|macppc)\b/gi;

/** A processor architecture as browsers and SDKs spell it (`x86_64`, `x64`, `arm64`, `armv7l`). */
export function isArchitecture(s: string): boolean {
  return s.length <= 10 && ARCH.test(s) && !/^\d+$/.test(s);
}

/**
 * An OS version: digits that are not just an architecture or a platform name's bitness. `10.0`, `NT 10.0`,
 * `Windows11`, `WINDOWS11`, `10_15_7`, `Windows 10 Pro 10.0.19045` all are; `Win32`, `Linux x86_64`, `x64` are not.
 */
export function looksLikeOsVersion(s: string): boolean {
  const rest = s.replace(PLATFORM_NOISE, ' ');
  return /\d/.test(rest);
}

/** A browser or other version: some digit in it (`124`, `124.0.2478.51`); a bare name is not a version. */
export function looksLikeVersion(s: string): boolean {
  return /\d/.test(s);
}

/**
 * A language or locale as clients send it: a language tag (`sv`, `sv-SE`, `SVE`), an LCID as a decimal
 * (`1053`) or hex number (`0x41d`, `041D`).
 */
export function looksLikeLanguage(v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0x0401 && v <= 0x7fff;
  if (typeof v !== 'string') return false;
  const s = unquote(v);
  if (isLanguageTag(s)) return true;
  if (/^\d{4,5}$/.test(s)) {
    const n = Number(s);
    return n >= 0x0401 && n <= 0x7fff;
  }
  return /^(?:0x)?0?[0-9a-f]{3,4}$/i.test(s) && /[a-f]|^0x/i.test(s) && /\d/.test(s.slice(s.startsWith('0x') ? 2 : 0));
}

/** A screen resolution `1920x1080` (any of x × * as separator), neither side zero. */
export function looksLikeResolution(s: string): boolean {
  const m = /^(\d{2,5})\s*[x×*X]\s*(\d{2,5})$/.exec(s);
  return m !== null && Number(m[1]) > 0 && Number(m[2]) > 0;
}

/**
 * The signal a value under a field for `signal` really shows, or undefined when it shows nothing:
 * - placeholders never count;
 * - an OS version that is an architecture is `cpu-architecture`; one without a version is the OS name (a hint);
 * - a browser version without digits is the browser name (a hint);
 * - languages, locales and markets must look like one; a resolution like a resolution; an IP like an IP.
 */
export function shapeSignal(signal: SignalId, v: unknown): SignalId | undefined {
  if (isPlaceholder(v)) return undefined;
  const s = typeof v === 'string' ? unquote(v) : String(v);
  switch (signal) {
    case 'os-version':
      if (isArchitecture(s)) return 'cpu-architecture';
      return looksLikeOsVersion(s) ? 'os-version' : /\p{L}/u.test(s) ? 'os-name' : undefined;
    case 'browser-version':
      return looksLikeVersion(s) ? 'browser-version' : /\p{L}/u.test(s) ? 'browser-name' : undefined;
    case 'os-name':
    case 'browser-name':
    case 'device-make':
    case 'device-model':
      return /\p{L}/u.test(s) ? signal : undefined;
    case 'language':
    case 'locale':
    case 'market':
      return looksLikeLanguage(v) ? signal : undefined;
    case 'screen-resolution':
      return looksLikeResolution(s) ? signal : undefined;
    case 'ip-address':
      return isIpAddress(s) && !isUninformativeIp(s) ? signal : undefined;
    default:
      return signal;
  }
}

/** A GUID, with or without braces and hyphens. */
export function isGuid(s: string): boolean {
  return /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(s);
}

/**
 * Token-shaped: an opaque value of at least 16 characters from an id alphabet, mixing digits and letters
 * (`2cf0b2c00842…`, `c:4f6a…`) or, letters only, upper and lower case throughout (`AJVYLcgShESYbPSmWYHSKA`),
 * or a GUID. Words, camelCase names, numbers and versions are not.
 */
export function looksLikeToken(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const s = unquote(v);
  if (isGuid(s) || isMaskedIdentifier(s)) return true;
  if (s.length < 16 || s.length > 512 || !/^[A-Za-z0-9_\-+/=:.]+$/.test(s)) return false;
  if (/\d/.test(s) && /[A-Za-z]/.test(s)) return !/^\d+(?:\.\d+)+$/.test(s);
  // Letters only: base64url ids mix cases throughout, words and camelCase names do not.
  // (camelCase capitals come one at a time; random base64 has runs of them).
  return s.length >= 20 && /[a-z]/.test(s) && /[A-Z]{3}/.test(s);
}

/**
 * Telltale's own mask of an identifier (lib/redact/value.ts maskIdentifier: `0b5e6f7a-1c2d-4e…(36)`), met again
 * when a redacted body is checked a second time: it stands for the identifier it replaced.
 */
export function isMaskedIdentifier(s: string): boolean {
  return s.length <= 32 && /^[^\s…]{1,16}…\(\d{1,4}\)$/.test(s);
}
