/**
 * The DevTools page (manifest `devtools_page`): it has no UI of its own and lives as long as DevTools is open
 * on a tab. It only adds the "Telltale" panel; the panel page reads the inspected tab's id itself.
 */
import { browser } from 'wxt/browser';

// No icon ships with the extension yet, so the tab shows the title alone. The page path is absolute because
// Firefox resolves a relative one against the calling page and Chromium against the extension root.
// Promise.resolve: where the API is callback-only underneath, create() may return nothing.
Promise.resolve()
  .then(() => browser.devtools.panels.create('Telltale', '', '/devtools-panel.html'))
  .catch((e: unknown) => console.error('DevTools panel not created', e));
