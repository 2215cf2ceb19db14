/**
 * The popup page: finds the tab, reads that tab's precomputed aggregate (never the observations), asks the
 * background for its state, and re-reads both every second while open. `?tab=<id>` overrides the active
 * tab, so the popup can be opened as a page (tests, or a pinned tab beside a client).
 *
 * Only the tab id is needed: the popup gets it from tabs.query without the "tabs" permission (the URL
 * would need it, and the aggregate key does not).
 */
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { uiLang, type I18n, type Translate } from '../../components/common/i18n';
import { Popup, type PopupStatus } from '../../components/popup/Popup';
import { createClient, type BackgroundState } from '../../lib/messages';
import { loadPolicy } from '../../lib/policy/load';
import { openTelltaleDB, type TelltaleDatabase } from '../../lib/store/db';
import { getAggregate } from '../../lib/store/queries';
import type { Lang } from '../../lib/policy/types';
import type { ScopeAggregate, ScopeKey } from '../../lib/store/types';

const POLL_MS = 1000;

const t: Translate = (key, substitutions) => {
  const subs =
    substitutions === undefined
      ? undefined
      : Array.isArray(substitutions)
        ? substitutions.map(String)
        : String(substitutions);
  // Keys are checked against both messages.json files by a unit test; the typed key union is not needed here.
  return browser.i18n.getMessage(key as Parameters<typeof browser.i18n.getMessage>[0], subs) || key;
};
/**
 * The browser picks the messages file from its UI language, falling back to en when it has no match (a
 * Chromium without Swedish UI resources reports sv-SE but serves en). The `uiLang` message says which file
 * it chose, so the popup's own strings and the policy texts it shows are always in the same language.
 */
function chosenLang(): Lang {
  const served = t('uiLang');
  return served === 'sv' || served === 'en' ? served : uiLang(browser.i18n.getUILanguage());
}
const i18n: I18n = { lang: chosenLang(), t };
const policy = loadPolicy();
const request = createClient((message) => browser.runtime.sendMessage(message));

async function resolveTabId(): Promise<number | null> {
  const asked = new URLSearchParams(location.search).get('tab');
  if (asked !== null && /^-?\d+$/.test(asked)) return Number(asked);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function toStatus(state: BackgroundState): PopupStatus {
  const rec = state.recording;
  return {
    paused: state.paused,
    recording: rec && rec.id !== undefined ? { id: rec.id, title: rec.title, startedAt: rec.startedAt } : null,
  };
}

/** Same content, same object: polling must not re-render (and reset focus or scroll) for nothing. */
function sameAggregate(a: ScopeAggregate | null | undefined, b: ScopeAggregate | null): boolean {
  if (a === undefined) return false;
  if (a === null || b === null) return a === b;
  return a.requests === b.requests && a.lastSeen === b.lastSeen && a.gaps === b.gaps && a.key === b.key;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

let painted = false;

function App() {
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  const [scope, setScope] = useState<ScopeKey | null>(null);
  const [aggregate, setAggregate] = useState<ScopeAggregate | null | undefined>(undefined);
  const [status, setStatus] = useState<PopupStatus | null>(null);
  const [error, setError] = useState<string | undefined>();
  const db = useRef<Promise<TelltaleDatabase> | null>(null);
  const scopeRef = useRef<ScopeKey | null>(null);
  scopeRef.current = scope;

  const readAggregate = useCallback(async (key: ScopeKey) => {
    db.current ??= openTelltaleDB();
    const next = (await getAggregate(await db.current, key)) ?? null;
    // A scope switch while reading: drop the stale answer.
    if (scopeRef.current !== key) return;
    setAggregate((prev) => (sameAggregate(prev, next) ? prev : next));
  }, []);

  const readStatus = useCallback(async () => {
    const next = toStatus(await request('state/get'));
    setStatus((prev) =>
      prev &&
      prev.paused === next.paused &&
      prev.recording?.id === next.recording?.id &&
      prev.recording?.title === next.recording?.title
        ? prev
        : next,
    );
    return next;
  }, []);

  // Which tab; the scope starts on it.
  useEffect(() => {
    resolveTabId()
      .then((id) => {
        setTabId(id);
        setScope(id === null ? null : `tab:${id}`);
        if (id === null) setAggregate(null);
      })
      .catch((e) => setError(t('popupErrorLoad', errorText(e))));
    // The background finds the screen resolution in requests only if a page tells it what it is.
    void request('profile/screen', { screenResolution: `${screen.width}x${screen.height}` }).catch(() => undefined);
  }, []);

  // Read now, then poll while open. Each tick is one IndexedDB get and one message.
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      try {
        const st = await readStatus().catch((e) => {
          setError(t('popupErrorLoad', errorText(e)));
          return null;
        });
        // A stopped recording's switch disappears; fall back to the tab rather than strand the view.
        if (st && !st.recording && scopeRef.current?.startsWith('rec:') && tabId != null) {
          setScope(`tab:${tabId}`);
          return;
        }
        if (scopeRef.current) await readAggregate(scopeRef.current);
      } catch (e) {
        if (!stopped) setError(t('popupErrorLoad', errorText(e)));
      }
    };
    if (tabId === undefined) return;
    void tick();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [tabId, scope, readAggregate, readStatus]);

  // Marks the first render that shows data, for the popup benchmark.
  useEffect(() => {
    if (painted || aggregate === undefined) return;
    painted = true;
    performance.mark('telltale:first-paint');
  }, [aggregate]);

  const run = (action: () => Promise<unknown>) => {
    setError(undefined);
    action()
      .then(() => readStatus())
      .catch((e) => setError(t('popupErrorAction', errorText(e))));
  };

  const shown: ScopeKey = scope ?? (tabId != null ? `tab:${tabId}` : 'tab:-1');
  return (
    <Popup
      policy={policy}
      i18n={i18n}
      tabId={tabId ?? null}
      scope={shown}
      aggregate={tabId === undefined ? undefined : aggregate}
      status={status}
      error={error}
      onScopeChange={(next) => {
        setAggregate(undefined);
        setScope(next);
      }}
      onStartRecording={(title) => run(() => request('recording/start', { title }))}
      onStopRecording={() => run(() => request('recording/stop'))}
      onPauseChange={(paused) => run(() => request('log/pause', { paused }))}
    />
  );
}

document.documentElement.lang = i18n.lang;
render(<App />, document.getElementById('app')!);
