/**
 * The demo server: one HTTPS server on loopback that plays every Microsoft host the demo client talks to.
 * The certificate is self-signed and made at start, because Client Hints (Sec-CH-UA*) only travel over HTTPS.
 * Every request it receives is logged, so tests can compare what left the browser with what Telltale recorded,
 * and can prove that the extension itself sent nothing.
 */
import https from 'node:https';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import selfsigned from 'selfsigned';
import { CLIENT_HOST, DEMO_HOSTS, THIRD_PARTY_HOST } from './hosts.mjs';
import { CDN_HOSTS, assetResponse, assetTags } from './assets.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

async function makeCertificate() {
  const now = new Date();
  const notAfter = new Date(now.getTime() + 7 * 24 * 3600 * 1000);
  return selfsigned.generate([{ name: 'commonName', value: CLIENT_HOST }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 3600 * 1000),
    notAfterDate: notAfter,
    extensions: [{ name: 'subjectAltName', altNames: [...DEMO_HOSTS, ...CDN_HOSTS].map((value) => ({ type: 2, value })) }],
  });
}

async function bundleClient(entry = 'client.ts') {
  const result = await build({
    entryPoints: [path.join(here, 'client', entry)],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

/** A 1×1 transparent GIF, the tracking pixel's answer. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const HELP_PAGE = '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Hjälp (demo)</title><h1>Hjälp</h1><p>Demo help page.</p></html>';

/** Answers in the shape each collector uses, so the SDKs do not retry. */
function replyFor(pathname) {
  if (pathname.startsWith('/OneCollector/')) return { status: 200, body: '{"acc":1}' };
  if (pathname.startsWith('/v2/track')) return { status: 200, body: '{"itemsReceived":1,"itemsAccepted":1,"errors":[]}' };
  return { status: 200, body: '{}' };
}

/**
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ port: number, origin: string, url: (query?: string) => string, received: Array<object>, close: () => Promise<void> }>}
 */
export async function startDemoServer(options = {}) {
  const [pems, clientJs, html, scopeJs, scopeHtml, swJs] = await Promise.all([
    makeCertificate(),
    bundleClient(),
    readFile(path.join(here, 'client', 'index.html'), 'utf8'),
    bundleClient('scope.ts'),
    readFile(path.join(here, 'client', 'scope.html')),
    readFile(path.join(here, 'client', 'sw.js')),
  ]);
  /** The scope page and its scripts on the client origin, by path (test/demo/client/scope.ts). */
  const scopeFiles = {
    '/scope.html': ['text/html; charset=utf-8', scopeHtml],
    '/scope.js': ['text/javascript; charset=utf-8', scopeJs],
    '/sw.js': ['text/javascript; charset=utf-8', swJs],
  };
  /** Every request as received: enough to match against what the extension recorded. */
  const received = [];
  // Node's default header limit (16 KiB, request line included) would answer 431 to the hostile client's
  // 10k-parameter URL and huge header before Chromium's own limits are reached.
  const server = https.createServer({ key: pems.private, cert: pems.cert, maxHeaderSize: 16 * 1024 * 1024 }, (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `https://${req.headers.host}`);
      const body = Buffer.concat(chunks);
      const entry = { time: Date.now(), method: req.method, host: url.hostname, path: url.pathname, search: url.search, headers: req.headers, bodyBytes: body.length };
      received.push(entry);
      const cors = {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-max-age': '600',
      };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors).end();
        return;
      }
      if (url.hostname === CLIENT_HOST && url.pathname === '/') {
        const assets = Number(url.searchParams.get('assets') ?? 0);
        const page = assets > 0 ? html.replace('</head>', `${assetTags(assets, port)}\n</head>`) : html;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
        return;
      }
      const asset = assetResponse(url.pathname);
      if (asset) {
        res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' }).end(asset.body);
        return;
      }
      if (url.hostname === CLIENT_HOST && url.pathname === '/client.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(clientJs);
        return;
      }
      const file = url.hostname === CLIENT_HOST ? scopeFiles[url.pathname] : undefined;
      if (file) {
        res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
        return;
      }
      // go.microsoft.com/fwlink redirects to a support page, keeping the language.
      if (url.hostname === 'go.microsoft.com' && url.pathname.startsWith('/fwlink')) {
        const target = `https://support.microsoft.com:${url.port || 443}/sv-se/topic/lync-web-app?lcid=1053&LinkId=${url.searchParams.get('LinkId') ?? ''}`;
        res.writeHead(302, { location: target }).end();
        return;
      }
      if (req.headers.accept?.includes('text/html') && (url.hostname === 'support.microsoft.com' || url.hostname === 'support.office.com')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HELP_PAGE);
        return;
      }
      if (url.hostname === THIRD_PARTY_HOST) {
        res.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' }).end(PIXEL);
        return;
      }
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      const reply = replyFor(url.pathname);
      // `delay=MS` holds the answer back, so a test has requests in flight when it acts (the loss test).
      const delay = Math.min(Number(url.searchParams.get('delay') ?? 0) || 0, 10_000);
      setTimeout(() => {
        res.writeHead(reply.status, { ...cors, 'content-type': 'application/json' }).end(reply.body);
        entry.answered = Date.now();
      }, delay);
    });
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const origin = `https://${CLIENT_HOST}:${port}`;
  return {
    port,
    origin,
    url: (query = '') => `${origin}/${query}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
