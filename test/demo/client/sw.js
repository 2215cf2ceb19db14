/* global self, fetch */
// The demo client's service worker: posts what the page hands it, as Outlook's and Teams' workers post
// telemetry and sync requests with no tab of their own.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
  const { url, body } = event.data ?? {};
  event.waitUntil(
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-json-stream' }, body }).then(
      (res) => event.source?.postMessage({ status: res.status }),
      (error) => event.source?.postMessage({ error: String(error) }),
    ),
  );
});
