import { describe, expect, it } from 'vitest';
import { classify } from '../../../../lib/classify/index';
import { parseRules } from '../../../../lib/classify/rules';
import { loadPolicy } from '../../../../lib/policy/load';
import { sha256Hex } from '../../../../lib/util/sha256';
import { exception, ndjson, ONECOLLECTOR, pageView, request } from './helpers';

const policy = loadPolicy();
const item = (a: ReturnType<typeof classify>, id: string) => a.items.find((i) => i.item === id);
const finding = (a: ReturnType<typeof classify>, kind: string) => a.findings.find((f) => f.kind === kind);

describe('features', () => {
  it('telemetry without errors is the general clause', () => {
    const a = classify(request(ONECOLLECTOR, { text: ndjson(pageView), mimeType: 'application/x-json-stream' }));
    expect(a.features).toEqual(['standard-computer-information']);
  });

  it('telemetry carrying only error events is error reporting', () => {
    const a = classify(request(ONECOLLECTOR, { text: ndjson(exception, exception), mimeType: 'application/x-json-stream' }));
    expect(a.features).toEqual(['error-reporting']);
    expect(a.purposes).toContain('solve-problems-improve-software');
    expect(a.purposes).not.toContain('statistical-analysis');
  });

  it('a batch mixing errors and other events is both', () => {
    const a = classify(request(ONECOLLECTOR, { text: ndjson(pageView, exception), mimeType: 'application/x-json-stream' }));
    expect(a.features).toEqual(['standard-computer-information', 'error-reporting']);
    // The exception events are the error report; judged as error reporting, which the policy discloses.
    expect(finding(a, 'error-report')?.verdict).toBe('clear');
  });

  it('error events on a non-telemetry host do not add error reporting', () => {
    const a = classify(request('https://sas.office.microsoft.com/upload.ashx', { text: JSON.stringify(exception) }));
    expect(a.features).toEqual(['online-feedback']);
  });

  it('Application Insights exception envelopes are error reports', () => {
    const body = JSON.stringify([{ name: 'Microsoft.ApplicationInsights.x.Exception', iKey: 'k', tags: { 'ai.device.os': 'Linux' }, data: { baseType: 'ExceptionData', baseData: {} } }]);
    expect(classify(request('https://dc.services.visualstudio.com/v2/track', { text: body })).features).toEqual(['error-reporting']);
  });
});

describe('verdicts', () => {
  it('every request carries the IP address, as connection evidence', () => {
    const a = classify(request('https://tracker.example.net/p.gif'));
    expect(a.features).toEqual(['third-party']);
    expect(item(a, 'ip-address')?.evidence.some((e) => e.where === 'connection')).toBe(true);
  });

  it('named signals on the general clause are clear', () => {
    const a = classify(request(ONECOLLECTOR, { text: ndjson(pageView), mimeType: 'application/x-json-stream' }));
    expect(item(a, 'os-version')?.verdict).toBe('clear');
  });

  it('a broad signal turns a clear item vague, with the item clause', () => {
    const body = ndjson({ ...pageView, ext: { ...pageView.ext, web: { screenRes: '1920x1080' } } });
    const a = classify(request(ONECOLLECTOR, { text: body, mimeType: 'application/x-json-stream' }));
    const hw = item(a, 'hardware-id');
    expect(hw?.verdict).toBe('vague');
    expect(hw?.clause).toBe(policy.items.find((i) => i.id === 'hardware-id')?.clause);
  });

  it('the least favourable verdict over features wins', () => {
    // A help query carrying a user id: the policy says typed personal info is not used → omitted.
    const body = JSON.stringify({ query: 'hur delar jag skärmen', userId: 'a1b2c3d4e5f6' });
    const custom = parseRules(JSON.stringify({ fields: [{ key: 'userId', kind: 'user-id' }] }));
    const a = classify(request('https://support.office.com/client/results?lcid=1053', { text: body }), { rules: custom });
    expect(a.features).toEqual(['online-help']);
    expect(finding(a, 'user-id')?.verdict).toBe('omitted');
  });

  it('content to a third party is incorrect', () => {
    const custom = parseRules(JSON.stringify({ fields: [{ key: 'comment', kind: 'feedback-content' }] }));
    const a = classify(request('https://tracker.example.net/collect', { text: JSON.stringify({ comment: 'Ljudet hackar' }) }), { rules: custom });
    expect(finding(a, 'feedback-content')?.verdict).toBe('incorrect');
  });

  it('items come in policy order and never without evidence', () => {
    const a = classify(request(ONECOLLECTOR, { text: ndjson(pageView), mimeType: 'application/x-json-stream', headers: [{ name: 'Accept-Language', value: 'sv-SE,sv;q=0.9' }] }));
    const order = policy.items.map((i) => i.id);
    const ids = a.items.map((i) => i.item);
    expect([...ids].sort((x, y) => order.indexOf(x) - order.indexOf(y))).toEqual(ids);
    for (const flow of a.items) expect(flow.evidence.length).toBeGreaterThan(0);
  });
});

describe('purposes', () => {
  it('come from the features, plus region tailoring because the IP address flows', () => {
    const a = classify(request('https://teams.microsoft.com/registrar/prod/V3/registrations', { text: '{}' }));
    expect(a.features).toEqual(['push-notifications']);
    expect(a.purposes).toEqual(['deliver-push-notifications', 'tailor-to-region']);
  });
});

describe('redaction', () => {
  const longUa = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  const rules = parseRules(
    JSON.stringify({
      fields: [
        { key: 'deviceId', kind: 'device-id' },
        { key: 'comment', kind: 'feedback-content' },
        { key: 'agent', signal: 'browser-version' },
      ],
    }),
  );
  const body = JSON.stringify({ deviceId: '3f2a9c1e-77d3-4b1a-9e0f-2b6d8c1a3e55', comment: 'Mitt namn är Anna', agent: longUa });
  const req = request('https://sas.office.microsoft.com/upload.ashx', { text: body });

  it('previews items to 48 characters, masks identifiers and fingerprints content', () => {
    const a = classify(req, { rules });
    const agent = item(a, 'browser-version')?.evidence.find((e) => e.path === 'body.agent');
    expect(agent?.value).toHaveLength(48);
    expect(agent?.value.endsWith('…')).toBe(true);
    expect(longUa.startsWith(agent!.value.slice(0, 47))).toBe(true);
    expect(finding(a, 'device-id')?.evidence[0]?.value).toBe('3f2a…(36)');
    expect(finding(a, 'feedback-content')?.evidence[0]?.value).toBe(
      `[feedback-content: 17 chars, sha256:${sha256Hex('Mitt namn är Anna').slice(0, 12)}]`,
    );
    expect(JSON.stringify(a)).not.toContain('Anna');
  });

  it('keeps values verbatim only when asked', () => {
    const a = classify(req, { rules, raw: true });
    expect(finding(a, 'feedback-content')?.evidence[0]?.value).toBe('Mitt namn är Anna');
    expect(finding(a, 'device-id')?.evidence[0]?.value).toBe('3f2a9c1e-77d3-4b1a-9e0f-2b6d8c1a3e55');
  });
});

describe('custom rules', () => {
  it('endpoint rules set the feature; field rules find values in body and query', () => {
    const rules = parseRules(
      JSON.stringify({
        endpoints: [{ host: 'telemetry.contoso.com', path: '/v1/', feature: 'standard-computer-information', family: 'contoso' }],
        fields: [{ key: 'ctx.dev.lang', signal: 'language' }, { key: 'tzo', signal: 'time-zone' }],
      }),
    );
    const a = classify(request('https://telemetry.contoso.com/v1/e?tzo=-120', { text: JSON.stringify([{ ctx: { dev: { lang: 'sv-SE' } } }]) }), { rules });
    expect(a.features).toEqual(['standard-computer-information']);
    expect(item(a, 'language-settings')?.evidence.map((e) => e.path)).toContain('body[0].ctx.dev.lang');
    expect(item(a, 'regional-settings')?.evidence.map((e) => e.path)).toContain('url:query.tzo');
  });
});

describe('robustness', () => {
  it('never throws; an internal error gives an undecodable annotation', () => {
    const broken = { url: 'https://dc.services.visualstudio.com/v2/track', method: 'POST', headers: [], type: 'fetch', time: 0 } as never;
    const badPolicy = { ...policy, features: [], disclosures: [] }; // every lookup fails
    const a = classify(broken, { policy: badPolicy });
    expect(a.body.undecodable).toBe(true);
    expect(a.items).toEqual([]);
  });

  it('reports the body outcome', () => {
    const a = classify(request(ONECOLLECTOR, { text: ndjson(pageView), mimeType: 'application/x-json-stream' }));
    expect(a.body).toMatchObject({ format: 'ndjson', gzip: false, truncated: false, undecodable: false });
  });
});
