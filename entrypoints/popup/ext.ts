/**
 * The few extension calls the popup makes, without the webextension polyfill: Chromium's MV3 `chrome.*` and
 * Firefox's `browser.*` both return promises for these, so the popup's scripts need not carry the polyfill
 * (about 10 KB).
 */
export interface PopupExtensionApi {
  tabs: { query(query: { active: boolean; currentWindow: boolean }): Promise<Array<{ id?: number }>> };
  runtime: { sendMessage(message: unknown): Promise<unknown>; getManifest(): object };
  i18n: { getUILanguage(): string };
  /** Absent where the page cannot ask for permissions (a content frame). */
  permissions?: {
    contains(permissions: { origins: string[] }): Promise<boolean>;
    request(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
    getAll(): Promise<{ origins?: string[] }>;
    onAdded?: PermissionEvent;
    onRemoved?: PermissionEvent;
  };
}

interface PermissionEvent {
  addListener(listener: () => void): void;
  removeListener(listener: () => void): void;
}

const scope = globalThis as unknown as { browser?: PopupExtensionApi; chrome?: PopupExtensionApi };

/** Firefox's `browser` first (its `chrome` is callback-based), else Chromium's `chrome`. */
export function extensionApi(): PopupExtensionApi {
  const api = scope.browser ?? scope.chrome;
  if (!api) throw new Error('not running in an extension page');
  return api;
}
