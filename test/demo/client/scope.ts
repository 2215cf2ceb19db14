/**
 * The demo client's scope page (`/scope.html`): the ways a client page sends the user, or data, somewhere
 * beyond its own fetches. Online help by a link, a search form, `window.open` and a go.microsoft.com/fwlink
 * redirect (the policy's Direkthjälp flow: query, language and market in the URL), a tracking pixel from a
 * non-Microsoft host, a service worker posting 1DS telemetry (no tab: webRequest tabId -1), and sendBeacon
 * with each body type (Chromium hands an extension a string's body, not a Blob's).
 *
 * Query parameters: sw=1 registers the service worker and has it post one event before the page is done;
 * pixel=1 loads the tracking pixel at once (a page's first requests, before anyone clicks).
 */
const params = new URLSearchParams(location.search);
const port = location.port ? `:${location.port}` : '';
const at = (host: string, path: string) => `https://${host}${port}${path}`;

export const HELP_LINK = at('support.microsoft.com', '/sv-se/office/client?HelpID=Lync.Web.Start&lcid=1053&omkt=sv-SE');
export const HELP_FORM = at('support.office.com', '/client/results');
export const HELP_WINDOW = at('support.microsoft.com', '/sv-se/search?query=dela+kalender&lcid=1053&omkt=sv-SE');
export const FWLINK = at('go.microsoft.com', '/fwlink/?LinkId=2149523&clcid=0x41d');
const COLLECTOR = at('browser.events.data.microsoft.com', '/OneCollector/1.0/?cors=true&content-type=application/x-json-stream&w=0');

const log = (line: string) => {
  const el = document.getElementById('log');
  if (el) el.textContent += `${line}\n`;
};

function osOf(ua: string): { name: string; ver: string } {
  const linux = /Linux ([^;)]+)/.exec(ua)?.[1];
  return linux ? { name: 'Linux', ver: linux } : { name: 'Unknown', ver: '' };
}

/** One 1DS event line as the SDK writes it (Common Schema `ext`). */
function oneDsEvent(name: string): string {
  return JSON.stringify({
    name,
    time: new Date().toISOString(),
    ver: '4.0',
    iKey: 'o:5b3d2f8c1e7a4d6b9c0e1f2a3b4c5d6e',
    ext: { os: { ...osOf(navigator.userAgent), locale: navigator.language }, web: { browserLang: navigator.language } },
    data: {},
  });
}

function wire(id: string, attr: 'href' | 'action', url: string) {
  const el = document.getElementById(id);
  if (el) el.setAttribute(attr, url);
}

function pixel() {
  const img = new Image(1, 1);
  img.src = at('tracker.example', `/pixel.gif?uid=7f3a9c2e&lang=${encodeURIComponent(navigator.language)}&page=lync`);
  document.body.append(img);
  log('pixel requested');
}

/** sendBeacon with each body type: Chromium hands an extension the string's body, not the Blob's. */
function beacons() {
  navigator.sendBeacon(`${COLLECTOR}&probe=string`, oneDsEvent('Lync.Web.Unload.String'));
  navigator.sendBeacon(`${COLLECTOR}&probe=blob`, new Blob([oneDsEvent('Lync.Web.Unload.Blob')], { type: 'text/plain' }));
  log('beacons queued');
}

/** Registers the service worker and has it post one telemetry event; resolves when the worker answered. */
async function serviceWorkerPost(): Promise<void> {
  const registration = await navigator.serviceWorker.register('/sw.js');
  const worker = registration.active ?? (await navigator.serviceWorker.ready).active;
  if (!worker) throw new Error('no active service worker');
  const answered = new Promise<unknown>((resolve) => navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data), { once: true }));
  worker.postMessage({ url: `${COLLECTOR}&from=sw`, body: `${oneDsEvent('Lync.Web.ServiceWorker.Sync')}\n` });
  log(`service worker: ${JSON.stringify(await answered)}`);
}

async function main() {
  wire('help-link', 'href', HELP_LINK);
  wire('fwlink', 'href', FWLINK);
  wire('help-form', 'action', HELP_FORM);
  document.getElementById('help-open')?.addEventListener('click', () => void window.open(HELP_WINDOW, '_blank'));
  document.getElementById('pixel')?.addEventListener('click', pixel);
  document.getElementById('beacons')?.addEventListener('click', beacons);
  if (params.get('pixel') === '1') pixel();
  try {
    if (params.get('sw') === '1') await serviceWorkerPost();
  } catch (error) {
    log(`error: ${String(error)}`);
  }
  document.body.dataset.demo = 'done';
  log('done');
}

void main();
