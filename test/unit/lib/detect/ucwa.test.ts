/**
 * UCWA read by resource: message text, whom it names and what a people search asks for are content; a name
 * without its value, an empty field, a resource link and what the server sends are not. Request shapes from
 * Microsoft's UCWA reference, advocations/skype at 92831beafe4f58ad520dc0fe8c29156af825829b, Skype/UCWA/<file>
 * (file and line named per case).
 */
import { describe, expect, it } from 'vitest';
import { UCWA_RESOURCE_RULES } from '../../../../lib/detect/field-rules';
import { ucwaResource } from '../../../../lib/detect/ucwa';
import { kind, lines, request, run } from './helpers';

const APP = 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/102';

function post(url: string, text: string, mimeType = 'application/json') {
  return run(request(url, { body: { text, mimeType } }));
}

function contentKinds(det: ReturnType<typeof run>): string[] {
  return [...new Set(det.contents.map((c) => c.kind))].sort();
}

describe('UCWA resources that carry content', () => {
  it('finds the message text of a sendMessage POST, text/plain or text/html (SendAnIM.md#L490)', () => {
    const det = post(`${APP}/communication/conversations/21a1/messaging/messages?OperationContext=6b6ce55c`, "What's up?", 'text/plain');
    expect(lines(kind(det, 'instant-message'))).toEqual(["body = What's up? (value)"]);
    const html = post(`${APP}/communication/conversations/21a1/messaging/messages`, '<p>Lunch at <b>12</b>?</p>', 'text/html');
    expect(kind(html, 'instant-message').map((e) => e.path)).toEqual(['body']);
  });

  it('finds whom an invitation goes to, its subject and its first message (startMessaging_ref.md#L119)', () => {
    const det = post(
      `${APP}/communication/startMessaging`,
      '{"operationId":"74cb7404e0a247d5a2d4eb0376a47dbf","to":"sip:john@contoso.com","importance":"Urgent","subject":"SkypeforBusiness",' +
        '"_links":{"message":{"href":"data:text/plain;base64,SGVqIGRhciE="}}}',
    );
    expect(lines(kind(det, 'contact-address'))).toEqual(['body.to = sip:john@contoso.com (key)']);
    expect(lines(kind(det, 'instant-message'))).toEqual([
      'body.subject = SkypeforBusiness (key)',
      'body._links.message.href = data:text/plain;base64,SGVqIGRhciE= (key)',
    ]);
  });

  it('finds the contact in the query of startMessaging and the search of a people search (SearchForUsersContact.md#L15)', () => {
    expect(lines(kind(run(request(`${APP}/communication/startMessaging?to=sip%3Alenea%40contoso.com`, { method: 'POST' })), 'contact-address'))).toEqual([
      'url:query.to = sip:lenea@contoso.com (key)',
    ]);
    const det = run(request(`${APP}/people/search?query=sarad@contoso.com&limit=3`));
    expect(lines(kind(det, 'people-search'))).toEqual(['url:query.query = sarad@contoso.com (key)']);
    expect(contentKinds(det)).toEqual(['people-search']);
  });

  it('finds every address of a presence subscription and a meeting, whatever the key\'s case (presenceSubscriptions_ref.md#L249)', () => {
    const det = post(`${APP}/people/presenceSubscriptions`, '{"duration":11,"Uris":["sip:SaraD@contoso.com","sip:lenea@contoso.com"]}');
    expect(kind(det, 'contact-address').map((e) => e.path)).toEqual(['body.Uris[0]', 'body.Uris[1]']);
    const meeting = post(`${APP}/onlineMeetings/myOnlineMeetings`, '{"subject":"holiday party","attendees":["sip:Chris@contoso.com"],"leaders":[]}');
    expect(kind(meeting, 'contact-address').map((e) => e.path)).toEqual(['body.attendees[0]']);
  });

  it('has an example for every resource rule in which each of its kinds is found', () => {
    for (const rule of UCWA_RESOURCE_RULES) {
      const path = rule.resource.replace(/\*/g, '137');
      const url = `${APP}/${path}${rule.example.query ? `?${rule.example.query}` : ''}`;
      expect(ucwaResource(new URL(url).pathname), rule.resource).toBe(rule);
      const body = rule.example.body ? { text: rule.example.body, mimeType: rule.example.mimeType ?? 'text/plain' } : undefined;
      const det = run(request(url, body ? { body } : {}));
      const kinds = new Set([rule.body, ...Object.values(rule.query ?? {}), ...Object.values(rule.fields ?? {})].filter(Boolean));
      const found = new Set(det.contents.map((c) => c.kind));
      for (const k of kinds) expect(found.has(k!), `${rule.resource} → ${k}`).toBe(true);
    }
  });
});

describe('what UCWA requests carry that is not content', () => {
  it('claims nothing for a field name without its value, an empty field or a placeholder', () => {
    for (const to of ['', '   ', 'null', 'unknown']) {
      expect(contentKinds(post(`${APP}/communication/startMessaging`, JSON.stringify({ to, subject: '', importance: 'Normal' }))), to).toEqual([]);
    }
    expect(contentKinds(post(`${APP}/communication/conversations/21a1/messaging/messages`, '  ', 'text/plain'))).toEqual([]);
    expect(contentKinds(run(request(`${APP}/people/search?query=&limit=3`)))).toEqual([]);
    expect(contentKinds(post(`${APP}/people/presenceSubscriptions`, '{"duration":11,"Uris":[]}'))).toEqual([]);
  });

  it('claims nothing for links that name resources (messagingInvitation_ref.md#L253, UpdateAnOnlineMeeting.md#L17)', () => {
    const det = post(
      `${APP}/communication/startMessaging`,
      '{"operationId":"5028e824","_links":{"message":{"href":"/ucwa/v1/applications/192/communication/conversations/137/messaging/messages/2"},' +
        '"to":{"href":"/ucwa/v1/applications/192/people/107"}}}',
    );
    expect(contentKinds(det)).toEqual([]);
    // A contact's address in a resource's own path was handed out by the server: following the link is no content.
    expect(contentKinds(run(request(`${APP}/people/sarad@contoso.com/presence`)))).toEqual([]);
  });

  it('reads `to`, `subject` and `query` as content only on the UCWA resources that mean it', () => {
    expect(contentKinds(post(`${APP}/me/note`, '{"message":"I\'m away from the office today"}'))).toEqual([]);
    expect(contentKinds(post(`${APP}/me/makeMeAvailable`, '{"SupportedModalities":["Messaging"]}'))).toEqual([]);
    expect(contentKinds(post('https://example.microsoft.com/collect', '{"to":"sip:john@contoso.com","subject":"Hej"}'))).toEqual([]);
    expect(contentKinds(run(request('https://example.microsoft.com/search?query=anna')))).toEqual([]);
    // A text body elsewhere under /ucwa/ (a batch, the event channel) is no message.
    expect(contentKinds(post(`${APP}/batch`, 'GET /ucwa/oauth/v1/applications/103/people/contacts HTTP/1.1', 'text/plain'))).toEqual([]);
  });

  it('claims nothing for the event channel, whose messages the server sends (SendAnIM.md#L222)', () => {
    expect(contentKinds(run(request(`${APP}/events?ack=3`)))).toEqual([]);
  });
});
