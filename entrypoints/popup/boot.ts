/**
 * What the popup reads when it opens, started before anything else is loaded: the tab id, the database, that
 * tab's precomputed aggregate (read by the page, and asked of the background only when that read is slow or
 * fails) and the background's state, all at once. The aggregate is what the first view
 * needs; the state (recording, pause) fills in the controls when it arrives and never delays the view.
 *
 * Only the tab id is needed: the popup gets it from tabs.query without the "tabs" permission (the URL
 * would need it, and the aggregate key does not). The database is opened while that query is under way.
 * `?tab=<id>` overrides the active tab, so the popup can be opened as a page (tests, or a pinned tab beside a
 * client).
 *
 * The popup's one script (entrypoints/popup-boot.ts) runs this first (start-boot.ts, its first import), before
 * the view's modules are evaluated; the view takes the started boot with takeBoot().
 */
import { createClient, type BackgroundState } from '../../lib/messages';
import type { ScopeAggregate, ScopeKey } from '../../lib/model';
import { getAggregate, openForPeek, peekAggregate } from '../../lib/store/peek';
import { extensionApi } from './ext';

export type Request = ReturnType<typeof createClient>;

export interface Boot {
  request: Request;
  /** The tab shown; null when there is none (e.g. the popup of a browser page). */
  tabId: Promise<number | null>;
  /** Reads one scope's aggregate (null when there is none), with the bare IndexedDB API: no idb, no upgrades. */
  read: (key: ScopeKey) => Promise<ScopeAggregate | null>;
  /** The aggregate of `tab:<tabId>`; null when nothing was seen there yet or there is no tab. */
  aggregate: Promise<ScopeAggregate | null>;
  state: Promise<BackgroundState>;
}

function tabFromQuery(search: string): number | null | undefined {
  const asked = new URLSearchParams(search).get('tab');
  return asked !== null && /^-?\d+$/.test(asked) ? Number(asked) : undefined;
}

async function activeTabId(): Promise<number | null> {
  const [tab] = await extensionApi().tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export function readAggregate(key: ScopeKey): Promise<ScopeAggregate | null> {
  return peekAggregate(key);
}

/** The tab's aggregate on a connection opened beside the tab query; the connection is closed after the get. */
async function readTabAggregate(tabId: Promise<number | null>, opened: Promise<IDBDatabase | null>): Promise<ScopeAggregate | null> {
  const [id, db] = await Promise.all([tabId, opened]);
  if (!db) return null;
  try {
    return id === null ? null : await getAggregate(db, `tab:${id}`);
  } finally {
    db.close();
  }
}

/**
 * How long the page's own read may take before the background is asked as well. A page's first IndexedDB open
 * can be slow (tens of milliseconds while the browser sets up the database for the new page), and a running
 * background then answers a message sooner. Asked at once, though, the background does its work (flush, read,
 * serialize the aggregate for the message, which the page parses again) while the popup paints, on the same
 * cores, and its answer is usually not needed: the page's read is there first.
 */
export const BACKGROUND_AFTER_MS = 40;

/**
 * The tab's aggregate from whichever answers first: the page's own read, or the background's (`aggregate/get`,
 * from its open connection, after it has written what it holds), asked only when the page's read failed or
 * is slow (BACKGROUND_AFTER_MS). Both read the same store. Fails only if both fail.
 */
function tabAggregate(request: Request, tabId: Promise<number | null>, opened: Promise<IDBDatabase | null>): Promise<ScopeAggregate | null> {
  const own = readTabAggregate(tabId, opened);
  return new Promise((resolve, reject) => {
    let failed = 0;
    const fail = (e: unknown) => (++failed === 2 ? reject(e) : undefined);
    let asked = false;
    const askBackground = () => {
      if (asked) return;
      asked = true;
      tabId.then((id) => (id === null ? null : request('aggregate/get', { key: `tab:${id}` }))).then(resolve, fail);
    };
    const timer = setTimeout(askBackground, BACKGROUND_AFTER_MS);
    own.then(
      (agg) => {
        clearTimeout(timer);
        resolve(agg);
      },
      (e: unknown) => {
        clearTimeout(timer);
        fail(e);
        askBackground();
      },
    );
  });
}

export function startBoot(search: string = location.search): Boot {
  const request = createClient((message) => extensionApi().runtime.sendMessage(message));
  const fromQuery = tabFromQuery(search);
  const tabId = fromQuery === undefined ? activeTabId() : Promise.resolve(fromQuery);
  const opened = openForPeek();
  const aggregate = tabAggregate(request, tabId, opened);
  const state = request('state/get');
  // Steps of the opening, read by test/bench/popup-paint.mjs.
  performance.mark('telltale:boot');
  void opened.then(() => performance.mark('telltale:db-open'), () => undefined);
  void aggregate.then(() => performance.mark('telltale:aggregate'), () => undefined);
  void state.then(() => performance.mark('telltale:state'), () => undefined);
  // Callers attach their own handlers later; until then a failure must not surface as unhandled.
  for (const p of [tabId, aggregate, state]) p.catch(() => undefined);
  return { request, tabId, read: readAggregate, aggregate, state };
}

/** Where the boot script leaves the started boot for the view's modules (the same page, the same realm). */
const holder = globalThis as { telltalePopupBoot?: Boot };

/** Starts the reads and leaves them for the view (start-boot.ts calls it as the popup's script is evaluated). */
export function publishBoot(search: string = location.search): void {
  holder.telltalePopupBoot ??= startBoot(search);
}

/** The boot the first script started; started here when there is none (the page was opened without it). */
export function takeBoot(search: string = location.search): Boot {
  return holder.telltalePopupBoot ?? startBoot(search);
}
