/**
 * Requests for the redacted-body tests: every recorded fixture (Chromium and Firefox webRequest details,
 * merged as the background merges them) and the hand-made payloads, each sent to the endpoint it is shaped for.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PhaseMerger } from '../../../../lib/capture/merger';
import type { BrowserProfile, NormalizedRequest } from '../../../../lib/model';
import { payloadText, type PayloadName } from '../../../fixtures/requests/payloads/index';

const ROOT = join(__dirname, '../../../fixtures/requests');

export interface Case {
  name: string;
  request: NormalizedRequest;
  profile: BrowserProfile;
}

function revive(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && 'base64' in value && Object.keys(value).length === 1) {
    return Uint8Array.from(Buffer.from((value as { base64: string }).base64, 'base64')).buffer;
  }
  return value;
}

/** The profile of the browser that sent the request, as the background collects it, from its headers. */
function profileOf(request: NormalizedRequest): BrowserProfile {
  const header = (name: string) => request.headers.find((h) => h.name.toLowerCase() === name)?.value;
  const languages = (header('accept-language') ?? 'sv-SE').split(',').map((l) => l.split(';')[0]!.trim());
  return { userAgent: header('user-agent'), languages, timeZone: 'Europe/Stockholm', screenResolution: '1920x1080', osName: 'Linux' };
}

export function recordedCases(browser: 'chromium' | 'firefox'): Case[] {
  const dir = join(ROOT, browser);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const f = JSON.parse(readFileSync(join(dir, file), 'utf8'), revive);
      const m = new PhaseMerger();
      m.onBeforeRequest(f.onBeforeRequest);
      m.onSendHeaders(f.onSendHeaders);
      const rec = f.onCompleted ? m.onCompleted(f.onCompleted) : m.onError(f.onErrorOccurred);
      const request = rec!.request;
      return { name: `${browser}/${file}`, request, profile: profileOf(request) };
    });
}

const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51';
const PAYLOAD_ENDPOINTS: Array<[PayloadName, string, string]> = [
  ['1ds-teams-batch.ndjson', 'https://teams.events.data.microsoft.com/OneCollector/1.0/?cors=true', 'application/x-json-stream'],
  ['ai-track-envelopes.json', 'https://dc.services.visualstudio.com/v2/track', 'application/json'],
  ['office-device-event.json', 'https://browser.events.data.microsoft.com/OneCollector/1.0/', 'application/json'],
  ['teams-registration.json', 'https://teams.microsoft.com/registrar/prod/V3/registrations', 'application/json'],
  ['ucwa-application.json', 'https://webpoolsv1.infra.lync.com/ucwa/oauth/v1/applications', 'application/json'],
  ['sas-feedback.json', 'https://sas.office.microsoft.com/upload.ashx', 'application/json'],
];

export function payloadCases(): Case[] {
  return PAYLOAD_ENDPOINTS.map(([name, url, mimeType]) => ({
    name: `payloads/${name}`,
    request: {
      url,
      method: 'POST',
      headers: [
        { name: 'User-Agent', value: UA },
        { name: 'Content-Type', value: mimeType },
      ],
      body: { text: payloadText(name), mimeType },
      type: 'xmlhttprequest',
      time: 0,
    },
    profile: { userAgent: UA, languages: ['sv-SE', 'sv'], timeZone: 'Europe/Stockholm', screenResolution: '1920x1080', browserVersion: '124.0.2478.51' },
  }));
}

/**
 * UCWA conversation requests as Microsoft's UCWA reference shows them (advocations/skype at 92831bea,
 * Skype/UCWA/SendAnIM.md, startMessaging_ref.md, presenceSubscriptions_ref.md, ScheduleAnOnlineMeeting.md):
 * message text as a whole body, in a `data:` link and as a subject, and contact addresses in fields and arrays.
 */
export function ucwaConversationCases(): Case[] {
  const app = 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/102';
  const posts: Array<[string, string, string, string]> = [
    ['send-an-im', `${app}/communication/conversations/21a1/messaging/messages?OperationContext=6b6ce55c`, 'text/plain', "What's up?"],
    [
      'start-messaging',
      `${app}/communication/startMessaging`,
      'application/json',
      '{"operationId":"74cb7404e0a247d5a2d4eb0376a47dbf","to":"sip:john@contoso.com","importance":"Urgent","subject":"SkypeforBusiness",' +
        '"threadId":"292e0aaef36c426a97757f43dda19d06","_links":{"message":{"href":"data:text/plain;base64,SGVqIGRhciwgaHVyIG3DpXIgZHU/"}}}',
    ],
    ['presence-subscription', `${app}/people/presenceSubscriptions`, 'application/json', '{"duration":11,"Uris":["sip:SaraD@contoso.com","sip:lenea@contoso.com"]}'],
    [
      'online-meeting',
      `${app}/onlineMeetings/myOnlineMeetings`,
      'application/json',
      '{"attendanceAnnouncementsStatus":"Disabled","description":"hey guys let\'s do a musical!","subject":"holiday party","attendees":["sip:Chris@contoso.com","sip:Alex@contoso.com"],"leaders":[]}',
    ],
  ];
  return posts.map(([name, url, mimeType, text]) => ({
    name: `ucwa/${name}`,
    request: {
      url,
      method: 'POST',
      headers: [
        { name: 'User-Agent', value: UA },
        { name: 'Content-Type', value: mimeType },
      ],
      body: { text, mimeType },
      type: 'xmlhttprequest',
      time: 0,
    },
    profile: { userAgent: UA, languages: ['sv-SE', 'sv'], timeZone: 'Europe/Stockholm', screenResolution: '1920x1080', browserVersion: '124.0.2478.51' },
  }));
}
