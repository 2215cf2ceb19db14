/**
 * The do-nothing extension the Chromium benchmarks compare Telltale with: Telltale's own build (same manifest,
 * host permissions and background), with `shim.js` run first in the service worker so that every webRequest
 * listener Telltale registers, with whatever filter and options, is registered as a listener that does nothing.
 * Made from the build at run time, so its listeners cannot drift from Telltale's. The background's one-time
 * start (opening the database, loading the engine) still runs, once per browser, during the warm-up load.
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHIM = 'do-nothing-shim.js';
const ENTRY = 'do-nothing-background.js';
const SETTINGS = 'do-nothing-settings.js';
/**
 * What a variant can leave out: webRequest events, or the `extraHeaders` option (every listener registered
 * without it). A misspelt name would otherwise leave it the full extension.
 */
const EVENTS = ['onBeforeRequest', 'onBeforeSendHeaders', 'onSendHeaders', 'onHeadersReceived', 'onAuthRequired', 'onResponseStarted', 'onBeforeRedirect', 'onCompleted', 'onErrorOccurred'];
const OPTIONS = ['extraHeaders'];

/**
 * Writes the do-nothing extension, made from the unpacked MV3 build in `buildDir`, into a new temporary
 * directory and returns its path. `without` names webRequest events (say `onCompleted`) the variant does not
 * register at all, or `extraHeaders`, an option it leaves out of every listener.
 */
export function makeDoNothingExtension(buildDir, { without = [] } = {}) {
  const unknown = without.filter((e) => !EVENTS.includes(e) && !OPTIONS.includes(e));
  if (unknown.length) throw new Error(`not webRequest events or options: ${unknown.join(', ')} (one of ${[...EVENTS, ...OPTIONS].join(', ')})`);
  const dir = mkdtempSync(path.join(tmpdir(), 'telltale-do-nothing-'));
  cpSync(buildDir, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const background = manifest.background?.service_worker;
  if (!background) throw new Error(`${buildDir} has no MV3 service worker to wrap`);
  copyFileSync(path.join(here, 'shim.js'), path.join(dir, SHIM));
  // A file of its own: a module's imports run before its statements, so the setting must be imported first.
  writeFileSync(path.join(dir, SETTINGS), `globalThis.__doNothingWithout = ${JSON.stringify(without)};\n`);
  const entry =
    manifest.background.type === 'module'
      ? `import './${SETTINGS}';\nimport './${SHIM}';\nimport './${background}';\n`
      : `importScripts('${SETTINGS}', '${SHIM}', '${background}');\n`;
  writeFileSync(path.join(dir, ENTRY), entry);
  manifest.background.service_worker = ENTRY;
  manifest.name = without.length ? `Do-nothing (Telltale listeners without ${without.join(', ')})` : 'Do-nothing (Telltale listeners)';
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return dir;
}
