/**
 * The stored form of an observation: what it keeps (exactly what the views, exports and re-check read), what it
 * leaves out on purpose, and how small it is, on the recorded Chromium and Firefox traffic.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PhaseMerger } from '../../../../lib/capture/merger';
import { observationOf } from '../../../../lib/capture/observation';
import { classify } from '../../../../lib/classify/index';
import type { Annotation, Evidence, Header, Observation } from '../../../../lib/model';
import { decodeObservation, encodeObservation, isStoredObservation, urlOfRecord } from '../../../../lib/store/codec';
import { CODEBOOK, codeOf } from '../../../../lib/store/codebook';
import { MAX_STORED_CHARS, queryParamOf, storedHeaders, storedUrl } from '../../../../lib/redact/stored-request';
import { annotation, ev, observation } from './helpers';

const ROOT = join(__dirname, '../../../fixtures/requests');
const PROFILE = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36', osName: 'Linux', browserVersion: '156.0.0.0', languages: ['sv-SE', 'sv', 'en'], timeZone: 'Europe/Stockholm' };

function revive(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && 'base64' in value && Object.keys(value).length === 1) {
    return Uint8Array.from(Buffer.from((value as { base64: string }).base64, 'base64')).buffer;
  }
  return value;
}

/** Every recorded request, merged and classified as the background does, as the observation it stores. */
function recorded(raw = false): Array<[string, Observation]> {
  return ['chromium', 'firefox'].flatMap((browser) => {
    const dir = join(ROOT, browser);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f): Array<[string, Observation]> => {
        const fx = JSON.parse(readFileSync(join(dir, f), 'utf8'), revive);
        const m = new PhaseMerger();
        m.onBeforeRequest(fx.onBeforeRequest);
        m.onSendHeaders(fx.onSendHeaders);
        const c = fx.onCompleted ? m.onCompleted(fx.onCompleted) : m.onError(fx.onErrorOccurred);
        if (!c) return [];
        const obs = observationOf(c, classify(c.request, { profile: PROFILE, raw }));
        return [[`${browser}/${f}`, obs]];
      });
  });
}

const RECORDED = recorded();
const json = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

describe('stored observations (codec)', () => {
  it('has recorded traffic to work on', () => expect(RECORDED.length).toBeGreaterThanOrEqual(16));

  it.each(RECORDED)('%s: keeps the annotation exactly and every field the views read', (_name, obs) => {
    const back = decodeObservation(encodeObservation(obs));
    expect(back.annotation).toEqual(obs.annotation);
    const { url: _u, headers: _h, headersOmitted: _o, ...rest } = back;
    const { url: _u2, headers: _h2, ...sent } = obs;
    expect(rest).toEqual(sent);
    // Every header that carries standard computer information, or in which anything was found, is kept.
    const named = [...obs.annotation.items, ...obs.annotation.findings].flatMap((f) => f.evidence).filter((e) => e.where === 'header').map((e) => e.path.slice(7));
    for (const name of named) expect(back.headers.some((h) => h.name.toLowerCase() === name), name).toBe(true);
    expect(back.headers.length + (back.headersOmitted ?? 0)).toBe(obs.headers.length);
  });

  it('stores the recorded traffic in under 1 KB of JSON per observation, about a third of the public shape', () => {
    const stored = RECORDED.map(([, o]) => json(encodeObservation(o)));
    const plain = RECORDED.map(([, o]) => json(o));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(stored)).toBeLessThan(1024);
    expect(mean(stored) / mean(plain)).toBeLessThan(0.4);
  });

  it('classifies the same from what it stored: URL and headers re-checked give the same evidence', () => {
    for (const [name, obs] of RECORDED) {
      const back = decodeObservation(encodeObservation(obs));
      const again = classify({ url: back.url, method: back.method, headers: back.headers, type: back.type, time: back.time, initiator: back.clientOrigin }, { profile: PROFILE });
      // Items and hints together: a hint (Sec-CH-UA-Mobile) joins its item's evidence when the body (not
      // re-checked here) carried a value of that item, and is a hint of its own when it did not.
      const fromHeadersAndUrl = (a: Annotation) =>
        [...a.items.flatMap((i) => i.evidence), ...a.hints.flatMap((h) => h.evidence)]
          .filter((e) => e.where === 'header' || e.where === 'url')
          .map((e) => `${e.signal} ${e.path} ${e.value}`)
          .sort();
      expect(fromHeadersAndUrl(again), name).toEqual(fromHeadersAndUrl(obs.annotation));
    }
  });

  it('is stable: a decoded record stores again to the same record', () => {
    for (const [, obs] of recorded(false).concat(recorded(true))) {
      const once = encodeObservation(obs);
      expect(encodeObservation(decodeObservation(once))).toEqual(once);
    }
  });

  it('keeps strings once per record and engine ids as codebook numbers', () => {
    const obs = observation({
      headers: [{ name: 'User-Agent', value: 'Mozilla/5.0 Chrome/156' }, { name: 'Origin', value: 'https://outlook.office.com' }],
      annotation: annotation({
        items: [{ item: 'language-settings', verdict: 'clear', clause: 'sci-items', evidence: [ev('sv-SE', 'body[0].a'), ev('sv-SE', 'body[1].a'), ev('sv-SE', 'body[2].a')] }],
      }),
    });
    const rec = encodeObservation(obs);
    expect(rec.x.filter((s) => s === 'sv-SE')).toHaveLength(1);
    // The client origin and the Origin header share one entry.
    expect(rec.x.filter((s) => s === 'https://outlook.office.com')).toHaveLength(1);
    expect(rec.x).not.toContain('language-settings');
    expect(rec.x).not.toContain('sci-items');
    expect(decodeObservation(rec).annotation).toEqual(obs.annotation);
  });

  it('stores a content fingerprint as kind, length and hash, and gives back the same text', () => {
    const value = '[feedback-content: 120 chars, sha256:9f86d081884c]';
    const obs = observation({ annotation: annotation({ findings: [{ kind: 'feedback-content', verdict: 'clear', clause: 'feedback-collects', evidence: [{ where: 'body', path: 'body.text', value, matchedBy: 'key' }] }] }) });
    const rec = encodeObservation(obs);
    expect(JSON.stringify(rec)).not.toContain('sha256:');
    expect(JSON.stringify(rec)).toContain('"9f86d081884c"');
    expect(decodeObservation(rec).annotation.findings[0]!.evidence[0]!.value).toBe(value);
    // Text that only looks like one (leading zero, other hash length) is kept as text.
    for (const odd of ['[feedback-content: 0120 chars, sha256:9f86d081884c]', '[feedback-content: 12 chars, sha256:9f86d081884]']) {
      const o = observation({ annotation: annotation({ items: [{ item: 'os-version', verdict: 'clear', clause: 'sci-items', evidence: [ev(odd)] }] }) });
      expect(decodeObservation(encodeObservation(o)).annotation).toEqual(o.annotation);
    }
  });

  it('keeps fields and keys it does not know as they are (a newer engine or observation)', () => {
    const odd = { where: 'body', path: 'body.x', value: 'v', matchedBy: 'key', confidence: 0.5 } as Evidence;
    const weird = { where: 'satellite', path: 'p', value: 'v', matchedBy: 'key' } as unknown as Evidence;
    const a = { ...annotation({ items: [{ item: 'os-version', verdict: 'clear', clause: 'sci-items', evidence: [odd, weird], note: 'n' } as never] }), engine: '2.0' } as Annotation;
    const obs = { ...observation({ annotation: a }), tag: { nested: [1, 2] } } as Observation;
    const back = decodeObservation(encodeObservation(obs));
    expect(back.annotation).toEqual(a);
    expect((back as unknown as { tag: unknown }).tag).toEqual({ nested: [1, 2] });
    // An annotation it cannot represent exactly is stored whole.
    const broken = { ...annotation(), items: 'nope' } as unknown as Annotation;
    expect(decodeObservation(encodeObservation(observation({ annotation: broken }))).annotation).toEqual(broken);
  });

  it('passes a plain observation (version 2, or an import) through unchanged', () => {
    const obs = { ...observation(), id: 9 };
    expect(isStoredObservation(obs)).toBe(false);
    expect(decodeObservation(obs)).toBe(obs);
    expect(urlOfRecord(obs)).toBe(obs.url);
    expect(urlOfRecord(encodeObservation(obs))).toBe(obs.url);
  });

  it('round-trips generated observations (fast-check)', () => {
    const text = fc.string({ maxLength: 40 });
    const codeOrText = fc.oneof(fc.constantFrom(...CODEBOOK), text);
    const evidence = fc.record(
      { where: fc.constantFrom('url', 'header', 'body', 'connection'), path: fc.oneof(codeOrText, text.map((s) => `body.${s}`)), value: codeOrText, matchedBy: fc.constantFrom('key', 'value', 'header'), signal: codeOrText },
      { requiredKeys: ['where', 'path', 'value', 'matchedBy'] },
    ) as fc.Arbitrary<Evidence>;
    const flow = { verdict: codeOrText, clause: codeOrText, evidence: fc.array(evidence, { maxLength: 4 }) };
    const anno = fc.record({
      policy: codeOrText,
      features: fc.array(codeOrText, { maxLength: 3 }),
      purposes: fc.array(codeOrText, { maxLength: 3 }),
      items: fc.array(fc.record({ item: codeOrText, ...flow }), { maxLength: 3 }),
      findings: fc.array(fc.record({ kind: codeOrText, ...flow }), { maxLength: 3 }),
      hints: fc.array(fc.record({ signal: codeOrText, evidence: fc.array(evidence, { maxLength: 2 }) }), { maxLength: 2 }),
      body: fc.record({ format: codeOrText, gzip: fc.boolean(), truncated: fc.boolean(), undecodable: fc.boolean(), size: fc.integer() }),
    }) as unknown as fc.Arbitrary<Annotation>;
    const header = fc.record({ name: fc.constantFrom('User-Agent', 'accept-language', 'Sec-CH-UA-Platform', 'Content-Type'), value: text });
    fc.assert(
      fc.property(anno, fc.array(header, { maxLength: 4 }), fc.option(fc.nat(), { nil: undefined }), text, (a, headers, recordingId, error) => {
        const obs = observation({ annotation: a, headers, error, ...(recordingId === undefined ? {} : { recordingId }) });
        // Raw evidence, so generated findings in headers leave the header values as generated.
        const rec = encodeObservation(obs, { rawEvidence: true });
        const back = decodeObservation(structuredClone(rec));
        expect(back.annotation).toEqual(a);
        expect(back.headers).toEqual(headers);
        expect(back.error).toBe(error);
        expect(back.recordingId).toBe(recordingId);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('what a stored record keeps of headers', () => {
  const sent: Header[] = [
    { name: 'User-Agent', value: 'Mozilla/5.0 Chrome/156' },
    { name: 'Accept', value: '*/*' },
    { name: 'Accept-Language', value: 'sv-SE' },
    { name: 'sec-ch-ua-platform', value: '"Linux"' },
    { name: 'Sec-CH-UA-Model', value: '"Pixel"' },
    { name: 'Content-Type', value: 'application/json' },
    { name: 'Content-Encoding', value: 'gzip' },
    { name: 'Origin', value: 'https://outlook.office.com' },
    { name: 'Referer', value: 'https://outlook.office.com/mail/search?q=private+words' },
    { name: 'Cookie', value: 'MUID=secret' },
    { name: 'X-Client-Locale', value: 'sv-SE' },
    { name: 'X-MS-Session-Id', value: '3f2a9c1e-5b7d-4e8a-9c0b-1d2e3f4a5b6c' },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
  ];

  it('keeps the headers that matter, Referer as its origin, credentials by name, and counts the rest', () => {
    const a = annotation({ items: [{ item: 'regional-settings', verdict: 'vague', clause: 'sci-items', evidence: [{ where: 'header', path: 'header:x-client-locale', value: 'sv-SE', matchedBy: 'value', signal: 'locale' }] }] });
    const { headers, omitted } = storedHeaders(sent, a, false);
    expect(headers).toEqual([
      { name: 'User-Agent', value: 'Mozilla/5.0 Chrome/156' },
      { name: 'Accept-Language', value: 'sv-SE' },
      { name: 'sec-ch-ua-platform', value: '"Linux"' },
      { name: 'Sec-CH-UA-Model', value: '"Pixel"' },
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Content-Encoding', value: 'gzip' },
      { name: 'Origin', value: 'https://outlook.office.com' },
      { name: 'Referer', value: 'https://outlook.office.com' },
      { name: 'Cookie', value: '[redacted]' },
      // Kept because the annotation found standard computer information in it.
      { name: 'X-Client-Locale', value: 'sv-SE' },
    ]);
    expect(omitted).toBe(3);
  });

  it('keeps a header holding an identifier as its masked preview, or as sent with raw evidence', () => {
    const a = annotation({ findings: [{ kind: 'session-id', verdict: 'omitted', clause: 'scope', evidence: [{ where: 'header', path: 'header:x-ms-session-id', value: '3f2a…(36)', matchedBy: 'value' }] }] });
    const session = (raw: boolean) => storedHeaders(sent, a, raw).headers.find((h) => h.name === 'X-MS-Session-Id')?.value;
    expect(session(false)).toBe('3f2a…(36)');
    expect(session(true)).toBe('3f2a9c1e-5b7d-4e8a-9c0b-1d2e3f4a5b6c');
  });

  it('caps a huge value at 2 KB, saying how long it was, once', () => {
    const huge = 'Mozilla/5.0 '.repeat(90_000);
    const [ua] = storedHeaders([{ name: 'User-Agent', value: huge }], undefined, false).headers;
    expect(ua!.value).toBe(`${huge.slice(0, MAX_STORED_CHARS)}…[cut, ${huge.length} chars]`);
    expect(storedHeaders([ua!], undefined, false).headers[0]!.value).toBe(ua!.value);
    const obs = observation({ headers: [{ name: 'User-Agent', value: huge }], url: `https://a.microsoft.com/?x=${'y'.repeat(1_000_000)}` });
    expect(json(encodeObservation(obs))).toBeLessThan(3 * MAX_STORED_CHARS + 1024);
  });
});

describe('what a stored record keeps of the URL', () => {
  const finding = (path: string, value: string) => annotation({ findings: [{ kind: 'help-query', verdict: 'clear', clause: 'help-collects', evidence: [{ where: 'url', path, value, matchedBy: 'key' }] }] });
  const PREVIEW = '[help-query: 9 chars, sha256:0123456789ab]';
  const ENCODED = encodeURIComponent(PREVIEW);

  it('replaces the value a finding points at with its preview, and nothing else', () => {
    const url = 'https://support.office.com/client/results?lcid=1053&query=turn+off+r&omkt=sv-SE#top';
    expect(storedUrl(url, finding('url:query.query', PREVIEW), false)).toBe(`https://support.office.com/client/results?lcid=1053&query=${ENCODED}&omkt=sv-SE#top`);
    expect(storedUrl(url, finding('url:query.query', PREVIEW), true)).toBe(url);
    expect(storedUrl(url, annotation(), false)).toBe(url);
    // Standard computer information in the query is what the record is about: it stays.
    const item = annotation({ items: [{ item: 'language-settings', verdict: 'clear', clause: 'sci-items', evidence: [{ where: 'url', path: 'url:query.lcid', value: '1053', matchedBy: 'key' }] }] });
    expect(storedUrl(url, item, false)).toBe(url);
  });

  it('keeps a value that already is a redacted preview, as in a re-imported export', () => {
    const exported = `https://support.office.com/client/results?lcid=1053&query=${ENCODED}&uid=a9f3%E2%80%A6(36)`;
    const again = annotation({
      findings: [
        { kind: 'help-query', verdict: 'clear', clause: 'help-collects', evidence: [{ where: 'url', path: 'url:query.query', value: '[help-query: 42 chars, sha256:ffffffffffff]', matchedBy: 'key' }] },
        { kind: 'user-id', verdict: 'omitted', clause: 'sci-items', evidence: [{ where: 'url', path: 'url:query.uid', value: 'a9…(9)', matchedBy: 'key' }] },
      ],
    });
    expect(storedUrl(exported, again, false)).toBe(exported);
  });

  it('finds the parameter by its decoded name and occurrence, as detection names it', () => {
    const url = 'https://a.microsoft.com/p?q=one&q=two&a.b=three&%C3%A5=four&&q=five';
    expect(storedUrl(url, finding('url:query.q[1]', PREVIEW), false)).toBe(`https://a.microsoft.com/p?q=one&q=${ENCODED}&a.b=three&%C3%A5=four&&q=five`);
    expect(storedUrl(url, finding('url:query.q[2]', PREVIEW), false)).toBe(`https://a.microsoft.com/p?q=one&q=two&a.b=three&%C3%A5=four&&q=${ENCODED}`);
    expect(storedUrl(url, finding('url:query["a.b"]', PREVIEW), false)).toBe(`https://a.microsoft.com/p?q=one&q=two&a.b=${ENCODED}&%C3%A5=four&&q=five`);
    expect(storedUrl(url, finding('url:query["å"]', PREVIEW), false)).toBe(`https://a.microsoft.com/p?q=one&q=two&a.b=three&%C3%A5=${ENCODED}&&q=five`);
    // Content found inside a parameter (decoded from base64) hides the whole parameter.
    expect(storedUrl(url, finding('url:query.q~base64', PREVIEW), false)).toBe(`https://a.microsoft.com/p?q=${ENCODED}&q=two&a.b=three&%C3%A5=four&&q=five`);
  });

  it('reads evidence paths of query parameters', () => {
    expect(queryParamOf('url:query.lcid')).toEqual({ name: 'lcid', occurrence: 0 });
    expect(queryParamOf('url:query.q[3]')).toEqual({ name: 'q', occurrence: 3 });
    expect(queryParamOf('url:query["a\\"]b"][1].x')).toEqual({ name: 'a"]b', occurrence: 1 });
    expect(queryParamOf('url:path')).toBeUndefined();
    expect(queryParamOf('body.query')).toBeUndefined();
    expect(queryParamOf('url:query["broken')).toBeUndefined();
  });

  it('finds the help search of the recorded support request and stores its preview', () => {
    const help = RECORDED.find(([name]) => name.includes('support-results'));
    expect(help).toBeDefined();
    const [, obs] = help!;
    const sentQuery = new URL(obs.url).searchParams.get('query')!;
    expect(sentQuery.length).toBeGreaterThan(3);
    const stored = new URL(decodeObservation(encodeObservation(obs)).url).searchParams;
    expect(stored.get('query')).toMatch(new RegExp(`^\\[help-query: ${sentQuery.length} chars, sha256:[0-9a-f]{12}\\]$`));
    expect(stored.get('lcid')).toBe(new URL(obs.url).searchParams.get('lcid'));
  });
});

describe('codebook', () => {
  it('is append-only: its first entries never move', () => {
    expect(CODEBOOK.slice(0, 6)).toEqual(['standard-computer-information', 'error-reporting', 'push-notifications', 'online-feedback', 'online-help', 'third-party']);
    expect(CODEBOOK[12]).toBe('clear');
    expect(codeOf('lync-2012')).toBe(42);
  });

  it('has each string once', () => expect(new Set(CODEBOOK).size).toBe(CODEBOOK.length));
});
