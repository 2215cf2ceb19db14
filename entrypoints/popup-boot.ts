/**
 * The popup's first script: a classic script in popup.html's head, without a module graph, so the popup's
 * reads (tab id, database, the tab's aggregate, the background's state) start as soon as the page is parsed,
 * while the view's modules (Preact, the components, the strings) are still being fetched beside it.
 * CSP allows it: it is a file of the extension (`script-src 'self'`), not an inline script.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { publishBoot } from './popup/boot';

export default defineUnlistedScript(() => publishBoot());
