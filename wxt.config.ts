import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['webRequest', 'storage', 'unlimitedStorage'],
    host_permissions: HOSTS,
    ...(browser === 'firefox' ? firefoxManifest(manifestVersion) : {}),
    // Custom client origins (an on-premises Lync Web App) and notifications are asked for at the moment the
    // user turns them on in the options page, and given back when turned off.
    ...(manifestVersion === 3
      ? { optional_host_permissions: ['*://*/*'], optional_permissions: ['notifications'] }
      : { optional_permissions: ['*://*/*', 'notifications'] }),
  }),
});

/**
 * An extension sees a request only with host permission for the destination AND for the page that made it,
 * so this list covers the Office / Lync / Teams client origins as well as the Microsoft collectors.
 */
const HOSTS = [
  '*://*.microsoft.com/*',
  '*://*.office.com/*',
  '*://*.office365.com/*',
  '*://*.office.net/*',
  '*://*.live.com/*',
  '*://*.lync.com/*',
  '*://*.skype.com/*',
  '*://*.sharepoint.com/*',
  '*://*.cloud.microsoft/*',
  '*://*.visualstudio.com/*',
  '*://*.azure.com/*',
  '*://*.microsoftonline.com/*',
];

/**
 * Firefox only. The add-on id is needed to install it and to keep its storage across updates.
 * data_collection_permissions declares that Telltale collects and transmits nothing (Firefox shows this at
 * install); Firefox understands the key from 140 on desktop and 142 on Android, and refuses it below 128.
 * The popup is web-accessible so the end-to-end test can frame it: WebDriver BiDi cannot open moz-extension://
 * pages in a tab. Firefox gives every install its own random moz-extension UUID, so pages cannot use it to detect
 * Telltale; under MV3 it is further limited to the hosts Telltale watches.
 */
function firefoxManifest(manifestVersion: 2 | 3) {
  return {
    browser_specific_settings: {
      gecko: {
        id: 'telltale@telltale.invalid',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
    web_accessible_resources:
      manifestVersion === 3 ? [{ resources: ['popup.html'], matches: HOSTS }] : ['popup.html'],
  };
}
