/**
 * The popup's one script: a classic script (deferred) that popup.html names beside its one style sheet, with
 * the reads and the view in it, so nothing waits for a module graph (a fetch per chunk, then linking) before
 * the first paint. It starts the reads (tab id, database, the tab's aggregate, the background's state) before
 * anything else runs, then renders once the aggregate is there. The policy model is in the file too, but is
 * evaluated only when the view asks for it, after the first paint (entrypoints/popup/App.tsx).
 * CSP allows it: it is a file of the extension (`script-src 'self'`), not an inline script.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { publishBoot } from './popup/boot';
import { showPopup } from './popup/main';

export default defineUnlistedScript(() => {
  publishBoot();
  showPopup();
});
