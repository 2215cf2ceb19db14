import { describe, expect, it } from 'vitest';
import { bodyFrom } from '../../../../lib/capture/normalize';
import { decodeBody } from '../../../../lib/decode/index';
import { detect } from '../../../../lib/detect/index';
import { detailsOf, loadRecordedRequests, type RecordingBrowser } from '../../../fixtures/requests/recorded';

// Requests recorded from the demo client's real 1DS / Application Insights SDKs in real browsers.
describe.each<RecordingBrowser>(['chromium', 'firefox'])('recorded %s requests', (browser) => {
  const recorded = loadRecordedRequests(browser).filter((r) => r.onBeforeRequest?.requestBody);

  it('decodes every recorded body', () => {
    expect(recorded.length).toBeGreaterThan(0);
    for (const r of recorded) {
      const d = decodeBody(bodyFrom(r.onBeforeRequest!.requestBody));
      // Chrome hands sendBeacon bodies over as `requestBody.error` ("Unknown error.") instead of bytes: a body
      // was sent that could not be read, so it is undecodable; every other recorded body decodes.
      if (d.format === 'none') expect([d.reason, d.undecodable], r.file).toEqual(['body-error', true]);
      else {
        expect(d.undecodable, r.file).toBe(false);
        expect(['json', 'ndjson', 'form', 'urlencoded', 'text'], r.file).toContain(d.format);
      }
    }
  });

  it('finds Common Schema fields in the 1DS batches, also when gzipped', () => {
    const batches = recorded.filter((r) => /browser-1\.0(-gzip)?\.json$/.test(r.file));
    expect(batches.some((r) => decodeBody(bodyFrom(r.onBeforeRequest!.requestBody)).gzip)).toBe(true);
    expect(batches.length).toBeGreaterThan(0);
    for (const r of batches) {
      const details = detailsOf(r);
      const body = bodyFrom(r.onBeforeRequest!.requestBody);
      const decoded = decodeBody(body);
      const det = detect({ url: details.url, method: details.method, headers: [], ...(body ? { body } : {}), type: 'fetch', time: 0 }, decoded);
      // A one-event batch is a single JSON document when no MIME type travels with the bytes.
      expect(['ndjson', 'json'], r.file).toContain(decoded.format);
      const found = new Set(det.signals.filter((e) => e.matchedBy === 'key').map((e) => e.signal));
      for (const s of ['os-name', 'browser-name', 'browser-version', 'language']) expect(found, `${r.file} ${s}`).toContain(s);
      expect(det.events.total, r.file).toBeGreaterThan(0);
    }
  });
});
