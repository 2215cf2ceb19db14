/**
 * The demo "Office-like web client". It sends telemetry with Microsoft's own SDKs from npm — 1DS
 * (OneCollector) and Application Insights — plus the plain fetch and sendBeacon calls that Office, Lync and
 * Teams web clients make for help, feedback and registration. Every host is a real Microsoft hostname that the
 * browser maps to the local demo server.
 *
 * Query parameters:
 *   mode=compliant  only flows the policy discloses (no identifiers, no content)
 *   plant=1         add one flow the policy does not disclose (a user id in a telemetry event)
 *   burst=N         instead of the normal session, send N numbered telemetry POSTs (for loss tests);
 *                   concurrency=K sends K at a time, gap=MS pauses each sender between requests,
 *                   delay=MS has the collector answer each one MS later (requests stay in flight)
 *   hostile=1       instead of the normal session, send hostile requests, then one normal request (hardening e2e)
 */
import { AppInsightsCore, type ITelemetryItem } from '@microsoft/1ds-core-js';
import { PostChannel } from '@microsoft/1ds-post-js';
import { ApplicationInsights } from '@microsoft/applicationinsights-web';

const params = new URLSearchParams(location.search);
const port = location.port ? `:${location.port}` : '';
const at = (host: string, path: string) => `https://${host}${port}${path}`;
const COLLECTOR = at('browser.events.data.microsoft.com', '/OneCollector/1.0/');
const TENANT_TOKEN = '5b3d2f8c1e7a4d6b9c0e1f2a3b4c5d6e';
const IKEY = `${TENANT_TOKEN}-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f-7421`;

const log = (line: string) => {
  const el = document.getElementById('log');
  if (el) el.textContent += `${line}\n`;
};

interface CommonSchemaExt {
  os: { name: string; ver: string; locale: string };
  web: { browser: string; browserVer: string; browserLang: string; screenRes: string; domain: string; userConsent: boolean };
  device: { deviceClass: string };
  app: { name: string; ver: string; locale: string };
  loc: { tz: string };
}

function osFromUserAgent(ua: string): { name: string; ver: string } {
  const windows = /Windows NT ([\d.]+)/.exec(ua)?.[1];
  if (windows) return { name: 'Windows', ver: windows };
  const mac = /Mac OS X ([\d_]+)/.exec(ua)?.[1];
  if (mac) return { name: 'Mac OS X', ver: mac.replace(/_/g, '.') };
  return { name: 'Linux', ver: /Linux ([^;)]+)/.exec(ua)?.[1] ?? '' };
}

/** What an Office properties plugin puts into Common Schema `ext`, read from this browser. */
function commonSchemaExt(): CommonSchemaExt {
  const ua = navigator.userAgent;
  const chrome = /Chrome\/([\d.]+)/.exec(ua)?.[1];
  const firefox = /Firefox\/([\d.]+)/.exec(ua)?.[1];
  return {
    os: { ...osFromUserAgent(ua), locale: navigator.language },
    web: {
      browser: chrome ? 'Chrome' : firefox ? 'Firefox' : 'Unknown',
      browserVer: chrome ?? firefox ?? '',
      browserLang: navigator.language,
      screenRes: `${screen.width}x${screen.height}`,
      domain: location.hostname,
      userConsent: false,
    },
    device: { deviceClass: 'Web' },
    app: { name: 'OWA', ver: '20260901.1', locale: navigator.language },
    loc: { tz: Intl.DateTimeFormat().resolvedOptions().timeZone },
  };
}

function startOneDs(extra: Record<string, unknown>) {
  const core = new AppInsightsCore();
  const post = new PostChannel();
  core.initialize(
    {
      instrumentationKey: IKEY,
      endpointUrl: COLLECTOR,
      extensions: [post],
      extensionConfig: { [post.identifier]: { eventsLimitInMem: 200 } },
    },
    [],
  );
  core.addTelemetryInitializer((item: ITelemetryItem) => {
    item.ext = { ...(item.ext ?? {}), ...(commonSchemaExt() as unknown as Record<string, object>) };
    item.data = { ...(item.data ?? {}), ...extra };
  });
  return { core, post };
}

function startAppInsights(compliant: boolean) {
  const ai = new ApplicationInsights({
    config: {
      instrumentationKey: '9f1c7d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f',
      endpointUrl: at('dc.services.visualstudio.com', '/v2/track'),
      disableAjaxTracking: true,
      disableFetchTracking: true,
      disableExceptionTracking: true,
      disableCookiesUsage: compliant,
      isStorageUseDisabled: compliant,
      maxBatchInterval: 200,
      // The SDK would fetch a CDN configuration from js.monitor.azure.com; the demo stays on loopback.
      extensionConfig: { AppInsightsCfgSyncPlugin: { blkCdnCfg: true } },
    },
  });
  ai.loadAppInsights();
  ai.addTelemetryInitializer((envelope) => {
    const tags = (envelope.tags ??= {} as never) as Record<string, string>;
    tags['ai.device.locale'] = navigator.language;
    tags['ai.device.osVersion'] = commonSchemaExt().os.ver || 'unknown';
    if (compliant) {
      delete tags['ai.user.id'];
      delete tags['ai.session.id'];
      delete tags['ai.device.id'];
    }
  });
  return ai;
}

async function send(label: string, url: string, init?: RequestInit) {
  try {
    const res = await fetch(url, init);
    log(`${res.status} ${label}`);
  } catch (error) {
    log(`failed ${label}: ${String(error)}`);
  }
}

async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

async function officeSession(compliant: boolean, plant: boolean) {
  const { core, post } = startOneDs(plant ? { UserInfo: { Id: 'a9f3e1c2-77b4-4e0a-9d2c-5b1f0e6a8c3d' } } : {});
  core.track({ name: 'Office.Outlook.Web.Boot', data: { BootTimeMs: 812 } });
  core.track({ name: 'Office.Outlook.Web.FolderOpened', data: { Folder: 'Inbox' } });
  if (!compliant) {
    core.track({
      name: 'Office.Outlook.Web.UnhandledException',
      baseType: 'ExceptionData',
      data: { message: 'TypeError: reading.subject is undefined', stack: 'TypeError: x\n    at render (owa.js:1:200)' },
    });
  }
  post.flush(false);

  // Online help: the query string carries language and market.
  await send(
    'help',
    at('support.office.com', '/client/results?lcid=1053&omkt=sv-SE&ui=sv-SE&HelpID=OWA.Settings.Mail&query=turn+off+read+receipts'),
  );
  await send('config', at('officeclient.microsoft.com', '/config16?lcid=1053&syslcid=1053&uilcid=1053'));

  if (!compliant) {
    const ai = startAppInsights(compliant);
    ai.trackPageView({ name: 'Mail' });
    ai.trackException({ exception: new Error('Failed to load calendar pane') });
    ai.flush();

    // Online feedback ("Send a Smile"): message content plus standard computer information.
    await send('feedback', at('sas.office.microsoft.com', '/api/v2/feedback'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        feedbackType: 'Smile',
        comment: 'Kalendern laddar långsamt på måndagar.',
        clientInfo: { language: navigator.language, osVersion: commonSchemaExt().os.ver },
      }),
    });
    // Lync Web App / UCWA: registering the application sends UserAgent and Culture.
    await send('ucwa', at('webpoolsv1.infra.lync.com', '/ucwa/oauth/v1/applications'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ UserAgent: `UCWA Samples/${navigator.userAgent}`, EndpointId: 'f3c1b9a0-8d7e-4f6a-9b5c-2e1d0c9b8a7f', Culture: navigator.language }),
    });
    // Teams-style push registration.
    await send('registrar', at('teams.microsoft.com', '/registrar/prod/V3/registrations'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clientDescription: { appId: 'TeamsCDLWebWorker', languageId: navigator.language, platform: 'edge', platformUIVersion: '1415/26110113900' },
        registrationId: '0b5e6f7a-1c2d-4e3f-8a9b-0c1d2e3f4a5b',
        transports: { TROUTER: [{ context: '', path: 'https://pub-ent-euno-02-t.trouter.teams.microsoft.com/v4/f/abc/', ttl: 86400 }] },
      }),
    });
  }

  // Teams-style gzip upload to OneCollector.
  const event = { name: 'Teams.Web.Heartbeat', time: new Date().toISOString(), ver: '4.0', iKey: `o:${TENANT_TOKEN}`, ext: commonSchemaExt(), data: { DeviceInfo: { OsName: commonSchemaExt().os.name, BrowserName: commonSchemaExt().web.browser }, UserInfo: { Language: navigator.language, TimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone } } };
  await send('gzip', `${COLLECTOR}?cors=true&content-type=application/x-json-stream&content-encoding=gzip&w=0`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-json-stream', 'content-encoding': 'gzip', 'client-id': 'NO_AUTH', 'client-version': '1DS-Web-JS-4.4.4' },
    body: await gzip(JSON.stringify(event)),
  });
  // A beacon, as clients send on unload.
  const beaconOk = navigator.sendBeacon(
    `${COLLECTOR}?cors=true&content-type=application/x-json-stream&w=0&client-id=NO_AUTH&client-version=1DS-Web-JS-4.4.4`,
    new Blob([JSON.stringify({ ...event, name: 'Office.Outlook.Web.Unload' })], { type: 'text/plain' }),
  );
  log(`beacon queued: ${beaconOk}`);
}

/** N numbered NDJSON POSTs, fired a few at a time, for the loss and overhead tests. */
async function burst(count: number, concurrency = 8, gapMs = 0) {
  let next = 0;
  // Passed on to the collector, which then answers that much later (test/demo/server.mjs).
  const delay = params.get('delay') ? `&delay=${Number(params.get('delay'))}` : '';
  const worker = async () => {
    while (next < count) {
      const seq = next++;
      const body = JSON.stringify({ name: 'Office.Outlook.Web.Burst', time: new Date().toISOString(), ver: '4.0', iKey: `o:${TENANT_TOKEN}`, ext: commonSchemaExt(), data: { seq } });
      try {
        await fetch(`${COLLECTOR}?cors=true&content-type=application/x-json-stream&w=0&seq=${seq}${delay}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-json-stream' },
          body,
        });
      } catch {
        // The loss test compares server and extension counts; a failed fetch reaches neither.
      }
      // A pause between requests makes the burst last long enough, on any machine, for a test to act during it.
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  log(`burst of ${count} sent`);
}

/** Markup that calls alert() if it ever runs: a dialog in a test means it did. */
const XSS = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 'javascript:alert(1)', '"><svg onload=alert(1)>'] as const;

/** Bytes that are not UTF-8 (random, so 0x80–0xFF appear out of sequence). */
function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(n));
  // getRandomValues fills at most 64 KiB per call.
  for (let i = 0; i < n; i += 65_536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65_536)));
  return out;
}

/** `mib` MiB of zeros streamed through CompressionStream: ~1/1000 of that on the wire. */
async function gzipBomb(mib: number): Promise<ArrayBuffer> {
  let left = mib;
  const zeros = new ReadableStream<BufferSource>({
    pull(controller) {
      if (left-- > 0) controller.enqueue(new Uint8Array(1024 * 1024));
      else controller.close();
    },
  });
  return new Response(zeros.pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
}

/**
 * Hostile requests to collector hosts, each marked `case=<name>` in its URL, then one normal event (`case=after`).
 * Sizes come from the query (`binaryMb`, `bombMb`, `headerKb`) so a test can shrink them.
 */
async function hostileSession() {
  const num = (name: string, fallback: number) => Number(params.get(name) ?? fallback);
  const ndjson = { 'content-type': 'application/x-json-stream' };
  const collector = (name: string, extra = '') => `${COLLECTOR}?cors=true&content-type=application/x-json-stream&w=0&case=${name}${extra}`;
  const [img, script, js, svg] = XSS;

  await send('binary', collector('binary'), { method: 'POST', headers: ndjson, body: randomBytes(num('binaryMb', 8) * 1024 * 1024) });
  await send('gzip bomb', collector('bomb', '&content-encoding=gzip'), {
    method: 'POST',
    headers: { ...ndjson, 'content-encoding': 'gzip' },
    body: await gzipBomb(num('bombMb', 100)),
  });
  await send('deep json', at('dc.services.visualstudio.com', '/v2/track?case=deep'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
  });
  const markupEvent = {
    name: script,
    time: new Date().toISOString(),
    ver: '4.0',
    iKey: `o:${img}`,
    ext: { ...commonSchemaExt(), os: { name: img, ver: img, locale: svg }, device: { deviceClass: script, model: script }, web: { ...commonSchemaExt().web, domain: js, browserVer: svg } },
    data: { UserInfo: { Id: img, Language: js }, message: svg },
  };
  await send('xss 1ds', collector('xss-1ds', `&x=${encodeURIComponent(img)}`), { method: 'POST', headers: ndjson, body: `${JSON.stringify(markupEvent)}\n` });
  await send('xss ai', at('dc.services.visualstudio.com', `/v2/track?case=xss-ai&x=${encodeURIComponent(script)}`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ name: script, iKey: img, tags: { 'ai.device.model': img, 'ai.device.osVersion': script, 'ai.device.locale': js, 'ai.device.oemName': svg }, data: { baseType: 'EventData', baseData: { name: img } } }]),
  });
  const helpQuery = `lcid=1053&omkt=${encodeURIComponent(script)}&HelpID=${encodeURIComponent(js)}&query=${encodeURIComponent(img)}`;
  await send('xss help', at('support.office.com', `/client/results?case=xss-help&${helpQuery}`));
  // Written as text: an object literal's __proto__ would set the prototype instead of making a key.
  await send('proto keys', collector('proto'), {
    method: 'POST',
    headers: ndjson,
    body: '{"__proto__":{"polluted":1,"ext":{"os":{"ver":"10.0"}}},"constructor":{"prototype":{"polluted":2}},"ext":{"__proto__":{"polluted":3},"os":{"ver":"10.0.19045","locale":"sv-SE"}}}\n',
  });
  const tenThousand = Array.from({ length: 10_000 }, (_, i) => `p${i}=${encodeURIComponent(XSS[i % XSS.length]!)}`).join('&');
  await send('10k params', collector('params', `&${tenThousand}`), { method: 'POST', headers: ndjson, body: `${JSON.stringify({ name: 'x', ext: commonSchemaExt() })}\n` });
  await send('huge header', collector('header'), {
    method: 'POST',
    headers: { ...ndjson, 'client-version': `1DS-Web-JS-${'9'.repeat(num('headerKb', 256) * 1024)}` },
    body: `${JSON.stringify({ name: 'x', ext: commonSchemaExt() })}\n`,
  });
  // A normal event afterwards: the extension must still record it.
  await send('after', collector('after'), { method: 'POST', headers: ndjson, body: `${JSON.stringify({ name: 'Office.Outlook.Web.After', ver: '4.0', ext: commonSchemaExt() })}\n` });
}

async function main() {
  const burstCount = Number(params.get('burst') ?? 0);
  try {
    if (params.get('hostile') === '1') await hostileSession();
    else if (burstCount > 0) await burst(burstCount, Number(params.get('concurrency') ?? 8), Number(params.get('gap') ?? 0));
    else await officeSession(params.get('mode') === 'compliant', params.get('plant') === '1');
  } catch (error) {
    log(`error: ${String(error)}`);
  }
  // Everything sent and answered, measured from navigation start (the overhead benchmark reads it).
  performance.mark('demo-sent');
  // Give the SDKs' own timers a moment to drain their queues.
  await new Promise((resolve) => setTimeout(resolve, 600));
  document.body.dataset.demo = 'done';
  log('done');
}

document.getElementById('again')?.addEventListener('click', () => void officeSession(false, false));
void main();
