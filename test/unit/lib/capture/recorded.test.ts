/**
 * Replays the recorded webRequest details in test/fixtures/requests (captured from real Chromium and
 * Firefox running the demo client) through the merger, as the background does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PhaseMerger } from '../../../../lib/capture/merger';

const ROOT = join(__dirname, '../../../fixtures/requests');

/** Fixtures store ArrayBuffers as {base64}; turn them back into bytes. */
function revive(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && 'base64' in value && Object.keys(value).length === 1) {
    return Uint8Array.from(Buffer.from((value as { base64: string }).base64, 'base64')).buffer;
  }
  return value;
}

function fixtures(browser: string): [string, Record<string, any>][] {
  const dir = join(ROOT, browser);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'), revive)]);
}

for (const browser of ['chromium', 'firefox']) {
  const cases = fixtures(browser);
  describe.skipIf(cases.length === 0)(`recorded ${browser} requests`, () => {
    it.each(cases)('%s merges into one complete record from the client origin', (_name, f) => {
      const m = new PhaseMerger();
      expect(m.onBeforeRequest(f.onBeforeRequest)).toBeUndefined();
      m.onSendHeaders(f.onSendHeaders);
      const rec = f.onCompleted ? m.onCompleted(f.onCompleted) : m.onError(f.onErrorOccurred);
      expect(rec).toBeDefined();
      expect(m.size).toBe(0);
      expect(rec!.clientOrigin).toMatch(/^https:\/\/outlook\.office\.com(:\d+)?$/);
      expect(rec!.incomplete).toBeUndefined();
      expect(rec!.request.url).toBe(f.onBeforeRequest.url);
      expect(rec!.request.headers.length).toBe(f.onSendHeaders.requestHeaders.length);
      if (f.onBeforeRequest.type === 'ping' || f.onBeforeRequest.type === 'beacon') {
        expect(rec!.request.type).toBe('beacon');
      }
      const raw = f.onBeforeRequest.requestBody?.raw as { bytes?: ArrayBuffer }[] | undefined;
      const expectedSize = raw?.reduce((n, p) => n + (p.bytes?.byteLength ?? 0), 0);
      if (expectedSize) expect(rec!.requestSize).toBe(expectedSize);
      if (f.onCompleted) expect(rec!.status).toBe(f.onCompleted.statusCode);
    });
  });
}
