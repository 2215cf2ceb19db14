import { describe, expect, it } from 'vitest';
import { body, kind, lines, request, run, signal } from './helpers';
import { payloadText } from '../../../fixtures/requests/payloads/index';

describe('Common Schema ext.* (1DS batch)', () => {
  const det = body(payloadText('1ds-teams-batch.ndjson'), 'application/x-json-stream');

  it('reads OS, browser, locale, screen and time zone from ext', () => {
    expect(lines(signal(det, 'os-name'))).toContain('body[0].ext.os.name = Windows (key)');
    expect(lines(signal(det, 'os-version'))).toContain('body[0].ext.os.ver = 10 (key)');
    expect(lines(signal(det, 'browser-name'))).toContain('body[0].ext.web.browser = Edge (key)');
    expect(lines(signal(det, 'browser-version'))).toContain('body[0].ext.web.browserVer = 124.0.2478.51 (key)');
    expect(lines(signal(det, 'language'))).toContain('body[0].ext.web.browserLang = sv-SE (key)');
    expect(lines(signal(det, 'screen-resolution'))).toContain('body[0].ext.web.screenRes = 1920x1080 (key)');
    expect(lines(signal(det, 'time-zone'))).toContain('body[0].ext.loc.tz = +01:00 (key)');
    expect(lines(signal(det, 'locale'))).toEqual(
      expect.arrayContaining(['body[0].ext.os.locale = sv-SE (key)', 'body[0].ext.app.locale = sv-SE (key)']),
    );
    expect(lines(signal(det, 'device-make'))).toContain('body[0].ext.device.make = Microsoft Corporation (key)');
    expect(lines(signal(det, 'device-model'))).toContain('body[0].ext.device.model = Surface Laptop 5 (key)');
    expect(lines(signal(det, 'device-class'))).toContain('body[0].ext.device.deviceClass = Web (key)');
  });

  it('reads Teams DeviceInfo.* and UserInfo.* flattened keys, with bracketed paths', () => {
    expect(lines(signal(det, 'os-version'))).toContain('body[0].data["DeviceInfo.OsVersion"] = 10.0.22631 (key)');
    expect(lines(signal(det, 'cpu-architecture'))).toEqual(['body[0].data["DeviceInfo.CpuArchitecture"] = x64 (key)']);
    expect(lines(signal(det, 'language'))).toContain('body[0].data["UserInfo.Language"] = sv-se (key)');
    expect(lines(signal(det, 'time-zone'))).toContain('body[0].data["UserInfo.TimeZone"] = Europe/Stockholm (key)');
  });

  it('reports user, device and session identifiers', () => {
    expect(kind(det, 'user-id').map((e) => e.path)).toEqual(['body[0].ext.user.localId', 'body[0].ext.user.authId']);
    expect(kind(det, 'device-id').map((e) => e.path)).toEqual([
      'body[0].ext.sdk.installId',
      'body[0].ext.device.localId',
      'body[0].data["DeviceInfo.Id"]',
    ]);
    expect(kind(det, 'session-id')).toHaveLength(1);
  });

  it('does not take the iKey tenant token for the user\'s tenant', () => {
    // "o:<token>" names the telemetry project the app reports to; it is the same for every user of the app.
    expect(kind(det, 'tenant-id')).toEqual([]);
  });

  it('keeps one evidence per field and value across the events of a batch', () => {
    expect(signal(det, 'browser-version').filter((e) => e.path.endsWith('ext.web.browserVer'))).toHaveLength(1);
  });

  it('counts the events and the one carrying a stack as an error', () => {
    expect(det.events).toEqual({ total: 3, errors: 1 });
    expect(lines(kind(det, 'error-report'))).toEqual([
      'body[2].name = Microsoft.Teams.UnhandledError (key)',
      expect.stringMatching(/^body\[2\]\.data\.errorStack = TypeError: Cannot read/),
    ]);
  });
});

describe('Application Insights envelopes', () => {
  const det = body(payloadText('ai-track-envelopes.json'));

  it('reads ai.device.* and ai.location.* tags', () => {
    expect(lines(signal(det, 'os-version'))).toContain('body[0].tags["ai.device.osVersion"] = Windows 10 (key)');
    expect(lines(signal(det, 'locale'))).toEqual(['body[0].tags["ai.device.locale"] = sv-SE (key)']);
    expect(lines(signal(det, 'screen-resolution'))).toEqual(['body[0].tags["ai.device.screenResolution"] = 1920X1080 (key)']);
    expect(lines(signal(det, 'ip-address'))).toEqual([
      'connection = (sent with every connection) (value)',
      'body[0].tags["ai.location.ip"] = 192.0.2.44 (key)',
    ]);
    // `ai.device.type: "Browser"` is a constant the JavaScript SDK writes for every browser: no evidence.
    expect(signal(det, 'device-class')).toEqual([]);
  });

  it('reports ai.user.id and ai.session.id, but not the SDK constant ai.device.id "browser"', () => {
    expect(kind(det, 'user-id').map((e) => e.path)).toEqual(['body[0].tags["ai.user.id"]']);
    expect(kind(det, 'session-id').map((e) => e.path)).toEqual(['body[0].tags["ai.session.id"]']);
    expect(kind(det, 'device-id')).toEqual([]);
  });

  it('marks the ExceptionData envelope as an error event with its stack', () => {
    expect(det.events).toEqual({ total: 2, errors: 1 });
    const paths = kind(det, 'error-report').map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body[1].name', 'body[1].data.baseType', 'body[1].data.baseData.exceptions']),
    );
  });
});

describe('Office Device.*, Session.*, User.*', () => {
  const det = body(payloadText('office-device-event.json'));

  it('reads the device block', () => {
    expect(lines(signal(det, 'os-version'))).toEqual([
      'body.data.Device.OsVersion = 10.0 (key)',
      'body.data.Device.OsBuild = 22631.3447 (key)',
    ]);
    expect(signal(det, 'device-model')[0]?.value).toBe('Surface Laptop 5');
    expect(signal(det, 'device-make')[0]?.value).toBe('Microsoft Corporation');
    expect(signal(det, 'locale')[0]?.path).toBe('body.data.Device.OsLocale');
    expect(signal(det, 'location')[0]?.value).toBe('SE');
    expect(signal(det, 'cpu-architecture')[0]?.value).toBe('x64');
    expect(lines(signal(det, 'time-zone'))).toEqual(['body.data.Session.TimeZoneBiasInMinutes = -60 (key)']);
  });

  it('reports tenant, user, device and session ids', () => {
    expect(kind(det, 'tenant-id').map((e) => e.value)).toEqual(['72f988bf-86f1-41af-91ab-2d7cd011db47']);
    expect(kind(det, 'user-id').map((e) => e.path)).toEqual(['body.data.User.PrimaryIdentityHash']);
    expect(kind(det, 'device-id').map((e) => e.path)).toEqual(['body.data.Device.Name', 'body.data.Device.Id']);
    expect(kind(det, 'session-id').map((e) => e.path)).toEqual(['body.data.Session.Id']);
  });

  it('matches dotted keys and nested objects alike', () => {
    const flat = body('{"data":{"Device.OsVersion":"10.0"}}');
    expect(lines(signal(flat, 'os-version'))).toEqual(['body.data["Device.OsVersion"] = 10.0 (key)']);
  });
});

describe('UCWA and Teams registration', () => {
  it('parses the UCWA UserAgent and reads Culture and EndpointId', () => {
    const det = body(payloadText('ucwa-application.json'));
    expect(lines(signal(det, 'os-version'))).toEqual(['body.UserAgent = Windows NT 10.0 (key)']);
    expect(lines(signal(det, 'browser-version'))).toEqual(['body.UserAgent = Chrome/124.0.0.0 (key)']);
    expect(lines(signal(det, 'locale'))).toEqual(['body.Culture = sv-SE (key)']);
    expect(kind(det, 'device-id').map((e) => e.path)).toEqual(['body.EndpointId']);
  });

  it('reads the registrar clientDescription', () => {
    const det = body(payloadText('teams-registration.json'));
    expect(lines(signal(det, 'language'))).toEqual(['body.clientDescription.languageId = sv-SE (key)']);
    expect(lines(signal(det, 'browser-name'))).toEqual(['body.clientDescription.platform = edge (key)']);
  });

  it('ignores a Culture that is not a language tag', () => {
    expect(signal(body('{"Culture":"high-trust organisation"}'), 'locale')).toEqual([]);
  });
});

describe('online help query parameters', () => {
  const url =
    'https://support.office.com/client/results?NS=OUTLOOK&Version=16&lcid=1053&syslcid=1053&uilcid=1033&omkt=sv-SE&ui=sv-SE&rs=sv-SE&ad=SE&q=dela%20kalender&HelpID=o365';

  it('reads lcid, syslcid, uilcid, omkt and ui', () => {
    const det = run(request(url));
    expect(lines(signal(det, 'locale'))).toEqual(['url:query.lcid = 1053 (key)', 'url:query.syslcid = 1053 (key)']);
    expect(lines(signal(det, 'language'))).toEqual(['url:query.uilcid = 1033 (key)', 'url:query.ui = sv-SE (key)']);
    expect(lines(signal(det, 'market'))).toEqual(['url:query.omkt = sv-SE (key)']);
  });

  it('reports the search query on a help host only', () => {
    expect(lines(kind(run(request(url)), 'help-query'))).toEqual(['url:query.q = dela kalender (key)']);
    const elsewhere = url.replace('support.office.com', 'outlook.office.com');
    expect(kind(run(request(elsewhere)), 'help-query')).toEqual([]);
  });

  it('reads config16 parameters on officeclient.microsoft.com', () => {
    const det = run(request('https://officeclient.microsoft.com/config16?syslcid=1053&uilcid=1053&app=0&ver=16&build=16.0.17531'));
    expect(signal(det, 'locale').map((e) => e.path)).toEqual(['url:query.syslcid']);
    expect(signal(det, 'language').map((e) => e.path)).toEqual(['url:query.uilcid']);
  });
});

describe('content kinds', () => {
  it('reports feedback comments', () => {
    const det = run(request('https://sas.office.microsoft.com/upload', { body: { text: payloadText('sas-feedback.json'), mimeType: 'application/json' } }));
    expect(lines(kind(det, 'feedback-content'))).toEqual(['body.Comment = Kalendern laddar långsamt när jag byter vecka (key)']);
  });

  it('reports a plain-text body to a feedback host as feedback content', () => {
    const det = run(request('https://petrol.office.microsoft.com/v1/feedback', { body: { text: 'Knappen fungerar inte', mimeType: 'text/plain' } }));
    expect(lines(kind(det, 'feedback-content'))).toEqual(['body = Knappen fungerar inte (value)']);
  });

  it('reports message previews, sender names and conversation ids', () => {
    const det = body('{"messagePreview":"Ses vi kl 14?","senderDisplayName":"Anna Berg","conversationId":"19:abc@thread.v2"}');
    expect(kind(det, 'message-preview')[0]?.value).toBe('Ses vi kl 14?');
    expect(kind(det, 'sender-display-name')[0]?.value).toBe('Anna Berg');
    expect(kind(det, 'conversation-id')[0]?.value).toBe('19:abc@thread.v2');
  });

  it('reports a stack trace under any key, V8 and SpiderMonkey style', () => {
    const v8 = body(JSON.stringify({ detail: 'Error: boom\n    at f (https://x.test/a.js:1:2)\n    at g (https://x.test/a.js:3:4)' }));
    expect(lines(kind(v8, 'error-report'))[0]).toMatch(/^body\.detail = Error: boom/);
    expect(kind(v8, 'error-report')[0]?.matchedBy).toBe('value');
    const sm = body(JSON.stringify({ s: 'f@https://x.test/a.js:1:2\ng@https://x.test/a.js:3:4\n' }));
    expect(kind(sm, 'error-report')).toHaveLength(1);
    expect(kind(body(JSON.stringify({ s: 'Meet at 12:30\nRoom 4' })), 'error-report')).toEqual([]);
  });

  it('reports the message of an error event, but not a message that names no error', () => {
    const det = body(JSON.stringify({ name: 'Office.Outlook.Web.UnhandledException', data: { message: 'TypeError: reading.subject is undefined' } }));
    expect(lines(kind(det, 'error-report'))).toContain('body.data.message = TypeError: reading.subject is undefined (key)');
    expect(det.events.errors).toBe(1);
    const plain = body(JSON.stringify({ name: 'Office.Outlook.Web.Toast', data: { message: 'Your message was sent' } }));
    expect(kind(plain, 'error-report')).toEqual([]);
  });

  it('reports minidumps by magic and by key', () => {
    const raw = new Uint8Array(600);
    raw.set([0x4d, 0x44, 0x4d, 0x50, 0x93, 0xa7, 0, 0]);
    const magic = run(request('https://watson.telemetry.microsoft.com/Submit', { body: { raw } }));
    expect(lines(kind(magic, 'memory-dump'))).toEqual(['body = MDMP (value)']);
    const blob = Buffer.from(raw).toString('base64');
    expect(kind(body(JSON.stringify({ minidump: blob })), 'memory-dump')[0]?.path).toBe('body.minidump');
    expect(kind(body(JSON.stringify({ attachment: blob })), 'memory-dump')[0]?.matchedBy).toBe('value');
  });
});
