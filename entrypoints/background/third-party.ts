/**
 * The third-party switch, seen from the background. The switch has no state of its own: it is on exactly while
 * the optional all-sites host permission is granted, however it was granted (the popup, the options page or the
 * browser's own site-access settings). Without it, no request to a host outside the manifest is visible at all.
 * The listeners cover all sites from the start (index.ts), so a change needs no re-registering, only this flag.
 */
import { allSitesGranted, onPermissionsChanged } from '../popup/third-party-permission';

/**
 * Calls `apply` with whether the permission is granted, now and on every change. Resolves once the first
 * answer has been applied, so events waiting for it are decided with it.
 */
export function watchThirdParty(apply: (on: boolean) => void): Promise<void> {
  const check = async () => apply(await allSitesGranted());
  onPermissionsChanged(() => void check());
  return check();
}
