/**
 * The third-party switch, seen from the background. The switch has no state of its own: it is on exactly while
 * the optional all-sites host permission is granted, however it was granted (the popup, the options page or the
 * browser's own site-access settings). Without it, no request to a host outside the manifest is visible at all.
 */
import { allSitesGranted, onPermissionsChanged } from '../popup/third-party-permission';
import type { Registration } from './listeners';

/**
 * Calls `apply(true)` while the permission is granted and `apply(false)` when it is not, now and on every
 * change; what `apply(true)` registers is removed when the permission goes.
 */
export function watchThirdParty(apply: (on: boolean) => Registration | undefined): void {
  let current: Registration | undefined;
  let on: boolean | undefined;
  const check = async () => {
    const granted = await allSitesGranted();
    if (granted === on) return;
    on = granted;
    current?.remove();
    current = undefined;
    try {
      current = apply(granted);
    } catch (e) {
      console.error('third-party listeners failed', e);
    }
  };
  void check();
  onPermissionsChanged(() => void check());
}
