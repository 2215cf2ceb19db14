/**
 * Verdicts of conversation content (instant-message, contact-address, people-search) by destination: the
 * organisation's own Lync server is not Microsoft, and the annotation says so.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../lib/classify/index';
import type { NormalizedRequest } from '../../../../lib/model';

const APP = 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/102';
const ONLINE = 'https://webpoolam41e02.infra.lync.com/ucwa/oauth/v1/applications/103645603125';

function post(url: string, text: string, mimeType: string): NormalizedRequest {
  return { url, method: 'POST', headers: [], body: { text, mimeType }, type: 'xmlhttprequest', time: 0 };
}

describe('verdicts of conversation content by destination', () => {
  const message = (base: string) => classify(post(`${base}/communication/conversations/21a1/messaging/messages`, 'Hej Lene!', 'text/plain'));

  it('says a message to the organisation\'s own Lync server went there, and one to Lync Online went to Microsoft', () => {
    const onPremises = message(APP);
    expect(onPremises.destination).toBe('organisation');
    expect(onPremises.purposes).toEqual([]);
    expect(onPremises.findings.map((f) => [f.kind, f.verdict, f.clause])).toEqual([['instant-message', 'vague', 'push-after-setup']]);
    const online = message(ONLINE);
    expect(online.destination).toBe('microsoft');
    expect(online.findings.map((f) => [f.kind, f.verdict, f.clause])).toEqual([['instant-message', 'vague', 'legal-disclosure']]);
    // Stored and exported as kind, length and hash only.
    expect(online.findings[0]!.evidence[0]!.value).toMatch(/^\[instant-message: 9 chars, sha256:[0-9a-f]{12}\]$/);
  });

  it('gives a people search and a contact at the organisation its own statement, and keeps custom origins there', () => {
    const search = classify({ url: `${APP}/people/search?query=anna`, method: 'GET', headers: [], type: 'xmlhttprequest', time: 0 });
    expect(search.findings.map((f) => [f.kind, f.verdict, f.clause])).toEqual([['people-search', 'vague', 'scope']]);
    const invite = post('https://chat.fabrikam.example/ucwa/v1/applications/9/communication/startMessaging', '{"to":"sip:kim@fabrikam.example"}', 'application/json');
    const annotation = classify(invite, { organisationOrigins: ['https://chat.fabrikam.example'] });
    expect(annotation.destination).toBe('organisation');
    expect(annotation.findings.map((f) => [f.kind, f.verdict, f.clause])).toEqual([['contact-address', 'vague', 'scope']]);
  });
});
