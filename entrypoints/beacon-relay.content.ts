/**
 * Relays the page-side beacon observer's reports (beacon-witness.content.ts) to the background. Only messages
 * of this window carrying the observer's mark are taken; the background checks the shape again
 * (lib/capture/witness-message.ts) and uses a report only to fill a beacon body the browser did not hand over.
 * In the top frame it also says when the page's load event has fired, so the background's own work on the
 * page's requests waits for it.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { CLIENT_MATCHES, WITNESS_MARK } from '../lib/capture/beacon-observer';
import { PAGE_LOADED_MESSAGE, WITNESS_MESSAGE } from '../lib/capture/witness-message';

export default defineContentScript({
  matches: CLIENT_MATCHES,
  runAt: 'document_start',
  allFrames: true,
  exclude: ['firefox'],
  main() {
    if (window === window.top) {
      window.addEventListener('load', () => void browser.runtime.sendMessage({ type: PAGE_LOADED_MESSAGE }).catch(() => undefined), { once: true });
    }
    window.addEventListener('message', (e: MessageEvent) => {
      const d = e.data as Record<string, unknown> | null;
      if (e.source !== window || !d || d[WITNESS_MARK] !== true) return;
      const { url, body, mimeType, time } = d;
      void browser.runtime.sendMessage({ type: WITNESS_MESSAGE, url, body, time, ...(mimeType ? { mimeType } : {}) }).catch(() => undefined);
    });
  },
});
