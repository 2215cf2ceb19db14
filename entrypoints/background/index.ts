/**
 * Background: webRequest → normalize / merge (lib/pipeline) → classify (lib/classify) → IndexedDB (lib/store).
 *
 * Nothing lost silently — what survives an MV3 service-worker stop, and how each loss is accounted for:
 *
 *   survives a stop                          dies with the worker
 *   ─────────────────────────────────────    ─────────────────────────────────────────────
 *   IndexedDB (committed transactions)       pending phases in PhaseMerger (bodies, headers)
 *   storage.session (the journal: starts,    the journal's current batch (≤ 100 ms of changes)
 *     finished records and requests without  an uncommitted flush transaction (its records stay journaled)
 *     a body until committed)
 *
 *   1. Every request from a client page is journaled in storage.session when its first phase is seen
 *      (lib/store/journal.ts, batched every 100 ms); once classified, its encoded record replaces that entry,
 *      which is removed only after the record is committed, so the writer's queue survives a stop and the
 *      next worker writes those records whole. A request without a body is classified only when the queue is
 *      written (pipeline.ts): until then the captured request itself (URL, headers) replaces the entry, and
 *      the next worker classifies it. While the worker is still starting, the listener journals
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
 * main() is synchronous and registers every webRequest listener before anything is awaited, so the events
 * that wake a stopped worker (and the first navigation after the browser starts) reach a listener. The
 * full-header listeners alone wait for the settings: they are added only while wanted (listeners.ts), and until
 * then the cheap listener reports those requests with the hidden headers named unseen. One listener
 * set covers all sites: the browser hands an extension only the requests it holds host permissions for (the
 * manifest's hosts, custom origins' hosts, every host while the third-party switch is on), so nothing needs
 * registering later when custom origins load or a permission changes. Which of those requests Telltale keeps
 * depends on state read asynchronously (settings, the all-sites permission): events wait for it (`ready`) and
 * are decided then, in arrival order.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { isTrustedSender, parseMessage, dispatch, type Reply } from '../../lib/messages';
import { permissionPatternFor } from '../../lib/capture/origins';
import type { RawBeforeRequest, RawCompleted, RawDetails, RawError, RawSendHeaders } from '../../lib/capture/normalize';
import { RequestPipeline } from './pipeline';
import { createHandlers } from './handlers';
import { registerListeners, type Handlers } from './listeners';
import { watchThirdParty } from './third-party';
import { manifestHostPatterns } from '../popup/third-party-permission';
import { ALL_SITES } from '../../lib/capture/listener-plan';
import { urlMatcher } from './url-matcher';
import { receivePageLoaded, receiveWitness } from './witness';
import { isPageLoadedMessage, isWitnessMessage } from '../../lib/capture/witness-message';

export default defineBackground({
  main() {
    const startedAt = Date.now();
    const pipeline = new RequestPipeline();
    const manifestPatterns = manifestHostPatterns();

    // A request is kept when it goes to a manifest host, to a custom origin's host, or anywhere while the
    // third-party switch is on (the merger then drops requests of non-client pages). A host reachable some other
    // way (a site the user allowed in the browser's settings) is not watched.
    const coveredByManifest = urlMatcher(manifestPatterns);
    let coveredByCustom: (url: string) => boolean = () => false;
    const watched = (url: string) => coveredByManifest(url) || coveredByCustom(url) || pipeline.thirdPartyVisible;
    const setCustomOrigins = (origins: string[]) => {
      coveredByCustom = urlMatcher([...new Set(origins.map(permissionPatternFor))]);
    };
    // What deciding needs: the pipeline's state with the custom origins, and the all-sites permission (followed
    // however it changes later).
    const ready = Promise.all([
      pipeline.ready.then(() => setCustomOrigins(pipeline.settings?.customOrigins ?? [])),
      watchThirdParty((on) => (pipeline.thirdPartyVisible = on)),
    ]);
    const later = (fn: () => void) => void ready.then(fn);

    const on =
      <T extends RawDetails>(handle: (d: T) => void) =>
      (d: unknown) => {
        const details = d as T;
        pipeline.noteArrival(details);
        later(() => (watched(details.url) ? handle(details) : pipeline.skipEarly(details.requestId)));
      };
    const handlers: Handlers = {
      before: on<RawBeforeRequest>((d) => pipeline.onBeforeRequest(d)),
      headers: (d, full) => on<RawSendHeaders>((x) => pipeline.onSendHeaders(x, full))(d),
      completed: on<RawCompleted>((d) => pipeline.onCompleted(d)),
      error: on<RawError>((d) => pipeline.onError(d)),
    };

    // First, before any await.
    const hiddenHeaders = registerListeners([...ALL_SITES], handlers);
    // Read while the user asks for them, and while a recording runs: its evidence is the whole request.
    const headerModeChanged = () => hiddenHeaders.set(pipeline.settings?.hiddenHeaders === true || pipeline.recording !== undefined);
    void pipeline.ready.then(headerModeChanged);

    browser.tabs.onRemoved.addListener((tabId) => later(() => pipeline.resetTab(tabId)));

    const messageHandlers = createHandlers(pipeline, setCustomOrigins);
    const extensionBase = browser.runtime.getURL('/');
    browser.runtime.onMessage.addListener((message: unknown, sender): Promise<Reply> | undefined => {
      // The page-side beacon observer's one message: checked and kept there, never answered.
      if (isWitnessMessage(message)) {
        receiveWitness(pipeline, message, sender);
        return undefined;
      }
      if (isPageLoadedMessage(message)) {
        later(() => receivePageLoaded(pipeline, message, sender));
        return undefined;
      }
      if (!isTrustedSender(sender, browser.runtime.id, extensionBase)) {
        return Promise.resolve({ ok: false, error: 'sender not allowed' });
      }
      const parsed = parseMessage(message);
      if (!parsed.ok) return Promise.resolve({ ok: false, error: parsed.error });
      // A message can change the settings or the running recording, and with them the header mode.
      return pipeline.ready.then(() => dispatch(messageHandlers, parsed.envelope)).finally(headerModeChanged);
    });

    later(() => void forgetClosedTabs(pipeline, startedAt));
  },
});

/**
 * Tab aggregates of tabs that no longer exist (closed while no worker ran, or a previous session). Only those
 * last seen before this worker started: a tab that opened while it started may be missing from the tab list
 * read here, and its fresh aggregate (its page, its provenance) must not be wiped.
 */
async function forgetClosedTabs(pipeline: RequestPipeline, startedAt: number): Promise<void> {
  const db = await pipeline.database();
  const [aggregates, tabs] = await Promise.all([db.getAll('aggregates'), browser.tabs.query({})]);
  const open = new Set(tabs.map((t) => `tab:${t.id}`));
  for (const a of aggregates) {
    if (a.key.startsWith('tab:') && !open.has(a.key) && a.lastSeen < startedAt) pipeline.resetTab(Number(a.key.slice(4)));
  }
}
