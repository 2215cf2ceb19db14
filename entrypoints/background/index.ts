/**
 * Background: webRequest → normalize / merge (lib/pipeline) → classify (lib/classify) → IndexedDB (lib/store).
 *
 * Nothing lost silently — what survives an MV3 service-worker stop, and how each loss is accounted for:
 *
 *   survives a stop                          dies with the worker
 *   ─────────────────────────────────────    ─────────────────────────────────────────────
 *   IndexedDB (committed transactions)       pending phases in PhaseMerger (bodies, headers)
 *   storage.session (the journal: starts,    the journal's current batch (≤ 25 ms of changes)
 *     and finished records until committed)  an uncommitted flush transaction (its records stay journaled)
 *
 *   1. Every request from a client page is journaled in storage.session when its first phase is seen
 *      (lib/store/journal.ts, batched every 25 ms); once classified, its encoded record replaces that entry,
 *      which is removed only after the record is committed, so the writer's queue survives a stop and the
 *      next worker writes those records whole. While the worker is still starting, the listener journals
 *      each event as it arrives, at once, before waiting for `ready`: a worker stopped during its start used
 *      to take those events with it.
 *   2. A later phase that reaches a new worker without its earlier phases (they ran in the stopped worker)
 *      is still stored, from what that phase carries (URL, method, tab, requesting page, status). The record
 *      lists what it lost in `incomplete` ('body', 'headers'); a lost body reaches the engine as a body
 *      error, so the annotation says `undecodable`.
 *   3. On start, the journal's entries are restored into the merger. If their later phases arrive they merge;
 *      if not within 10 s (the request finished while no worker was running), a stub record is stored from
 *      the journal with `incomplete` including 'completion'.
 *      A stub that duplicates a record committed just before the stop is dropped (by-request index).
 *      After a restart Chromium may deliver one request's queued events out of order (send-headers, then
 *      before-request; or completion first): the merger keeps them one record (lib/capture/merger.ts).
 *   4. A failed write counts its requests as gaps in their scopes (ObservationWriter.recordLoss).
 *   5. Each scope's `gaps` = records missing their body or headers + requests that could not be written.
 *      The popup shows it, so a loss is visible with its count.
 *   What no extension can see: a request whose every event was handed to a worker that was stopped before
 *   any listener ran. No API tells the next worker about it, so it is covered by `gaps` only in total.
 *   test/e2e/loss.e2e.test.ts compares the loopback server's log with the store to measure that residue.
 *
 * main() is synchronous and registers the webRequest listeners before anything is awaited, so the events
 * that wake a stopped worker are delivered. Handlers wait for `ready` (DB open, settings, profile, engine)
 * and run in arrival order.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { isTrustedSender, parseMessage, dispatch, type Reply } from '../../lib/messages';
import { permissionPatternFor } from '../../lib/capture/origins';
import type { RawBeforeRequest, RawCompleted, RawDetails, RawError, RawSendHeaders } from '../../lib/capture/normalize';
import { RequestPipeline } from './pipeline';
import { createHandlers } from './handlers';

/** Host patterns from the manifest: MV3 `host_permissions`, MV2 the URL patterns among `permissions`. */
function manifestHostPatterns(): string[] {
  const m = browser.runtime.getManifest() as { host_permissions?: string[]; permissions?: string[] };
  return (m.host_permissions ?? m.permissions ?? []).filter((p) => p.includes('://') || p === '<all_urls>');
}

type Listener = (details: unknown) => void;
interface Listeners {
  before: Listener;
  headers: Listener;
  completed: Listener;
  error: Listener;
}

function register(urls: string[], l: Listeners): void {
  const filter = { urls };
  const wr = browser.webRequest;
  wr.onBeforeRequest.addListener(l.before as never, filter, ['requestBody']);
  // Chrome hides Accept-Language, Referer, Cookie and Origin unless asked with extraHeaders; Firefox shows
  // them all and rejects the option.
  const headerOptions = import.meta.env.CHROME ? ['requestHeaders', 'extraHeaders'] : ['requestHeaders'];
  wr.onSendHeaders.addListener(l.headers as never, filter, headerOptions as never);
  wr.onCompleted.addListener(l.completed as never, filter);
  wr.onErrorOccurred.addListener(l.error as never, filter);
}

function unregister(l: Listeners): void {
  const wr = browser.webRequest;
  wr.onBeforeRequest.removeListener(l.before as never);
  wr.onSendHeaders.removeListener(l.headers as never);
  wr.onCompleted.removeListener(l.completed as never);
  wr.onErrorOccurred.removeListener(l.error as never);
}

export default defineBackground({
  main() {
    const pipeline = new RequestPipeline();
    const later = (fn: () => void) => void pipeline.ready.then(fn);
    const manifestPatterns = manifestHostPatterns();

    const listenersFor = (accept: (url: string) => boolean): Listeners => {
      const on =
        <T extends RawDetails>(handle: (d: T) => void): Listener =>
        (d) => {
          if (!accept((d as T).url)) return;
          pipeline.noteArrival(d as T);
          later(() => handle(d as T));
        };
      return {
        before: on<RawBeforeRequest>((d) => pipeline.onBeforeRequest(d)),
        headers: on<RawSendHeaders>((d) => pipeline.onSendHeaders(d)),
        completed: on<RawCompleted>((d) => pipeline.onCompleted(d)),
        error: on<RawError>((d) => pipeline.onError(d)),
      };
    };

    // First, before any await: the listeners for the manifest's hosts.
    register(manifestPatterns, listenersFor(() => true));

    // Custom client origins (on-premises Lync Web App...) send to their own hosts, which the manifest does not
    // cover: a second set of listeners for those hosts, skipping URLs the first set already receives. These
    // are registered after init, so a request to such a host alone does not wake a stopped worker; requests
    // to Microsoft hosts from those pages do.
    const inManifest = manifestPatterns.map((p) => {
      try {
        return new MatchPattern(p);
      } catch {
        return undefined;
      }
    });
    const coveredByManifest = (url: string) => inManifest.some((m) => m?.includes(url));
    let customListeners: Listeners | undefined;
    const registerCustom = (origins: string[]) => {
      if (customListeners) unregister(customListeners);
      customListeners = undefined;
      if (!origins.length) return;
      customListeners = listenersFor((url) => !coveredByManifest(url));
      try {
        register([...new Set(origins.map(permissionPatternFor))], customListeners);
      } catch (e) {
        console.error('custom origin listeners failed', e);
      }
    };

    browser.tabs.onRemoved.addListener((tabId) => later(() => pipeline.resetTab(tabId)));

    const handlers = createHandlers(pipeline, registerCustom);
    const extensionBase = browser.runtime.getURL('/');
    browser.runtime.onMessage.addListener((message: unknown, sender): Promise<Reply> => {
      if (!isTrustedSender(sender, browser.runtime.id, extensionBase)) {
        return Promise.resolve({ ok: false, error: 'sender not allowed' });
      }
      const parsed = parseMessage(message);
      if (!parsed.ok) return Promise.resolve({ ok: false, error: parsed.error });
      return pipeline.ready.then(() => dispatch(handlers, parsed.envelope));
    });

    later(() => {
      registerCustom(pipeline.settings?.customOrigins ?? []);
      void forgetClosedTabs(pipeline);
    });
  },
});

/** Tab aggregates of tabs that no longer exist (closed while no worker ran, or a previous session). */
async function forgetClosedTabs(pipeline: RequestPipeline): Promise<void> {
  const db = await pipeline.database();
  const [keys, tabs] = await Promise.all([db.getAllKeys('aggregates'), browser.tabs.query({})]);
  const open = new Set(tabs.map((t) => `tab:${t.id}`));
  for (const key of keys) if (key.startsWith('tab:') && !open.has(key)) pipeline.resetTab(Number(key.slice(4)));
}
