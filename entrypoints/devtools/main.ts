/**
 * The DevTools page (manifest `devtools_page`): it has no UI of its own and lives as long as DevTools is open
 * on a tab. It only adds the "Telltale" panel; the panel page reads the inspected tab's id itself.
 */
import { browser } from 'wxt/browser';

// No icon: Chrome and Firefox both accept an empty icon path and show the title alone.
void browser.devtools.panels.create('Telltale', '', 'devtools-panel.html');
