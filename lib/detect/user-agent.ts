/** Reading OS and browser out of a User-Agent string and out of Sec-CH-UA brand lists. */

export interface UaPart {
  name: string;
  version?: string;
  /** The substring of the UA the part was read from, e.g. `Windows NT 10.0` or `Edg/124.0.2478.51`. */
  token: string;
}

export interface ParsedUserAgent {
  os?: UaPart;
  browser?: UaPart;
}

type Pattern = [RegExp, string, ((v: string) => string)?];
const underscores = (v: string): string => v.replace(/_/g, '.');

// Order matters: the first match wins (Windows Phone before Windows, Edge before Chrome before Safari).
const OS_PATTERNS: Pattern[] = [
  [/Windows Phone(?: OS)? (\d+(?:\.\d+)*)/, 'Windows Phone'],
  [/Windows NT (\d+\.\d+)/, 'Windows'],
  [/(?:iPhone|iPad|iPod)(?:.*?) OS (\d+(?:_\d+)*)/, 'iOS', underscores],
  [/Mac OS X (\d+(?:[._]\d+)*)/, 'macOS', underscores],
  [/Android (\d+(?:\.\d+)*)/, 'Android'],
  [/CrOS \S+ (\d+(?:\.\d+)*)/, 'Chrome OS'],
  [/Ubuntu|Fedora|Linux/, 'Linux'],
];

const BROWSER_PATTERNS: Pattern[] = [
  [/Teams\/(\d+(?:\.\d+)*)/, 'Microsoft Teams'],
  [/Edg(?:e|A|iOS)?\/(\d+(?:\.\d+)*)/, 'Microsoft Edge'],
  [/OPR\/(\d+(?:\.\d+)*)/, 'Opera'],
  [/SamsungBrowser\/(\d+(?:\.\d+)*)/, 'Samsung Internet'],
  [/(?:Firefox|FxiOS)\/(\d+(?:\.\d+)*)/, 'Firefox'],
  [/Chromium\/(\d+(?:\.\d+)*)/, 'Chromium'],
  [/(?:Chrome|CriOS)\/(\d+(?:\.\d+)*)/, 'Chrome'],
  [/Version\/(\d+(?:\.\d+)*).*Safari\//, 'Safari'],
  [/MSIE (\d+\.\d+)/, 'Internet Explorer'],
  [/Trident\/.*rv:(\d+\.\d+)/, 'Internet Explorer'],
];

function first(ua: string, patterns: Pattern[]): UaPart | undefined {
  for (const [re, name, fix] of patterns) {
    const m = re.exec(ua);
    if (!m) continue;
    const part: UaPart = { name, token: m[0] };
    if (m[1] !== undefined) part.version = fix ? fix(m[1]) : m[1];
    return part;
  }
  return undefined;
}

// A browser sends the same UA on every request; remember the last few parses.
const cache = new Map<string, ParsedUserAgent>();

export function parseUserAgent(ua: string): ParsedUserAgent {
  const hit = cache.get(ua);
  if (hit) return hit;
  const s = ua.length > 1024 ? ua.slice(0, 1024) : ua;
  const parsed: ParsedUserAgent = {};
  const os = first(s, OS_PATTERNS);
  const browser = first(s, BROWSER_PATTERNS);
  if (os) parsed.os = os;
  if (browser) parsed.browser = browser;
  if (cache.size >= 64) cache.clear();
  cache.set(ua, parsed);
  return parsed;
}

export interface Brand {
  brand: string;
  version: string;
}

/**
 * `"Chromium";v="124", "Microsoft Edge";v="124", "Not-A.Brand";v="99"` → the brands, without the GREASE entry
 * ("Not A Brand" in its many spellings), the most specific (non-Chromium) first.
 */
const brandCache = new Map<string, Brand[]>();

export function parseBrands(header: string): Brand[] {
  const hit = brandCache.get(header);
  if (hit) return hit;
  const out: Brand[] = [];
  const re = /"([^"]{0,64})"\s*;\s*v\s*=\s*"([^"]{0,64})"/g;
  for (let m = re.exec(header); m && out.length < 16; m = re.exec(header)) {
    const brand = m[1] ?? '';
    if (/not.?a.?brand/i.test(brand) || /^\W*$/.test(brand)) continue;
    out.push({ brand, version: m[2] ?? '' });
  }
  out.sort((a, b) => Number(a.brand === 'Chromium') - Number(b.brand === 'Chromium'));
  if (brandCache.size >= 64) brandCache.clear();
  brandCache.set(header, out);
  return out;
}
