/**
 * The data the popup's ScopeExtras shows besides the tab aggregate: the workers of the tab's client origin
 * (read from IndexedDB like the tab's own aggregate), the custom origins (for names), the third-party
 * switch, which is the all-sites permission, and the host permissions the browser took back.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ScopeExtrasData } from '../../components/popup/ScopeExtras';
import type { ScopeAggregate } from '../../lib/model';
import type { Boot } from './boot';
import { allSitesGranted, missingAccess, onPermissionsChanged, requestAccess, setAllSites } from './third-party-permission';

const WORKER_POLL_MS = 1000;

/** `painted`: the first screen is on screen; until then nothing here starts (entrypoints/popup/first-paint.ts). */
export function useScopeExtras(boot: Boot, aggregate: ScopeAggregate | null | undefined, painted = true): ScopeExtrasData {
  const [thirdPartyVisible, setVisible] = useState<boolean | undefined>();
  const [worker, setWorker] = useState<ScopeAggregate | null>(null);
  const [customOrigins, setCustom] = useState<string[]>([]);
  const [hostAccessMissing, setMissing] = useState<string[]>();

  // Both follow the permissions however they change (this page, the options page, the browser's settings).
  useEffect(() => {
    if (!painted) return;
    let custom: string[] = [];
    const check = () => {
      void allSitesGranted().then(setVisible);
      void missingAccess(custom).then(setMissing);
    };
    boot.state.then(
      (s) => {
        custom = s.customOrigins;
        setCustom(custom);
        check();
      },
      () => undefined,
    );
    check();
    return onPermissionsChanged(check);
  }, [boot, painted]);

  // A client page (not one it opened) shows its origin's workers.
  const page = aggregate?.page;
  const origin = painted && page && !page.openedFrom ? page.origin : undefined;
  useEffect(() => {
    if (!origin) {
      setWorker(null);
      return;
    }
    const read = () =>
      void boot.read(`worker:${origin}`).then(
        (w) => setWorker((prev) => (prev?.requests === w?.requests && prev?.lastSeen === w?.lastSeen ? prev : w)),
        () => undefined,
      );
    read();
    const timer = setInterval(read, WORKER_POLL_MS);
    return () => clearInterval(timer);
  }, [boot, origin]);

  const onThirdPartyChange = useCallback(
    (on: boolean) => void setAllSites(on, customOrigins).then(setVisible, () => void allSitesGranted().then(setVisible)),
    [customOrigins],
  );
  const onRestoreAccess = useCallback(() => {
    if (hostAccessMissing?.length) requestAccess(hostAccessMissing).catch(() => undefined);
  }, [hostAccessMissing]);

  return { worker, thirdPartyVisible, customOrigins, onThirdPartyChange, hostAccessMissing, onRestoreAccess };
}
