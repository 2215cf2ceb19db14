/**
 * For every recorded request (Chromium, Firefox) and every hand-made payload: the redacted body kept with an
 * observation, written into a HAR export and read back, classifies exactly as the request did, and holds none
 * of the content or identifiers the engine found.
 */
import { describe, expect, it } from 'vitest';
import { classify, classifyKeepingBody } from '../../../../lib/classify/index';
import { buildHar } from '../../../../lib/export/har';
import { readHar } from '../../../../lib/har/read';
import type { Annotation, BrowserProfile, Observation } from '../../../../lib/model';
import { context } from '../export/helpers';
import { payloadCases, recordedCases, ucwaConversationCases, type Case } from './cases';

const CASES: Case[] = [...recordedCases('chromium'), ...recordedCases('firefox'), ...payloadCases(), ...ucwaConversationCases()];

/** What "the same annotation" compares: features, items and findings with their verdicts, purposes. */
function shape(a: Annotation) {
  return {
    features: a.features,
    items: a.items.map((x) => [x.item, x.verdict]),
    findings: a.findings.map((x) => [x.kind, x.verdict]),
    purposes: a.purposes,
  };
}

/** The observation a recording stores, exported as HAR (redacted) and read back as `telltale check` reads it. */
function throughHar(c: Case, profile: BrowserProfile | undefined) {
  const { annotation, body } = classifyKeepingBody(c.request, { profile }, 'redacted');
  const obs: Observation = {
    requestId: c.name,
    time: c.request.time,
    tabId: 1,
    frameId: 0,
    clientOrigin: 'https://outlook.office.com',
    url: c.request.url,
    method: c.request.method,
    type: c.request.type,
    status: 200,
    requestSize: -1,
    headers: c.request.headers,
    recordingId: 1,
    annotation,
    ...(body ? { body } : {}),
  };
  const har = buildHar([obs], context());
  const [again] = readHar(JSON.stringify(har));
  return { annotation, body, entry: har.log.entries[0]!, again: again! };
}

describe('redacted bodies of recorded and hand-made requests', () => {
  const withBody = CASES.filter((c) => classifyKeepingBody(c.request, {}, 'redacted').body);

  it('the corpus has bodies, and bodies with content and identifiers in them', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(39);
    expect(withBody.length).toBeGreaterThanOrEqual(20);
    const bodyFindings = withBody.filter((c) => classify(c.request).findings.some((f) => f.evidence.some((e) => e.where === 'body')));
    expect(bodyFindings.length).toBeGreaterThanOrEqual(12);
  });

  describe.each([
    ['with the browser profile', true],
    ['without a profile (as telltale check runs)', false],
  ])('%s', (_label, withProfile) => {
    it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const profile = withProfile ? c.profile : undefined;
      const { annotation, body, entry, again } = throughHar(c, profile);
      // Keeping a body changes nothing in the annotation.
      expect(annotation).toEqual(classify(c.request, { profile }));
      if (!body) {
        expect(entry.request.postData).toBeUndefined();
        return;
      }
      expect(entry.request.postData?.text).toBe(body.text);
      expect(entry._telltale.body).toEqual({ redacted: true, truncated: false, ...(body.gzip ? { gzip: true } : {}) });
      expect(shape(classify(again, { profile }))).toEqual(shape(annotation));
    });
  });

  it.each(withBody.map((c) => [c.name, c] as const))('%s: no content or identifier found in the body is left in it', (_name, c) => {
    const { body } = classifyKeepingBody(c.request, { profile: c.profile }, 'redacted');
    const raw = classify(c.request, { profile: c.profile, raw: true });
    const text = body!.text;
    for (const f of raw.findings) {
      for (const e of f.evidence) {
        // Values cut by the evidence cap end in "…"; short values ("5", "browser") occur anywhere by chance.
        if (e.where !== 'body' || e.value.endsWith('…') || e.value.length < 8) continue;
        expect(text, `${f.kind} ${e.path}`).not.toContain(e.value);
        expect(text, `${f.kind} ${e.path}`).not.toContain(JSON.stringify(e.value).slice(1, -1));
      }
    }
  });

  it('standard computer information stays as sent', () => {
    const batch = withBody.find((c) => c.name === 'payloads/1ds-teams-batch.ndjson')!;
    const text = classifyKeepingBody(batch.request, {}, 'redacted').body!.text;
    for (const value of ['"ver":"10"', '"browserVer":"124.0.2478.51"', '"screenRes":"1920x1080"', '"UserInfo.TimeZone":"Europe/Stockholm"']) {
      expect(text).toContain(value);
    }
    expect(text).not.toContain('u:8e7d6c5b-4a39-4281-9706-f5e4d3c2b1a0');
    expect(text).toContain('"localId":"u:8e…(38)"');
  });
});
