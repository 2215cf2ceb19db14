/**
 * webRequest listener registration: which events, with which options, for which URLs and types
 * (the plan and its reasons: lib/capture/listener-plan.ts).
 *
 *   one set, for all sites (the browser delivers only what Telltale holds host permissions for; index.ts):
 *     onBeforeRequest  + requestBody   types that can carry a body
 *     onBeforeRequest                   every other type (from the browser's own type list)
 *     onSendHeaders    + extraHeaders   main_frame, sub_frame (Chromium; Firefox shows every header anyway)
 *     onSendHeaders                     everything else, skipping what a full-header listener receives
 *     onCompleted, onErrorOccurred
 *   once:
 *     onSendHeaders    + extraHeaders   the catalogue's endpoint hosts, any type (Chromium)
 */
import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { BUILTIN_RULES } from '../../lib/catalogue';
import { NAVIGATION_TYPES, fullHeaderPatterns, splitTypes } from '../../lib/capture/listener-plan';

type Listener = (details: unknown) => void;
export interface Handlers {
  before: Listener;
  /** `full`: the listener was asked for every header (extraHeaders where the browser needs it). */
  headers: (details: unknown, full: boolean) => void;
  completed: Listener;
  error: Listener;
}

/** Chromium hides some headers unless asked with extraHeaders; Firefox shows them all and rejects the option. */
const CHROMIUM = !import.meta.env.FIREFOX;
const FULL_OPTIONS = CHROMIUM ? ['requestHeaders', 'extraHeaders'] : ['requestHeaders'];

const CATALOGUE_PATTERNS = fullHeaderPatterns(BUILTIN_RULES);
const catalogueMatchers = CATALOGUE_PATTERNS.map((p) => new MatchPattern(p));

/** True when a full-header listener receives this request, so the cheap one leaves it alone. */
function getsFullHeaders(d: { url: string; type: string }): boolean {
  if (!CHROMIUM) return false;
  return NAVIGATION_TYPES.includes(d.type) || catalogueMatchers.some((m) => m.includes(d.url));
}

function knownTypes(): string[] | undefined {
  const types = (browser.webRequest as unknown as { ResourceType?: Record<string, string> }).ResourceType;
  return types ? Object.values(types) : undefined;
}

/** Registers one URL set's listeners, for the worker's lifetime. */
export function registerSet(urls: string[], h: Handlers): void {
  const wr = browser.webRequest;
  const add = <E extends { addListener(...a: never[]): void }>(event: E, listener: unknown, ...rest: unknown[]) => {
    (event.addListener as (...a: unknown[]) => void)(listener, ...rest);
  };
  const types = knownTypes();
  if (CHROMIUM && types) {
    const { body, noBody } = splitTypes(types);
    add(wr.onBeforeRequest, h.before, { urls, types: body }, ['requestBody']);
    if (noBody.length) add(wr.onBeforeRequest, h.before, { urls, types: noBody });
  } else {
    // Firefox: reading the body costs nothing measurable there, and its type list varies by version.
    add(wr.onBeforeRequest, h.before, { urls }, ['requestBody']);
  }
  const cheap = (d: unknown) => {
    if (!getsFullHeaders(d as { url: string; type: string })) h.headers(d, !CHROMIUM);
  };
  add(wr.onSendHeaders, cheap, { urls }, ['requestHeaders']);
  if (CHROMIUM) add(wr.onSendHeaders, (d: unknown) => h.headers(d, true), { urls, types: [...NAVIGATION_TYPES] }, FULL_OPTIONS);
  add(wr.onCompleted, h.completed, { urls });
  add(wr.onErrorOccurred, h.error, { urls });
}

/** The catalogue endpoints' full-header listener, registered once whatever the URL sets (Chromium only). */
export function registerCatalogueHeaders(headers: (details: unknown) => void): void {
  if (!CHROMIUM || !CATALOGUE_PATTERNS.length) return;
  browser.webRequest.onSendHeaders.addListener(headers as never, { urls: CATALOGUE_PATTERNS }, FULL_OPTIONS as never);
}
