/**
 * The popup's one script: a classic script that popup.html names beside its one style sheet, with the reads
 * and the view in it, so nothing waits for a module graph (a fetch per chunk, then linking) before the first
 * paint. It is async and placed after #app, so it runs as soon as it is fetched, without waiting for the style
 * sheet as a deferred script does (the page still renders nothing before the style sheet is there). Its first
 * import starts the reads (tab id, database, the tab's aggregate, the background's state) as it is evaluated,
 * before the view's modules are, and the view renders once the aggregate is there. The policy model is in the
 * file too, but is evaluated only when the view asks for it, after the first paint (entrypoints/popup/App.tsx).
 * CSP allows it: it is a file of the extension (`script-src 'self'`), not an inline script.
 */
// First: its evaluation starts the reads, before the view's modules below are evaluated.
import './popup/start-boot';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { showPopup } from './popup/main';

export default defineUnlistedScript(() => showPopup());
