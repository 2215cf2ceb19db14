/**
 * The third-party switch is the optional all-sites host permission itself (lib/capture/listener-plan.ts):
 * on exactly while it is granted, however it was granted. And the host permissions Telltale watches with,
 * which Chromium withholds together with the all-sites pattern (lib/capture/host-access.ts). Used by the
 * popup, the options page and the background. Without the webextension polyfill (ext.ts), so the popup does
 * not load it for this.
 */
import { ALL_SITES } from '../../lib/capture/listener-plan';
import { missingHostAccess, wantedHostPatterns } from '../../lib/capture/host-access';
import { extensionApi } from './ext';

export async function allSitesGranted(): Promise<boolean> {
  try {
    return (await extensionApi().permissions?.contains({ origins: [...ALL_SITES] })) === true;
  } catch {
    return false;
  }
}

/** Host patterns from the manifest: MV3 `host_permissions`, MV2 the URL patterns among `permissions`. */
export function manifestHostPatterns(): string[] {
  const m = extensionApi().runtime.getManifest() as { host_permissions?: string[]; permissions?: string[] };
  return (m.host_permissions ?? m.permissions ?? []).filter((p) => p.includes('://') || p === '<all_urls>');
}

/** The manifest's and the custom origins' host patterns that are not granted right now. */
export async function missingAccess(customOrigins: readonly string[]): Promise<string[]> {
  try {
    const permissions = extensionApi().permissions;
    if (!permissions) return [];
    const granted = (await permissions.getAll()).origins ?? [];
    return missingHostAccess(wantedHostPatterns(manifestHostPatterns(), customOrigins), granted);
  } catch {
    return [];
  }
}

/** Asks for host patterns again (from the user's click). Resolves to whether the browser granted them. */
export async function requestAccess(patterns: readonly string[]): Promise<boolean> {
  const permissions = extensionApi().permissions;
  if (!permissions) throw new Error('permissions cannot be changed from this page');
  return permissions.request({ origins: [...patterns] });
}

/**
 * Turns the switch: asks for the permission (from the user's click: call it synchronously from the event
 * handler) or gives it back. Giving it back in Chromium also withholds the Microsoft hosts (and a custom
 * origin's host, which it covers the same way); they are asked for again at once, inside the same click, so
 * the user answers one prompt to keep them (if it is refused, the pages show what is missing). Resolves to
 * whether the switch is on.
 */
export async function setAllSites(on: boolean, customOrigins: readonly string[]): Promise<boolean> {
  const permissions = extensionApi().permissions;
  if (!permissions) throw new Error('permissions cannot be changed from this page');
  if (on) {
    await permissions.request({ origins: [...ALL_SITES] });
    return allSitesGranted();
  }
  await permissions.remove({ origins: [...ALL_SITES] });
  const lost = await missingAccess(customOrigins);
  // Not awaited: the prompt stays open as long as the user leaves it, and the switch is off already.
  if (lost.length) requestAccess(lost).catch((e: unknown) => console.warn('host access not asked again', e));
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
