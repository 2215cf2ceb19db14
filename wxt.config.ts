import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { HOST_PERMISSIONS } from './lib/catalogue/hosts';

/**
 * TELLTALE_SOURCEMAP=1 builds the same minified extension with source maps, into .output/profiled, for the
 * worker profile (test/bench/worker-profile.mjs), which names the source file of each sampled frame.
 */
const profiled = process.env.TELLTALE_SOURCEMAP === '1';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: profiled ? '.output/profiled' : undefined,
  // Every script file is one more fetch before a page shows anything: no modulepreload polyfill (Chromium and
  // Firefox 115+ preload modules themselves), and the code the pages share in one chunk rather than one per
  // combination of pages. The popup, opened most and meant to answer at once, loads no module at all: its one
  // classic script is entrypoints/popup-boot.ts, built on its own with everything it imports.
  vite: () => ({ plugins: [preact(), dropEmptyPageScripts()], build: { modulePreload: { polyfill: false }, sourcemap: profiled } }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      // Only the build of the pages splits code; the background and content scripts are single files.
      if (!entrypoints.some((e) => e.type === 'popup')) return;
      config.build = {
        ...config.build,
        rolldownOptions: {
          ...config.build?.rolldownOptions,
          output: { ...config.build?.rolldownOptions?.output, codeSplitting: { groups: [{ name: 'pages', test: SHARED_BY_PAGES }] } },
        },
      };
    },
  },
  manifest: ({ browser, manifestVersion, command }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: PERMISSIONS,
    // Client origins and collectors (lib/catalogue/hosts.ts says why these few); pinned by the manifest test.
    host_permissions: [...HOST_PERMISSIONS],
    // One form for both: WXT turns `extension_pages` into the MV2 string when it builds MV2.
    content_security_policy: { extension_pages: extensionPagesCsp(command) },
    ...(browser === 'firefox' ? firefoxManifest(manifestVersion) : {}),
    // Custom client origins (an on-premises Lync Web App) and notifications are asked for at the moment the
    // user turns them on in the options page, and given back when turned off.
    ...(manifestVersion === 3
      ? { optional_host_permissions: ['*://*/*'], optional_permissions: ['notifications'] }
      : { optional_permissions: ['*://*/*', 'notifications'] }),
  }),
});

/**
 * Preact, the common components and strings, the message client and the extension calls the pages share (the
 * third-party switch and the host access notice, which the options page shows like the popup). Not the policy
 * model, which pages load on demand. The popup's own script (popup-boot.ts) carries its copy of all of these.
 */
const SHARED_BY_PAGES =
  /node_modules[\\/]preact[\\/]|components[\\/]common[\\/]|components[\\/]popup[\\/](ThirdPartySwitch|HostAccessNotice)|lib[\\/]messages\.ts|lib[\\/]capture[\\/]host-access\.ts|entrypoints[\\/]popup[\\/](ext|third-party-permission)\.ts/;

/**
 * WXT names a module of its HTML plugins in every page, an empty file unless a module adds one. A page that
 * loads no other module (the popup) would still fetch it: one more request of the browser's while the popup
 * paints. Only a script tag of a chunk with no code is removed, so a plugin that adds code still runs.
 */
function dropEmptyPageScripts(): Plugin {
  return {
    name: 'telltale:drop-empty-page-scripts',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const empty = Object.values(bundle).filter((f) => f.type === 'chunk' && f.code.trim() === '').map((f) => f.fileName);
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.html') || typeof file.source !== 'string') continue;
        let html = file.source;
        for (const name of empty) html = html.replace(new RegExp(`\\s*<script type="module"[^>]*src="/${name.replace(/[.]/g, '\\.')}"></script>`), '');
        file.source = html;
      }
    },
  };
}

/**
 * The least that works, asserted exactly by test/unit/hardening/manifest.test.ts so that widening it is a
 * reviewed change. webRequest: observe requests (never block). storage: settings, rules, the session journal.
 * unlimitedStorage: the passive log and recordings live in IndexedDB and must not be evicted under storage
 * pressure. No `tabs`: the popup and background need tab ids only, which tabs.query gives without it.
 */
const PERMISSIONS = ['webRequest', 'storage', 'unlimitedStorage'];

/**
 * CSP of every extension page and the service worker. Scripts, styles and images come only from the extension
 * itself (no inline script, no eval, no plugins), no <base> or form can redirect to another origin, and
 * connect-src 'self' makes it the browser's job that the extension's own pages never reach the network.
 * `wxt dev` (command `serve`) talks to its dev server over a WebSocket and adds its origin to script-src, so
 * connect-src is relaxed there only. No frame-ancestors: DevTools frames the panel page, and Firefox tests
 * frame the popup.
 */
function extensionPagesCsp(command: 'build' | 'serve'): string {
  const connect = command === 'serve' ? "connect-src 'self' ws://localhost:* http://localhost:*" : "connect-src 'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "img-src 'self' data:",
    connect,
  ].join('; ');
}

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
      manifestVersion === 3 ? [{ resources: ['popup.html'], matches: [...HOST_PERMISSIONS] }] : ['popup.html'],
  };
}
