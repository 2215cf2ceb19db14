import { startDemoServer } from '/work/wt/scope/test/demo/server.mjs';
import { launchChromium, readExtensionStore, runDemoClient, tabIdOf } from '/work/wt/scope/test/e2e/harness.mjs';
const server = await startDemoServer();
const b = await launchChromium();
try {
  const page = await runDemoClient(b.context, server.url('scope.html?sw=1'));
  const tabId = await tabIdOf(b.context, page);
  await new Promise((r) => setTimeout(r, 1500));
  const aggs = await readExtensionStore(b.context, b.extensionId, 'aggregates');
  console.log(JSON.stringify(aggs.map((a) => ({ key: a.key, requests: a.requests, page: a.page, earlier: a.earlier })), null, 1));
  const obs = await readExtensionStore(b.context, b.extensionId, 'observations');
  console.log(obs.map((o) => `${o.tabId} ${o.type} ${o.clientOrigin} ${o.url.slice(0, 80)}`).join('\n'), tabId);
} finally { await b.close(); await server.close(); }
