/**
 * The "Telltale" DevTools panel page (devtools-panel.html): the inspected tab's requests, re-read every second
 * through the background (which flushes its write queue first, so the list is at most a second behind).
 *
 * `?tab=<id>` sets the tab instead of `devtools.inspectedWindow.tabId`: Playwright cannot reach DevTools' own
 * UI, so most of the end-to-end test loads this page directly with the demo client's tab id (everything but the
 * inspected-tab lookup is the same code); one test opens the real panel with puppeteer-core. `?lang=sv|en`
 * overrides the language, as on every page (components/common/strings/lang.ts).
 */
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createClient } from '../../lib/messages';
import { loadPolicy } from '../../lib/policy/load';
import type { Observation } from '../../lib/model';
import { errorText } from '../../components/common/error-text';
import { I18nContext, pageI18n } from '../../components/common/i18n';
import { Panel, type PanelStatus } from '../../components/devtools/Panel';
import { afterClear, clearCut, sameObservations } from '../../components/devtools/model';
import { tabHar } from '../../components/devtools/export';
// The verbatim policy text ships inside the extension; its SHA-256 goes into the export's manifest.
import policyText from '../../lib/policy/lync-privacy-policy-2012.sv.txt?raw';
import { download } from '../../components/common/download';

const POLL_MS = 1000;
/** The list's bound: the newest this many requests of the tab (one indexed read, cost bounded by it). */
const LIMIT = 500;

const params = new URLSearchParams(location.search);
const i18n = pageI18n({ search: location.search, uiLanguage: browser.i18n.getUILanguage(), languages: navigator.languages });
const policy = loadPolicy();
const request = createClient((message) => browser.runtime.sendMessage(message));

function inspectedTabId(): number | null {
  const fromQuery = params.get('tab');
  if (fromQuery !== null && /^-?\d+$/.test(fromQuery)) return Number(fromQuery);
  try {
    const devtools = (browser as unknown as { devtools?: { inspectedWindow?: { tabId?: number } } }).devtools;
    return devtools?.inspectedWindow?.tabId ?? null;
  } catch {
    return null;
  }
}

/**
 * The clear is a cut in this view only (nothing stored is deleted). It is kept per tab in storage.session, so
 * closing and reopening DevTools on the tab keeps it, and it is forgotten when the browser closes. Tab ids are
 * unique within a browser session.
 */
const clearKey = (tabId: number) => `devtoolsClearedThrough.${tabId}`;
type SessionArea = { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
const sessionArea = (): SessionArea | undefined => (browser.storage as unknown as { session?: SessionArea } | undefined)?.session;

async function readClear(tabId: number): Promise<number | undefined> {
  const v = (await sessionArea()?.get(clearKey(tabId)).catch(() => undefined))?.[clearKey(tabId)];
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

function saveClear(tabId: number, cut: number): void {
  void sessionArea()?.set({ [clearKey(tabId)]: cut }).catch(() => undefined);
}

/**
 * The inspected page's title. tabs.get gives it for pages under Telltale's host permissions (the client
 * origins), without the "tabs" permission; inside DevTools, the inspected window itself is asked otherwise.
 */
async function pageTitleOf(tabId: number): Promise<string | undefined> {
  const fromTab = await browser.tabs.get(tabId).then((tab) => tab.title, () => undefined);
  if (fromTab) return fromTab;
  const devtools = (browser as unknown as { devtools?: { inspectedWindow?: { eval(code: string): Promise<unknown> } } }).devtools;
  const evaluated = await devtools?.inspectedWindow?.eval('document.title').catch(() => undefined);
  const title = Array.isArray(evaluated) ? evaluated[0] : evaluated;
  return typeof title === 'string' && title ? title : undefined;
}

/** The inspected page's title, read again every few seconds: a page can change it (Outlook shows the unread count). */
function usePageTitle(tabId: number | null): string | undefined {
  const [pageTitle, setPageTitle] = useState<string | undefined>();
  useEffect(() => {
    if (tabId === null) return;
    const readTitle = () => void pageTitleOf(tabId).then((title) => setPageTitle((prev) => title ?? prev));
    readTitle();
    const timer = setInterval(readTitle, 5 * POLL_MS);
    return () => clearInterval(timer);
  }, [tabId]);
  return pageTitle;
}

/**
 * The tab's newest requests, read every second while the panel is shown, and the stored clear cut. A failed
 * read shows in the status line until a read succeeds again.
 */
function useTabObservations(tabId: number | null, setStatus: (status: PanelStatus | undefined) => void) {
  const [observations, setObservations] = useState<Observation[] | undefined>(tabId === null ? [] : undefined);
  const [clearedThrough, setClearedThrough] = useState<number | undefined>();
  const cutLoaded = useRef<Promise<void> | null>(null);
  const read = useCallback(async () => {
    if (tabId === null) return;
    // The first read waits for the stored cut, so cleared requests never flash into the list.
    cutLoaded.current ??= readClear(tabId).then((cut) => setClearedThrough((now) => now ?? cut));
    await cutLoaded.current;
    const next = await request('observations/list', { tabId, limit: LIMIT });
    setObservations((prev) => (sameObservations(prev, next) ? prev : next));
  }, [tabId]);

  useEffect(() => {
    if (tabId === null) return;
    let failed = false;
    const tick = () => {
      // A panel behind another DevTools tab is hidden: skip the read, catch up when shown.
      if (document.visibilityState === 'hidden') return;
      read().then(
        () => {
          if (failed) setStatus(undefined);
          failed = false;
        },
        (e) => {
          failed = true;
          setStatus({ kind: 'error', text: i18n.t('panelError', errorText(e, i18n)) });
        },
      );
    };
    tick();
    const timer = setInterval(tick, POLL_MS);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [tabId, read]);
  return { observations, clearedThrough, setClearedThrough };
}

function App() {
  const [tabId] = useState(inspectedTabId);
  const [status, setStatus] = useState<PanelStatus | undefined>();
  const pageTitle = usePageTitle(tabId);
  const { observations, clearedThrough, setClearedThrough } = useTabObservations(tabId, setStatus);

  const onClear = () => {
    if (tabId === null) return;
    const cut = clearCut(observations ?? [], clearedThrough);
    setClearedThrough(cut);
    if (cut !== undefined) saveClear(tabId, cut);
    setStatus({ kind: 'info', text: i18n.t('panelCleared') });
  };

  const onExport = async () => {
    if (tabId === null) return;
    const list = afterClear(observations ?? [], clearedThrough);
    if (list.length === 0) return setStatus({ kind: 'info', text: i18n.t('panelExportEmpty') });
    try {
      const recordings = await request('recording/list');
      const rawRecordingIds = new Set(recordings.filter((r) => r.rawEvidence && r.id !== undefined).map((r) => r.id!));
      const file = tabHar(list, {
        tabId,
        policyId: policy.id,
        policyText,
        extensionVersion: browser.runtime.getManifest().version,
        browser: navigator.userAgent,
        rawRecordingIds,
        now: Date.now(),
      });
      download(file.name, file.text, 'application/json');
      setStatus({ kind: 'info', text: i18n.t('panelExported', [file.name, file.count]) });
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e, i18n) });
    }
  };

  return (
    <Panel
      policy={policy}
      tabId={tabId}
      pageTitle={pageTitle}
      observations={observations}
      limit={LIMIT}
      clearedThrough={clearedThrough}
      status={status}
      onClear={onClear}
      onExport={() => void onExport()}
    />
  );
}

document.documentElement.lang = i18n.lang;
document.title = i18n.t('panelTitle');
render(
  <I18nContext.Provider value={i18n}>
    <App />
  </I18nContext.Provider>,
  document.getElementById('app')!,
);
