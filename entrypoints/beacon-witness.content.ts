/**
 * Page-side observer of sendBeacon, in the page's own world (Chromium only: Chromium does not hand an extension
 * the body of a Blob beacon; Firefox does). It wraps navigator.sendBeacon, lets the call go through unchanged,
 * and posts what the page passed to the isolated relay (beacon-relay.content.ts), which forwards it to the
 * background. It reads nothing else and sends nothing over the network.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CLIENT_MATCHES, WITNESS_MARK, beaconText } from '../lib/capture/beacon-observer';

export default defineContentScript({
  matches: CLIENT_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  exclude: ['firefox'],
  main() {
    const original = Navigator.prototype.sendBeacon;
    Navigator.prototype.sendBeacon = function sendBeacon(this: Navigator, url: string | URL, data?: BodyInit | null): boolean {
      const queued = original.call(this, url, data);
      if (queued) {
        const time = Date.now();
        const href = new URL(String(url), location.href).href;
        void beaconText(data)
          .then((read) => read && window.postMessage({ [WITNESS_MARK]: true, url: href, time, ...read }, location.origin))
          .catch(() => undefined);
      }
      return queued;
    };
  },
});
