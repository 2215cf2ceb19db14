/**
 * The few extension calls the popup makes, without the webextension polyfill: Chromium's MV3 `chrome.*` and
 * Firefox's `browser.*` both return promises for these, so the popup's first script need not carry the
 * polyfill (about 10 KB) before it can start reading.
 */
export interface PopupExtensionApi {
  tabs: { query(query: { active: boolean; currentWindow: boolean }): Promise<Array<{ id?: number }>> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  i18n: { getUILanguage(): string };
}

const scope = globalThis as unknown as { browser?: PopupExtensionApi; chrome?: PopupExtensionApi };

/** Firefox's `browser` first (its `chrome` is callback-based), else Chromium's `chrome`. */
export function extensionApi(): PopupExtensionApi {
  const api = scope.browser ?? scope.chrome;
  if (!api) throw new Error('not running in an extension page');
  return api;
}
