/**
 * Reading what the extension stored, from Node: observation records are compact in IndexedDB
 * (lib/store/codec.ts), so they are decoded here with the extension's own codec, bundled by esbuild.
 * And comparing a stored URL with the one a server received, where the store replaced the value of a
 * parameter that held content or an identifier by its redacted preview.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let codec;

async function loadCodec() {
  const dir = mkdtempSync(path.join(tmpdir(), 'telltale-codec-'));
  const outfile = path.join(dir, 'codec.mjs');
  try {
    await build({ entryPoints: [path.join(root, 'lib/store/codec.ts')], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'silent' });
    return await import(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stored observation records → public Observations. */
export async function decodeObservations(rows) {
  codec ??= loadCodec();
  const { decodeObservation } = await codec;
  return rows.map((r) => decodeObservation(r));
}

const FINGERPRINT = /^\[[a-z][a-z0-9-]*: (\d+) chars, sha256:[0-9a-f]{12}\]$/;
const MASK = /^(.{0,4})…\((\d+)\)$/su;

/** A stored query value stands for the sent one: equal, or a preview of exactly that value. */
function standsFor(stored, sent) {
  if (stored === sent) return true;
  const fp = FINGERPRINT.exec(stored);
  if (fp) return Number(fp[1]) === sent.length;
  const mask = MASK.exec(stored);
  return !!mask && Number(mask[2]) === sent.length && sent.startsWith(mask[1]);
}

/**
 * True when `storedUrl` is the record of a request to `sentUrl`: same host and path, the same query parameters
 * in the same order, each value as sent or replaced by a preview of that very value (its length, its prefix).
 */
export function sameRequestUrl(storedUrl, sentUrl) {
  const a = new URL(storedUrl);
  const b = new URL(sentUrl);
  if (a.hostname !== b.hostname || a.pathname !== b.pathname) return false;
  const qa = [...a.searchParams];
  const qb = [...b.searchParams];
  return qa.length === qb.length && qa.every(([name, value], i) => name === qb[i][0] && standsFor(value, qb[i][1]));
}

/**
 * Runs inside an extension page (Playwright or Puppeteer `evaluate`, one array argument): every record of an
 * IndexedDB object store, passed through JSON so typed arrays and Maps arrive as plain data over either protocol.
 */
export function readStoreInPage([dbName, storeName]) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const conn = open.result;
      if (!conn.objectStoreNames.contains(storeName)) {
        conn.close();
        resolve([]);
        return;
      }
      const request = conn.transaction(storeName).objectStore(storeName).getAll();
      request.onsuccess = () => {
        conn.close();
        resolve(JSON.parse(JSON.stringify(request.result)));
      };
      request.onerror = () => reject(request.error);
    };
  });
}
