/**
 * The third-party switch is the optional all-sites host permission itself (lib/capture/listener-plan.ts):
 * on exactly while it is granted, however it was granted. Used by the popup, the options page and the
 * background. Without the webextension polyfill (ext.ts), so the popup does not load it for this.
 */
import { ALL_SITES } from '../../lib/capture/listener-plan';
import { extensionApi } from './ext';

export async function allSitesGranted(): Promise<boolean> {
  try {
    return (await extensionApi().permissions?.contains({ origins: [...ALL_SITES] })) === true;
  } catch {
    return false;
  }
}

/**
 * Turns the switch: asks for the permission (from the user's click: call it synchronously from the event
 * handler) or gives it back. Resolves to whether it is granted afterwards.
 */
export async function setAllSites(on: boolean): Promise<boolean> {
  const permissions = extensionApi().permissions;
  if (!permissions) throw new Error('permissions cannot be changed from this page');
  if (on) await permissions.request({ origins: [...ALL_SITES] });
  else await permissions.remove({ origins: [...ALL_SITES] });
  return allSitesGranted();
}

/** Calls `changed` whenever any permission is added or removed; returns what stops it. */
export function onPermissionsChanged(changed: () => void): () => void {
  const p = extensionApi().permissions;
  p?.onAdded?.addListener(changed);
  p?.onRemoved?.addListener(changed);
  return () => {
    p?.onAdded?.removeListener(changed);
    p?.onRemoved?.removeListener(changed);
  };
}
