/**
 * Which host permissions Telltale needs and no longer holds. Chromium's `permissions.remove` of the all-sites
 * pattern also withholds every narrower host permission it covers (seen in Chromium 156 for the manifest's
 * Microsoft hosts: only those that content scripts also match stay; a custom origin's host is covered the same
 * way). Firefox removes only the pattern given. The browser's site-access settings can withhold them too. Telltale then sees nothing sent there, so the popup and the options page say
 * which are missing and offer to ask for them again. Pure: the pages pass what `permissions.getAll` returned.
 */
import { ALL_SITES } from './listener-plan';
import { permissionPatternFor } from './origins';

/** Patterns that grant every host, so they cover any narrower one. */
const EVERY_HOST = new Set([...ALL_SITES, '<all_urls>']);

/** The host patterns Telltale watches with: the manifest's, and one per custom origin, each once. */
export function wantedHostPatterns(manifest: readonly string[], customOrigins: readonly string[]): string[] {
  const wanted = manifest.filter((p) => p.includes('://') && !EVERY_HOST.has(p));
  for (const origin of customOrigins) wanted.push(permissionPatternFor(origin));
  return [...new Set(wanted)];
}

/**
 * The wanted patterns that `granted` does not cover, in the order wanted. A pattern is covered when it is
 * granted as such or every host is granted; a wider grant of another shape (`*://*.example.com/*`) is not
 * looked into, so such a pattern is reported missing only if the browser dropped it from the list.
 */
export function missingHostAccess(wanted: readonly string[], granted: readonly string[]): string[] {
  if (granted.some((p) => EVERY_HOST.has(p))) return [];
  const have = new Set(granted);
  return wanted.filter((p) => !have.has(p));
}

/** A pattern as a person reads it: `*://*.microsoft.com/*` → `*.microsoft.com`. */
export function hostOfPattern(pattern: string): string {
  const m = /^[^:]+:\/\/([^/]+)\//.exec(pattern);
  return m ? m[1]! : pattern;
}
