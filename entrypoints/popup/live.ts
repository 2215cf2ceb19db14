/**
 * The popup's live data: starts from what the boot already read (usually the tab's aggregate, often the
 * background's state too), fills in the rest when it arrives, and re-reads both every second while open.
 * Each tick is one IndexedDB get and one message; the popup never reads observations.
 */
import { useCallback, useEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import type { PopupStatus } from '../../components/popup/Popup';
import type { BackgroundState } from '../../lib/messages';
import type { ScopeAggregate, ScopeKey } from '../../lib/model';
import type { Boot } from './boot';

const POLL_MS = 1000;

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

export const tabScope = (id: number | null | undefined): ScopeKey | null => (id == null ? null : `tab:${id}`);

export interface LiveData {
  tabId: number | null | undefined;
  scope: ScopeKey | null;
  aggregate: ScopeAggregate | null | undefined;
  status: PopupStatus | null;
  /** Shows another scope; its aggregate is read at once. */
  switchScope: (next: ScopeKey) => void;
  /** Re-reads the background's state (after an action). */
  readStatus: () => Promise<PopupStatus>;
}

/** Live data with errors reported through `fail` (already worded for the popup). */
export function useLiveData(boot: Boot, initial: Initial, fail: (e: unknown) => void): LiveData {
  const [tabId, setTabId] = useState(initial.tabId);
  const [scope, setScope] = useState<ScopeKey | null>(tabScope(initial.tabId));
  const [aggregate, setAggregate] = useState(initial.aggregate);
  const [status, setStatus] = useState<PopupStatus | null>(initial.state ? toStatus(initial.state) : null);
  const scopeRef = useRef<ScopeKey | null>(scope);
  scopeRef.current = scope;

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

  // Whatever the boot had not finished before the first render.
  useEffect(() => {
    if (initial.tabId === undefined) {
      boot.tabId.then((id) => {
        setTabId(id);
        setScope(tabScope(id));
        scopeRef.current = tabScope(id);
      }, fail);
    }
    if (initial.aggregate === undefined) {
      boot.aggregate.then((agg) => void boot.tabId.then((id) => showAggregate(tabScope(id), agg)), fail);
    }
    if (initial.state === undefined) boot.state.then((st) => setStatus((prev) => prev ?? toStatus(st)), fail);
  }, [boot, initial, showAggregate, fail]);

  usePolling({ boot, tabId, scope, scopeRef, fresh: initial.aggregate !== undefined, readStatus, showAggregate, setScope, fail });

  const switchScope = useCallback((next: ScopeKey) => {
    setAggregate(undefined);
    setScope(next);
  }, []);
  return { tabId, scope, aggregate, status, switchScope, readStatus };
}

interface PollingInputs {
  boot: Boot;
  tabId: number | null | undefined;
  scope: ScopeKey | null;
  scopeRef: MutableRef<ScopeKey | null>;
  /** The boot's aggregate is fresh: the first poll can wait a full interval. */
  fresh: boolean;
  readStatus: () => Promise<PopupStatus>;
  showAggregate: (key: ScopeKey | null, next: ScopeAggregate | null) => void;
  setScope: (scope: ScopeKey) => void;
  fail: (e: unknown) => void;
}

/** Polls while open; a scope switch reads at once. */
function usePolling({ boot, tabId, scope, scopeRef, fresh, readStatus, showAggregate, setScope, fail }: PollingInputs): void {
  const skipNextRead = useRef(fresh);
  useEffect(() => {
    if (tabId === undefined) return;
    let stopped = false;
    const tick = async () => {
      try {
        const st = await readStatus().catch((e) => {
          fail(e);
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
        if (!stopped) fail(e);
      }
    };
    if (skipNextRead.current) skipNextRead.current = false;
    else void tick();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [boot, tabId, scope, scopeRef, readStatus, showAggregate, setScope, fail]);
}
