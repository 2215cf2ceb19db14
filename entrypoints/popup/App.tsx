/**
 * The popup's live part: starts from what the boot already read (usually the tab's aggregate, often the
 * background's state too), fills in the rest when it arrives, and re-reads both every second while open.
 * Each tick is one IndexedDB get and one message; the popup never reads observations.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { errorText as readableError } from '../../components/common/error-text';
import { pageI18n, type I18n } from '../../components/common/i18n';
import { Popup, type PopupStatus } from '../../components/popup/Popup';
import type { BackgroundState } from '../../lib/messages';
import type { Policy } from '../../lib/policy/types';
import type { ScopeAggregate, ScopeKey } from '../../lib/model';
import type { Boot } from './boot';
import { extensionApi } from './ext';
import { markFirstPaint } from './first-paint';
import { useScopeExtras } from './scope-extras';

const POLL_MS = 1000;

/** The popup's language by the rule every page follows (components/common/strings/lang.ts). */
export const i18n: I18n = pageI18n({
  search: location.search,
  uiLanguage: extensionApi().i18n.getUILanguage(),
  languages: navigator.languages,
});
const { t } = i18n;

/**
 * The policy model (names of features, purposes, clauses; validation) is needed only for details opened on
 * demand, so it loads after the first paint: the first screen is painted from the aggregate and the string
 * table alone.
 */
function usePolicyAfterPaint(painted: boolean): Policy | undefined {
  const [policy, setPolicy] = useState<Policy>();
  useEffect(() => {
    if (!painted || policy) return;
    const timer = setTimeout(() => void import('../../lib/policy/load').then((m) => setPolicy(m.loadPolicy())), 0);
    return () => clearTimeout(timer);
  }, [painted, policy]);
  return policy;
}

/** What the boot had finished by the first render; undefined fields are still on their way. */
export interface Initial {
  tabId: number | null | undefined;
  aggregate: ScopeAggregate | null | undefined;
  state: BackgroundState | undefined;
}

export function toStatus(state: BackgroundState): PopupStatus {
  const rec = state.recording;
  return {
    paused: state.paused,
    recording: rec && rec.id !== undefined ? { id: rec.id, title: rec.title, startedAt: rec.startedAt } : null,
  };
}

function sameStatus(a: PopupStatus | null, b: PopupStatus): boolean {
  return (
    a !== null &&
    a.paused === b.paused &&
    a.recording?.id === b.recording?.id &&
    a.recording?.title === b.recording?.title
  );
}

/** Same content, same object: polling must not re-render (and reset focus or scroll) for nothing. */
function sameAggregate(a: ScopeAggregate | null | undefined, b: ScopeAggregate | null): boolean {
  if (a === undefined) return false;
  if (a === null || b === null) return a === b;
  return a.requests === b.requests && a.lastSeen === b.lastSeen && a.gaps === b.gaps && a.key === b.key;
}

const errorText = (e: unknown): string => readableError(e, i18n);

const tabScope = (id: number | null | undefined): ScopeKey | null => (id == null ? null : `tab:${id}`);

export function App({ boot, initial }: { boot: Boot; initial: Initial }) {
  const [tabId, setTabId] = useState(initial.tabId);
  const [scope, setScope] = useState<ScopeKey | null>(tabScope(initial.tabId));
  const [aggregate, setAggregate] = useState(initial.aggregate);
  const [status, setStatus] = useState<PopupStatus | null>(initial.state ? toStatus(initial.state) : null);
  const [error, setError] = useState<string | undefined>();
  const scopeRef = useRef<ScopeKey | null>(scope);
  scopeRef.current = scope;
  // The boot's aggregate is fresh: the first poll can wait a full interval.
  const skipNextRead = useRef(initial.aggregate !== undefined);

  const showAggregate = useCallback((key: ScopeKey | null, next: ScopeAggregate | null) => {
    // A scope switch while reading: drop the stale answer.
    if (scopeRef.current !== key) return;
    setAggregate((prev) => (sameAggregate(prev, next) ? prev : next));
  }, []);

  const readStatus = useCallback(async () => {
    const next = toStatus(await boot.request('state/get'));
    setStatus((prev) => (sameStatus(prev, next) ? prev : next));
    return next;
  }, [boot]);

  // Whatever the boot had not finished before the first render, and what can wait until after it.
  useEffect(() => {
    const fail = (e: unknown) => setError(t('popupErrorLoad', errorText(e)));
    if (initial.tabId === undefined) {
      boot.tabId.then((id) => {
        setTabId(id);
        setScope(tabScope(id));
        scopeRef.current = tabScope(id);
      }, fail);
    }
    if (initial.aggregate === undefined) {
      boot.aggregate.then(
        (agg) => void boot.tabId.then((id) => showAggregate(tabScope(id), agg)),
        fail,
      );
    }
    if (initial.state === undefined) {
      boot.state.then((st) => setStatus((prev) => (prev ?? toStatus(st))), fail);
    }
    // The background finds the screen resolution in requests only if a page tells it what it is.
    void boot.request('profile/screen', { screenResolution: `${screen.width}x${screen.height}` }).catch(() => undefined);
  }, [boot, initial, showAggregate]);

  // Poll while open; a scope switch reads at once.
  useEffect(() => {
    if (tabId === undefined) return;
    let stopped = false;
    const tick = async () => {
      try {
        const st = await readStatus().catch((e) => {
          setError(t('popupErrorLoad', errorText(e)));
          return null;
        });
        // A stopped recording's switch disappears; fall back to the tab rather than strand the view.
        if (st && !st.recording && scopeRef.current?.startsWith('rec:') && tabId !== null) {
          setScope(`tab:${tabId}`);
          return;
        }
        const key = scopeRef.current;
        if (key) showAggregate(key, await boot.read(key));
      } catch (e) {
        if (!stopped) setError(t('popupErrorLoad', errorText(e)));
      }
    };
    if (skipNextRead.current) skipNextRead.current = false;
    else void tick();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [boot, tabId, scope, readStatus, showAggregate]);

  // The first commit that shows data: the benchmark's mark is taken when that frame is painted.
  useLayoutEffect(() => {
    if (aggregate !== undefined) markFirstPaint();
  }, [aggregate]);
  const policy = usePolicyAfterPaint(aggregate !== undefined);
  const itemOfSignal = useMemo(() => {
    if (!policy) return undefined;
    const bySignal = new Map(policy.signals.map((s) => [s.id, s.item as string]));
    return (signal: string) => bySignal.get(signal);
  }, [policy]);

  const run = (action: () => Promise<unknown>) => {
    setError(undefined);
    action()
      .then(() => readStatus())
      .catch((e) => setError(t('popupErrorAction', errorText(e))));
  };

  const extras = useScopeExtras(boot, aggregate);
  const shown: ScopeKey = scope ?? tabScope(tabId) ?? 'tab:-1';
  return (
    <Popup
      policy={policy}
      itemOfSignal={itemOfSignal}
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
      onStartRecording={(title, rawEvidence) => run(() => boot.request('recording/start', { title, rawEvidence }))}
      onStopRecording={() => run(() => boot.request('recording/stop'))}
      onPauseChange={(paused) => run(() => boot.request('log/pause', { paused }))}
      extras={extras}
    />
  );
}
