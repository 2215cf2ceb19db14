/**
 * The popup's live part: the view (components/popup/Popup) over the live data (live.ts), its summary first and
 * the rest of the first screen once that is painted, the policy model after it, and the actions, each followed
 * by a fresh read of the background's state.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { errorText as readableError } from '../../components/common/error-text';
import { pageI18n, type I18n } from '../../components/common/i18n';
import { Popup } from '../../components/popup/Popup';
import type { Policy } from '../../lib/policy/types';
import type { ScopeKey } from '../../lib/model';
import type { Boot } from './boot';
import { extensionApi } from './ext';
import { markFirstPaint, markFirstScreen } from './first-paint';
import { tabScope, useLiveData, type Initial } from './live';
import { useScopeExtras } from './scope-extras';

/** The popup's language by the rule every page follows (components/common/strings/lang.ts). */
export const i18n: I18n = pageI18n({
  search: location.search,
  uiLanguage: extensionApi().i18n.getUILanguage(),
  languages: navigator.languages,
});
const { t } = i18n;

const errorText = (e: unknown): string => readableError(e, i18n);

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

/** Which item a signal id belongs to, for hinted items; undefined until the policy is there. */
function useItemOfSignal(policy: Policy | undefined): ((signal: string) => string | undefined) | undefined {
  return useMemo(() => {
    if (!policy) return undefined;
    const bySignal = new Map(policy.signals.map((s) => [s.id, s.item as string]));
    return (signal: string) => bySignal.get(signal);
  }, [policy]);
}

export function App({ boot, initial }: { boot: Boot; initial: Initial }) {
  const [error, setError] = useState<string | undefined>();
  const fail = useCallback((e: unknown) => setError(t('popupErrorLoad', errorText(e))), []);
  const live = useLiveData(boot, initial, fail);
  const { tabId, aggregate } = live;

  // The first commit that shows data holds the header and the summary only: the benchmark's mark is taken when
  // that frame is painted, and the rest of the first screen, and all that it does not need, waits until then
  // (first-paint.ts says why). A failed read paints no data.
  const [painted, setPainted] = useState(false);
  useLayoutEffect(() => {
    if (aggregate !== undefined) void markFirstPaint().then(() => setPainted(true));
    else if (error !== undefined) setPainted(true);
  }, [aggregate, error]);
  const summaryOnly = !painted && aggregate !== undefined;
  useLayoutEffect(() => {
    if (painted && aggregate !== undefined) markFirstScreen();
  }, [painted, aggregate]);

  useEffect(() => {
    // The background finds the screen resolution in requests only if a page tells it what it is.
    if (painted) void boot.request('profile/screen', { screenResolution: `${screen.width}x${screen.height}` }).catch(() => undefined);
  }, [boot, painted]);

  const policy = usePolicyAfterPaint(painted);
  const itemOfSignal = useItemOfSignal(policy);
  const extras = useScopeExtras(boot, aggregate, painted);

  const run = (action: () => Promise<unknown>) => {
    setError(undefined);
    action()
      .then(() => live.readStatus())
      .catch((e) => setError(t('popupErrorAction', errorText(e))));
  };

  const shown: ScopeKey = live.scope ?? tabScope(tabId) ?? 'tab:-1';
  return (
    <Popup
      policy={policy}
      itemOfSignal={itemOfSignal}
      i18n={i18n}
      tabId={tabId ?? null}
      scope={shown}
      aggregate={tabId === undefined ? undefined : aggregate}
      status={live.status}
      error={error}
      onScopeChange={live.switchScope}
      onStartRecording={(title, rawEvidence) => run(() => boot.request('recording/start', { title, rawEvidence }))}
      onStopRecording={() => run(() => boot.request('recording/stop'))}
      onPauseChange={(paused) => run(() => boot.request('log/pause', { paused }))}
      extras={extras}
      summaryOnly={summaryOnly}
    />
  );
}
