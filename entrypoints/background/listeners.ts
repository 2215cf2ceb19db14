/**
 * webRequest listener registration: which events, with which options, for which URLs and types
 * (the plan and its reasons: lib/capture/listener-plan.ts).
 *
 *   one set, for all sites (the browser delivers only what Telltale holds host permissions for; index.ts):
 *     onBeforeRequest  + requestBody    types that can carry a body (Firefox: every type)
 *     onSendHeaders    + extraHeaders   main_frame, sub_frame (Chromium; Firefox shows every header anyway)
 *     onSendHeaders                     everything, skipping what a full-header listener receives
 *     onCompleted                       types that can carry a body (Firefox: every type)
 *     onErrorOccurred                   every type
 *   once:
 *     onSendHeaders    + extraHeaders   the hosts of the help and feedback families, any type (Chromium)
 */
import { browser } from 'wxt/browser';
import { BUILTIN_RULES } from '../../lib/catalogue';
import { BODY_TYPES, NAVIGATION_TYPES, fullHeaderPatterns, fullHeaderRules, splitTypes } from '../../lib/capture/listener-plan';
import { urlMatcher } from './url-matcher';

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

const FULL_HEADER_PATTERNS = fullHeaderPatterns(fullHeaderRules(BUILTIN_RULES));
/** Full-header hosts, decided once per origin (url-matcher.ts). */
const matchesFullHeaderHost = urlMatcher(FULL_HEADER_PATTERNS);

/** True when a full-header listener receives this request, so the cheap one leaves it alone. */
function getsFullHeaders(d: { url: string; type: string }): boolean {
  if (!CHROMIUM) return false;
  return NAVIGATION_TYPES.includes(d.type) || matchesFullHeaderHost(d.url);
}

/**
 * Chromium: requests of types without a body get no completion listener, so they are finished as their
 * headers leave. Firefox watches every type to its completion.
 */
export function finishAtHeaders(type: string): boolean {
  return CHROMIUM && !BODY_TYPES.includes(type);
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
  // Firefox: reading the body costs nothing measurable there, and its type list varies by version.
  const bodyFilter = CHROMIUM && types ? { urls, types: splitTypes(types).body } : { urls };
  add(wr.onBeforeRequest, h.before, bodyFilter, ['requestBody']);
  const cheap = (d: unknown) => {
    if (!getsFullHeaders(d as { url: string; type: string })) h.headers(d, !CHROMIUM);
  };
  add(wr.onSendHeaders, cheap, { urls }, ['requestHeaders']);
  if (CHROMIUM) add(wr.onSendHeaders, (d: unknown) => h.headers(d, true), { urls, types: [...NAVIGATION_TYPES] }, FULL_OPTIONS);
  add(wr.onCompleted, h.completed, bodyFilter);
  add(wr.onErrorOccurred, h.error, { urls });
}

/** The help and feedback families' full-header listener, registered once whatever the URL sets (Chromium only). */
export function registerFullHeaderHosts(headers: (details: unknown) => void): void {
  if (!CHROMIUM || !FULL_HEADER_PATTERNS.length) return;
  browser.webRequest.onSendHeaders.addListener(headers as never, { urls: FULL_HEADER_PATTERNS }, FULL_OPTIONS as never);
}
