/**
 * Real Firefox webRequest details (recorded from the demo client, see test/fixtures/requests/firefox/README.md)
 * through the capture edge and the engine, side by side with the same requests recorded in Chromium: the
 * differences stay at the edge, and the annotations come out as they do for Chrome.
 */
import { describe, expect, it } from 'vitest';
import { PhaseMerger } from '../../../../lib/capture/merger';
import type { CapturedRequest } from '../../../../lib/capture/captured';
import { classify } from '../../../../lib/classify/index';
import type { Annotation } from '../../../../lib/model';
import { detailsOf, loadRecordedRequests, type RecordedRequest } from '../../../fixtures/requests/recorded';

const firefox = loadRecordedRequests('firefox');
const chromium = loadRecordedRequests('chromium');
const CLIENT_ORIGIN = 'https://outlook.office.com:48443';

/** Replays one recorded request's events, in the order the browser fired them, through a fresh merger. */
function capture(r: RecordedRequest): CapturedRequest {
  const merger = new PhaseMerger();
  const out: Array<CapturedRequest | undefined> = [];
  if (r.onBeforeRequest) out.push(merger.onBeforeRequest(r.onBeforeRequest));
  if (r.onSendHeaders) merger.onSendHeaders(r.onSendHeaders);
  if (r.onCompleted) out.push(merger.onCompleted(r.onCompleted));
  if (r.onErrorOccurred) out.push(merger.onError(r.onErrorOccurred));
  const done = out.filter((c): c is CapturedRequest => c !== undefined);
  expect(done, r.file).toHaveLength(1);
  return done[0]!;
}

const key = (r: RecordedRequest) => `${detailsOf(r).method} ${detailsOf(r).url}`;
const items = (a: Annotation) => a.items.map((i) => i.item).sort();
const header = (c: CapturedRequest, name: string) => c.request.headers.find((h) => h.name.toLowerCase() === name)?.value;

describe('recorded Firefox requests', () => {
  it('were recorded from Firefox, and the same requests from Chromium', () => {
    expect(firefox.length).toBeGreaterThanOrEqual(10);
    expect(new Set(firefox.map((r) => r.browser))).toEqual(new Set(['firefox']));
    const posts = (rs: RecordedRequest[]) => new Set(rs.filter((r) => detailsOf(r).method !== 'OPTIONS').map(key));
    expect(posts(firefox)).toEqual(posts(chromium));
  });

  it('name the requesting page with originUrl / documentUrl, never initiator', () => {
    for (const r of firefox) {
      const d = detailsOf(r);
      expect(d.initiator, r.file).toBeUndefined();
      expect(d.originUrl, r.file).toBeDefined();
    }
  });

  it('are attributed to the client tab and origin, as in Chromium', () => {
    for (const r of firefox) {
      const c = capture(r);
      expect(c.clientOrigin, r.file).toBe(CLIENT_ORIGIN);
      expect(c.tabId, r.file).toBe(detailsOf(r).tabId);
    }
  });

  it('turn Firefox `beacon` and Chromium `ping` into the same type', () => {
    const beaconOf = (rs: RecordedRequest[]) => rs.filter((r) => ['beacon', 'ping'].includes(detailsOf(r).type));
    const ff = beaconOf(firefox)[0]!;
    const cr = beaconOf(chromium)[0]!;
    expect(detailsOf(ff).type).toBe('beacon');
    expect(detailsOf(cr).type).toBe('ping');
    expect(capture(ff).request.type).toBe('beacon');
    expect(capture(cr).request.type).toBe('beacon');
  });

  it('keep a beacon that Firefox reports as an error once sent, with its body', () => {
    const ff = firefox.find((r) => detailsOf(r).type === 'beacon')!;
    expect(ff.onErrorOccurred).toBeDefined();
    const c = capture(ff);
    expect(c.error).toBe(ff.onErrorOccurred!.error);
    expect(c.incomplete ?? []).not.toContain('body');
    expect(classify(c.request).body.undecodable).toBe(false);
  });

  it('carry the sendBeacon body that Chromium withholds', () => {
    const ff = firefox.find((r) => detailsOf(r).type === 'beacon')!;
    const cr = chromium.find((r) => detailsOf(r).type === 'ping')!;
    expect(cr.onBeforeRequest?.requestBody?.raw).toBeUndefined();
    expect(cr.onBeforeRequest?.requestBody?.error).toBeTruthy();
    const a = classify(capture(ff).request);
    expect(a.body.format).toBe('json');
    expect(items(a)).toEqual(expect.arrayContaining(['browser-version', 'language-settings']));
    // Firefox on Linux names its OS without a version (`X11; Linux x86_64`): a hint, not os-version.
    expect(items(a)).not.toContain('os-version');
    expect(a.hints.map((h) => h.signal)).toContain('os-name');
  });

  it('carry User-Agent and Accept-Language without extraHeaders, and no Sec-CH-UA', () => {
    for (const r of firefox.filter((x) => x.onSendHeaders)) {
      const c = capture(r);
      expect(header(c, 'user-agent'), r.file).toMatch(/Firefox\//);
      expect(header(c, 'accept-language'), r.file).toMatch(/^sv-SE/);
      expect(c.request.headers.some((h) => /^sec-ch-ua/i.test(h.name)), r.file).toBe(false);
    }
    // The Chromium recordings of the same requests do carry Client Hints over HTTPS.
    const crPost = chromium.find((r) => detailsOf(r).method === 'POST')!;
    expect(capture(crPost).request.headers.some((h) => h.name.toLowerCase() === 'sec-ch-ua')).toBe(true);
  });

  it('decode to the same standard computer information as in Chromium, request by request', () => {
    // Requests to the same URL (two Application Insights batches) are paired in the order they were sent.
    const numbered = (rs: RecordedRequest[]) => {
      const seen = new Map<string, number>();
      return rs.map((r) => {
        const n = (seen.get(key(r)) ?? 0) + 1;
        seen.set(key(r), n);
        return [`${key(r)} #${n}`, r] as const;
      });
    };
    const byKey = new Map(numbered(chromium));
    let compared = 0;
    for (const [k, ff] of numbered(firefox)) {
      const cr = byKey.get(k);
      if (!cr || detailsOf(ff).method !== 'POST') continue;
      // Chromium hands over no bytes for a sendBeacon Blob (requestBody.error); Firefox does. Compared below.
      if (cr.onBeforeRequest?.requestBody?.error) continue;
      const a = classify(capture(ff).request);
      const b = classify(capture(cr).request);
      expect(a.features, ff.file).toEqual(b.features);
      expect(a.body.format, ff.file).toBe(b.body.format);
      expect(a.body.gzip, ff.file).toBe(b.body.gzip);
      // Chromium's Client Hints can add items; everything found in Firefox is found in Chromium too.
      expect(items(b), ff.file).toEqual(expect.arrayContaining(items(a)));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(7);
  });

  it('find browser version and language, and the OS only as a hint, in the real 1DS NDJSON and gzip bodies', () => {
    const oneDs = firefox.filter((r) => detailsOf(r).url.includes('/OneCollector/') && detailsOf(r).method === 'POST');
    expect(oneDs.length).toBeGreaterThanOrEqual(3);
    for (const r of oneDs) {
      const a = classify(capture(r).request);
      expect(a.body.undecodable, r.file).toBe(false);
      expect(items(a), r.file).toEqual(expect.arrayContaining(['browser-version', 'language-settings']));
      expect(items(a), r.file).not.toContain('os-version');
      expect(a.hints.map((h) => h.signal), r.file).toContain('os-name');
    }
    const gz = oneDs.find((r) => detailsOf(r).url.includes('content-encoding=gzip'))!;
    expect(classify(capture(gz).request).body.gzip).toBe(true);
  });
});
