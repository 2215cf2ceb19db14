import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['webRequest', 'storage', 'unlimitedStorage'],
    host_permissions: HOSTS,
    browser_specific_settings: {
      gecko: { id: 'telltale@telltale.invalid' },
    },
    ...(manifestVersion === 3 ? {} : {}),
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
