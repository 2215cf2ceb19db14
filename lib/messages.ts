/**
 * The one message protocol between extension pages (popup, options, report, DevTools panel) and the
 * background: a map of message name → request and response types, a payload validator per message, and a
 * typed client. Pure: the caller passes in the browser's sendMessage, so this file runs anywhere.
 *
 * Data access, one rule:
 * - pages may read IndexedDB, through the read-only lib/store/read.ts (a view paints without a round trip),
 *   or, for the popup's first paint, lib/store/peek.ts (one aggregate read with the bare API, never opening
 *   a database that does not exist);
 * - every write goes through the background by a message here: recordings, settings, rules, deletes, and
 *   HAR import (`import/start`, `import/chunk`, `import/finish`), so one writer owns the store.
 */
import type { Observation, Recording, ScopeAggregate, ScopeKey } from './model';
import type { Settings } from './store/settings';
import { MAX_RULES_CHARS, MAX_RULES_FILE_NAME, type RulesInfo } from './rules-store/types';
import { isObject } from './util/is-object';

export interface BackgroundState {
  /** The passive log is paused (a running recording still records). */
  paused: boolean;
  recording: Recording | null;
  /** Gaps in the passive log: requests seen but not (fully) recorded since the log began. */
  gaps: number;
  /** Requests being merged right now (seen, not yet finished). */
  pending: number;
  customOrigins: string[];
}

export type SettingsPatch = Partial<Pick<Settings, 'retentionDays' | 'retentionMaxObservations' | 'notifyUndisclosed' | 'hiddenHeaders'>>;

export interface ObservationQueryPayload {
  tabId?: number;
  recordingId?: number;
  since?: number;
  limit?: number;
}

export interface Messages {
  'state/get': { request: undefined; response: BackgroundState };
  'recording/start': { request: { title: string; notes?: string; rawEvidence?: boolean }; response: Recording };
  'recording/stop': { request: undefined; response: Recording | null };
  'recording/list': { request: undefined; response: Recording[] };
  'recording/update': { request: { id: number; title?: string; notes?: string }; response: Recording };
  'recording/delete': { request: { id: number }; response: { deleted: number } };
  'log/pause': { request: { paused: boolean }; response: BackgroundState };
  'data/deleteAll': { request: undefined; response: { deleted: true } };
  /**
   * Writes what the background holds (it waits for a pause in the traffic) before a page reads the store
   * itself: the report asks for it when it opens.
   */
  'store/flush': { request: undefined; response: { flushed: true } };
  'origins/add': { request: { origin: string }; response: { origins: string[] } };
  'origins/remove': { request: { origin: string }; response: { origins: string[] } };
  'settings/get': { request: undefined; response: Settings };
  'settings/set': { request: SettingsPatch; response: Settings };
  'aggregate/get': { request: { key: ScopeKey }; response: ScopeAggregate | null };
  'observations/list': { request: ObservationQueryPayload; response: Observation[] };
  /** Screen size is unknown in a worker; a page posts it so the profile can find it in requests. */
  'profile/screen': { request: { screenResolution: string }; response: { ok: true } };
  /** Custom rules (lib/rules-store): the file in force, or null. */
  'rules/get': { request: undefined; response: RulesInfo | null };
  /** Replaces the rules; a malformed file fails with the parser's message and the previous rules stay. */
  'rules/set': { request: { text: string; fileName: string }; response: RulesInfo };
  'rules/clear': { request: undefined; response: { cleared: true } };
  /** A HAR file sent in chunks of at most MAX_IMPORT_CHUNK_CHARS; nothing is stored before `import/finish`. */
  'import/start': { request: { fileName: string }; response: { importId: number } };
  'import/chunk': { request: { importId: number; text: string }; response: { received: number } };
  /** Parses and stores the whole file as a new recording; a malformed file fails and stores nothing. */
  'import/finish': { request: { importId: number }; response: { recording: Recording; count: number } };
}

/** Chunk size of a HAR import, well under Chrome's 64 MiB message limit. */
export const MAX_IMPORT_CHUNK_CHARS = 4 * 1024 * 1024;
const MAX_FILE_NAME = 1000;

export type MessageName = keyof Messages;
export type RequestOf<K extends MessageName> = Messages[K]['request'];
export type ResponseOf<K extends MessageName> = Messages[K]['response'];

export interface Envelope<K extends MessageName = MessageName> {
  type: K;
  payload: RequestOf<K>;
}

export type Reply<K extends MessageName = MessageName> =
  | { ok: true; value: ResponseOf<K> }
  | { ok: false; error: string };

type Check = (payload: unknown) => string | undefined;

/** Shape checks: a key list with a type test per key; unknown keys are rejected. */
function shape(fields: Record<string, { required: boolean; test: (v: unknown) => boolean }>): Check {
  return (payload) => {
    if (!isObject(payload)) return 'payload must be an object';
    for (const key of Object.keys(payload)) if (!(key in fields)) return `unexpected field ${key}`;
    for (const [key, f] of Object.entries(fields)) {
      const v = payload[key];
      if (v === undefined) {
        if (f.required) return `missing field ${key}`;
      } else if (!f.test(v)) {
        return `bad field ${key}`;
      }
    }
    return undefined;
  };
}

const none: Check = (p) => (p === undefined || (isObject(p) && Object.keys(p).length === 0) ? undefined : 'no payload expected');
const str = (max: number) => (v: unknown) => typeof v === 'string' && v.length <= max;
const bool = (v: unknown) => typeof v === 'boolean';
const int = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const req = (test: (v: unknown) => boolean) => ({ required: true, test });
const opt = (test: (v: unknown) => boolean) => ({ required: false, test });
const isScopeKey = (v: unknown) =>
  typeof v === 'string' && v.length <= 300 && /^(log|tab:-?\d+|rec:\d+|worker:https?:\/\/[^\s/]+)$/.test(v);

const CHECKS: { [K in MessageName]: Check } = {
  'state/get': none,
  'recording/start': shape({ title: req(str(200)), notes: opt(str(10_000)), rawEvidence: opt(bool) }),
  'recording/stop': none,
  'recording/list': none,
  'recording/update': shape({ id: req(int), title: opt(str(200)), notes: opt(str(10_000)) }),
  'recording/delete': shape({ id: req(int) }),
  'log/pause': shape({ paused: req(bool) }),
  'data/deleteAll': none,
  'store/flush': none,
  'origins/add': shape({ origin: req(str(500)) }),
  'origins/remove': shape({ origin: req(str(500)) }),
  'settings/get': none,
  'settings/set': shape({ retentionDays: opt(num), retentionMaxObservations: opt(num), notifyUndisclosed: opt(bool), hiddenHeaders: opt(bool) }),
  'aggregate/get': shape({ key: req(isScopeKey) }),
  'observations/list': shape({ tabId: opt(int), recordingId: opt(int), since: opt(num), limit: opt(int) }),
  'profile/screen': shape({ screenResolution: req((v) => typeof v === 'string' && /^\d{1,5}x\d{1,5}$/.test(v)) }),
  'rules/get': none,
  'rules/set': shape({ text: req(str(MAX_RULES_CHARS)), fileName: req(str(MAX_RULES_FILE_NAME)) }),
  'rules/clear': none,
  'import/start': shape({ fileName: req(str(MAX_FILE_NAME)) }),
  'import/chunk': shape({ importId: req(int), text: req(str(MAX_IMPORT_CHUNK_CHARS)) }),
  'import/finish': shape({ importId: req(int) }),
};

export const MESSAGE_NAMES = Object.keys(CHECKS) as MessageName[];

/** Validates an incoming message; never throws. */
export function parseMessage(message: unknown): { ok: true; envelope: Envelope } | { ok: false; error: string } {
  if (!isObject(message) || typeof message.type !== 'string') return { ok: false, error: 'not a message' };
  // Own keys only: a type such as `__proto__` or `hasOwnProperty` must not find Object.prototype's members.
  const check = Object.hasOwn(CHECKS, message.type) ? (CHECKS as Record<string, Check>)[message.type] : undefined;
  if (!check) return { ok: false, error: `unknown message ${String(message.type).slice(0, 100)}` };
  const problem = check(message.payload);
  if (problem) return { ok: false, error: `${message.type}: ${problem}` };
  return { ok: true, envelope: { type: message.type as MessageName, payload: message.payload as never } };
}

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Only this extension's own pages may talk to the background: the sender must carry this extension's id
 * and an extension page URL (content scripts and web pages carry a web URL).
 */
export function isTrustedSender(sender: SenderInfo, extensionId: string, extensionBaseUrl: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionBaseUrl);
}

export type Handlers = { [K in MessageName]: (payload: RequestOf<K>) => Promise<ResponseOf<K>> };

/** Runs a validated envelope through the handler table, turning errors into a failed reply. */
export async function dispatch(handlers: Handlers, envelope: Envelope): Promise<Reply> {
  try {
    const handler = handlers[envelope.type] as (p: unknown) => Promise<unknown>;
    return { ok: true, value: (await handler(envelope.payload)) as never };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** A typed client over the browser's runtime.sendMessage. Rejects with the background's error text. */
export function createClient(send: (message: unknown) => Promise<unknown>) {
  return async function request<K extends MessageName>(
    type: K,
    ...payload: RequestOf<K> extends undefined ? [] : [RequestOf<K>]
  ): Promise<ResponseOf<K>> {
    const reply = (await send({ type, payload: payload[0] })) as Reply<K> | undefined;
    if (!reply) throw new Error(`no reply to ${type}`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  };
}
