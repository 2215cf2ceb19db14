/**
 * webRequest listener registration: which events, with which options, for which URLs and types
 * (the plan and its reasons: lib/capture/listener-plan.ts).
 *
 *   at start, for all sites (the browser delivers only what Telltale holds host permissions for; index.ts):
 *     onBeforeRequest  + requestBody    types that can carry a body (Firefox: every type)
 *     onSendHeaders                     everything, skipping what a full-header listener receives
 *     onCompleted                       types that can carry a body (Firefox: every type)
 *     onErrorOccurred                   every type
 *   while hidden headers are wanted (Chromium; a setting, or a running recording: HiddenHeaders):
 *     onSendHeaders    + extraHeaders   main_frame, sub_frame
 *     onSendHeaders    + extraHeaders   the hosts of the help and feedback families, any type
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

/** A webRequest event as the listeners use it: the browser's own types differ by browser and by event. */
interface RequestEvent {
  addListener(listener: unknown, ...filterAndOptions: unknown[]): void;
  removeListener(listener: unknown): void;
}
const events = () => browser.webRequest as unknown as Record<'onBeforeRequest' | 'onSendHeaders' | 'onCompleted' | 'onErrorOccurred', RequestEvent>;

function knownTypes(): string[] | undefined {
  const types = (browser.webRequest as unknown as { ResourceType?: Record<string, string> }).ResourceType;
  return types ? Object.values(types) : undefined;
}

/**
 * Registers the listeners for every request, for the worker's lifetime; returns the switch of the full-header
 * listeners. Called before anything is awaited, so the events that wake a stopped worker reach a listener.
 */
export function registerListeners(urls: string[], h: Handlers): HiddenHeaders {
  const wr = events();
  const types = knownTypes();
  // Firefox: reading the body costs nothing measurable there, and its type list varies by version.
  const bodyFilter = CHROMIUM && types ? { urls, types: splitTypes(types).body } : { urls };
  wr.onBeforeRequest.addListener(h.before, bodyFilter, ['requestBody']);
  const full = new HiddenHeaders(urls, (d) => h.headers(d, true));
  const cheap = (d: unknown) => {
    if (!full.reading || !getsFullHeaders(d as { url: string; type: string })) h.headers(d, !CHROMIUM);
  };
  wr.onSendHeaders.addListener(cheap, { urls }, ['requestHeaders']);
  wr.onCompleted.addListener(h.completed, bodyFilter);
  wr.onErrorOccurred.addListener(h.error, { urls });
  return full;
}

/**
 * Time for a listener just added to take effect in the browser, which the worker cannot observe directly: until
 * then, and until the full listeners have delivered an event, the cheap listener keeps reporting the requests
 * the full ones are for, and the merger keeps the fuller report where both arrive (lib/capture/merger.ts), so no
 * request goes without its headers while the switch turns.
 */
const SWITCH_OVERLAP_MS = 1_000;

/**
 * The full-header listeners (`extraHeaders`), registered only while wanted. While any listener in the browser
 * asks for `extraHeaders`, Chromium routes the headers of every request the browser makes, on every site,
 * through its header client, whatever that listener's filter: measured, the
 * do-nothing extension without them ran a 1,000-POST burst in 0.88× the time (README, what watching costs).
 * Firefox shows every header to every listener, so there this does nothing.
 */
export class HiddenHeaders {
  private wanted = false;
  /** The overlap has passed since the full-header listeners were added. */
  private settled = false;
  /** A full-header listener has delivered an event since it was added: the browser has it in force. */
  private delivered = false;
  private overlap: ReturnType<typeof setTimeout> | undefined;
  /** One function per filter: a registration is removed by its function. */
  private readonly listeners: { listener: (details: unknown) => void; filter: { urls: string[]; types?: string[] } }[];

  constructor(urls: string[], headers: (details: unknown) => void) {
    const listener = (d: unknown) => {
      this.delivered = true;
      headers(d);
    };
    this.listeners = [{ listener, filter: { urls, types: [...NAVIGATION_TYPES] } }];
    if (FULL_HEADER_PATTERNS.length) this.listeners.push({ listener: (d) => listener(d), filter: { urls: FULL_HEADER_PATTERNS } });
  }

  /** True once the full-header listeners are surely in force: the cheap one then leaves their requests. */
  get reading(): boolean {
    return this.settled && this.delivered;
  }

  set(wanted: boolean): void {
    if (!CHROMIUM || wanted === this.wanted) return;
    this.wanted = wanted;
    clearTimeout(this.overlap);
    const event = events().onSendHeaders;
    // Off: the cheap listener takes every request again before the full ones go.
    this.settled = this.delivered = false;
    if (wanted) {
      for (const { listener, filter } of this.listeners) event.addListener(listener, filter, FULL_OPTIONS);
      this.overlap = setTimeout(() => (this.settled = true), SWITCH_OVERLAP_MS);
    } else {
      for (const { listener } of this.listeners) event.removeListener(listener);
    }
  }
}
