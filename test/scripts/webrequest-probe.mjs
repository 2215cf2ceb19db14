/**
 * A throw-away recording extension for the request fixtures. It is written to a temporary directory by the
 * record-*-fixtures scripts, loaded into a real browser next to nothing else, and deleted afterwards; it is never
 * part of the product. It logs every webRequest event for the demo hosts, as the browser delivered it, into
 * storage.local, with request body bytes as base64 (storage and JSON cannot carry ArrayBuffers).
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_HOSTS } from '../demo/hosts.mjs';

export const PROBE_GECKO_ID = 'telltale-probe@telltale.invalid';
export const PROBE_UUID = '0c9b8a7f-6e5d-4c3b-9a19-f8e7d6c5b4a3';
/** The demo server's port while recording: fixed, so recorded URLs are the same on every run. */
export const FIXTURE_PORT = 48443;

const hostPatterns = () => DEMO_HOSTS.map((host) => `*://${host}/*`);

/** Runs in the probe's background; stringified into background.js. */
function probeBackground(urls, chrome) {
  const api = globalThis.browser ?? globalThis.chrome;
  let seq = 0;
  const base64 = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return globalThis.btoa(text);
  };
  const plain = (details) => {
    const copy = JSON.parse(JSON.stringify(details));
    const raw = details.requestBody?.raw;
    if (raw) copy.requestBody.raw = raw.map((part) => (part.bytes ? { ...part, bytes: { base64: base64(part.bytes) } } : { ...part }));
    return copy;
  };
  const log = (event) => (details) => {
    const key = `${String(++seq).padStart(6, '0')}:${event}:${details.requestId}`;
    void api.storage.local.set({ [key]: { event, details: plain(details) } });
  };
  const filter = { urls };
  const headerSpec = chrome ? ['requestHeaders', 'extraHeaders'] : ['requestHeaders'];
  api.webRequest.onBeforeRequest.addListener(log('onBeforeRequest'), filter, ['requestBody']);
  api.webRequest.onSendHeaders.addListener(log('onSendHeaders'), filter, headerSpec);
  api.webRequest.onCompleted.addListener(log('onCompleted'), filter);
  api.webRequest.onErrorOccurred.addListener(log('onErrorOccurred'), filter);
}

/**
 * Writes the probe to a new temporary directory.
 * @param {'firefox' | 'chromium'} target
 * @returns {Promise<{ dir: string, remove: () => Promise<void> }>}
 */
export async function writeProbeExtension(target) {
  const dir = await mkdtemp(path.join(tmpdir(), `telltale-probe-${target}-`));
  const chrome = target === 'chromium';
  const urls = hostPatterns();
  const manifest = chrome
    ? {
        manifest_version: 3,
        name: 'webRequest probe',
        version: '1.0',
        permissions: ['webRequest', 'storage', 'unlimitedStorage'],
        host_permissions: urls,
        background: { service_worker: 'background.js' },
      }
    : {
        manifest_version: 2,
        name: 'webRequest probe',
        version: '1.0',
        permissions: ['webRequest', 'storage', 'unlimitedStorage', ...urls],
        background: { scripts: ['background.js'] },
        web_accessible_resources: ['dump.html'],
        browser_specific_settings: { gecko: { id: PROBE_GECKO_ID } },
      };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(dir, 'background.js'), `(${probeBackground.toString()})(${JSON.stringify(urls)}, ${chrome});\n`);
  await writeFile(path.join(dir, 'dump.html'), '<!doctype html><meta charset="utf-8"><title>probe</title>\n');
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Evaluated in a probe page: every logged event, in the order the browser fired them. */
export async function readProbeLog() {
  const api = globalThis.browser ?? globalThis.chrome;
  const all = await api.storage.local.get(null);
  return Object.keys(all)
    .sort()
    .map((key) => all[key]);
}

/**
 * Groups logged events by request, keeps only requests the demo client made to a Microsoft host (not the page
 * and script loads of the client itself, nor CORS preflights, which webRequest does not report anyway), and
 * hides cookie values.
 * @param {Array<{ event: string, details: any }>} log
 * @param {{ clientHost: string }} options
 */
export function groupByRequest(log, { clientHost }) {
  const byId = new Map();
  for (const { event, details } of log) {
    const host = new URL(details.url).hostname;
    if (host === clientHost) continue;
    const entry = byId.get(details.requestId) ?? {};
    if (details.requestHeaders) {
      details.requestHeaders = details.requestHeaders.map((h) =>
        /^(cookie|authorization)$/i.test(h.name) ? { ...h, value: '[redacted]' } : h,
      );
    }
    entry[event] = details;
    byId.set(details.requestId, entry);
  }
  return [...byId.values()];
}

/** A short, stable file name for a recorded request: host, path and a distinguishing query or type. */
export function fixtureName(entry, index) {
  const d = entry.onBeforeRequest ?? entry.onSendHeaders;
  const url = new URL(d.url);
  const host = url.hostname.split('.')[0];
  const last = url.pathname.split('/').filter(Boolean).pop() ?? 'root';
  const flavour =
    d.method === 'OPTIONS' ? '-preflight' : url.searchParams.has('content-encoding') ? '-gzip' : d.type === 'beacon' || d.type === 'ping' ? '-beacon' : '';
  return `${String(index + 1).padStart(2, '0')}-${host}-${last}${flavour}.json`.replace(/[^a-z0-9.-]+/gi, '-').toLowerCase();
}

/** Replaces the fixtures in `outDir` with one JSON file per recorded request, in the order they started. */
export async function saveFixtures(outDir, { browser, browserVersion }, entries) {
  await mkdir(outDir, { recursive: true });
  for (const file of await readdir(outDir)) if (file.endsWith('.json')) await rm(path.join(outDir, file));
  const started = (e) => (e.onBeforeRequest ?? e.onSendHeaders)?.timeStamp ?? 0;
  const sorted = [...entries].sort((a, b) => started(a) - started(b));
  for (const [index, entry] of sorted.entries()) {
    const fixture = { browser, browserVersion, ...entry };
    await writeFile(path.join(outDir, fixtureName(entry, index)), `${JSON.stringify(fixture, null, 2)}\n`);
  }
  return sorted.length;
}
