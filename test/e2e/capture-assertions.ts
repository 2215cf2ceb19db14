/**
 * What a recording of the demo client must show in any browser: the same assertions for the Chromium and the
 * Firefox capture tests, so the two browsers are held to one standard.
 */
import { expect } from 'vitest';
import type { Observation } from '../../lib/model';

export function expectAttributedToClient(observations: Observation[], origin: string, tabId: number): void {
  expect(observations.length).toBeGreaterThan(0);
  for (const o of observations) {
    expect(o.clientOrigin).toBe(origin);
    expect(o.tabId).toBe(tabId);
  }
}

export function expectSdkBatchDecoded(observations: Observation[]): void {
  const oneDs = observations.filter((o) => o.url.includes('/OneCollector/') && o.method === 'POST');
  expect(oneDs.length).toBeGreaterThanOrEqual(3);
  const sdkBatch = oneDs.find((o) => !o.url.includes('content-encoding=gzip') && o.type !== 'beacon');
  expect(sdkBatch?.annotation.body.format).toBe('ndjson');
  // Stored with who received it: the 1DS collector is Microsoft's.
  expect(sdkBatch?.annotation.destination).toBe('microsoft');
  // The SDK's ext.os block is found in the body. On Linux it names the OS without a version (the User-Agent
  // has none), so it is the os-name hint; only a version would make it the os-version item.
  const osEvidence = [
    ...(sdkBatch?.annotation.items.find((i) => i.item === 'os-version')?.evidence ?? []),
    ...(sdkBatch?.annotation.hints ?? []).filter((h) => h.signal === 'os-name').flatMap((h) => h.evidence),
  ];
  expect(osEvidence.some((e) => e.where === 'body' && /^body\[\d+\]\.ext\.os\./.test(e.path))).toBe(true);
  const osItem = sdkBatch?.annotation.items.find((i) => i.item === 'os-version');
  if (osItem) expect(osItem.evidence.some((e) => e.signal === 'os-version')).toBe(true);
}

/** The gzip upload inflated; CORS preflights to the same URL (shown by Firefox, and by Chromium with extraHeaders) carry no body. */
export function expectGzipInflated(observations: Observation[]): Observation | undefined {
  const gz = observations.find((o) => o.method === 'POST' && o.url.includes('content-encoding=gzip'));
  expect(gz?.annotation.body.gzip).toBe(true);
  expect(gz?.annotation.body.undecodable).toBe(false);
  return gz;
}
