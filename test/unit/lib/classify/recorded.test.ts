/**
 * Expected annotations for the webRequest details recorded from the real 1DS and Application Insights SDKs
 * in Chromium and Firefox (test/fixtures/requests), merged as the background merges them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PhaseMerger } from '../../../../lib/capture/merger';
import { classify } from '../../../../lib/classify/index';

const ROOT = join(__dirname, '../../../fixtures/requests');

function revive(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && 'base64' in value && Object.keys(value).length === 1) {
    return Uint8Array.from(Buffer.from((value as { base64: string }).base64, 'base64')).buffer;
  }
  return value;
}

/** Expected features and content findings by the fixture's name (without its number and browser). */
const EXPECTED: Array<[RegExp, { features: string[]; findings?: string[] }]> = [
  [/browser-1\.0-preflight/, { features: ['standard-computer-information'] }],
  [/browser-1\.0-gzip/, { features: ['standard-computer-information'] }],
  [/support-results/, { features: ['online-help'], findings: ['help-query'] }],
  [/officeclient-config16/, { features: ['online-help'] }],
  [/sas-feedback-preflight/, { features: ['online-feedback'] }],
  [/sas-feedback/, { features: ['online-feedback'], findings: ['feedback-content'] }],
  [/dc-track-preflight/, { features: ['standard-computer-information'] }],
  [/applications-preflight|registrations-preflight/, { features: ['push-notifications'] }],
  [/webpoolsv1-applications/, { features: ['push-notifications'], findings: ['device-id'] }],
  [/teams-registrations/, { features: ['push-notifications'] }],
];

function load(browser: string) {
  const dir = join(ROOT, browser);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => {
      const f = JSON.parse(readFileSync(join(dir, file), 'utf8'), revive);
      const m = new PhaseMerger();
      m.onBeforeRequest(f.onBeforeRequest);
      m.onSendHeaders(f.onSendHeaders);
      const rec = f.onCompleted ? m.onCompleted(f.onCompleted) : m.onError(f.onErrorOccurred);
      return [file, rec!.request] as const;
    });
}

for (const browser of ['chromium', 'firefox']) {
  const cases = load(browser);
  describe.skipIf(cases.length === 0)(`recorded ${browser} requests`, () => {
    it.each(cases)('%s', (file, request) => {
      const a = classify(request);
      const expected = EXPECTED.find(([re]) => re.test(file))?.[1];
      if (expected) {
        expect(a.features).toEqual(expected.features);
        for (const kind of expected.findings ?? []) expect(a.findings.map((f) => f.kind)).toContain(kind);
      }
      // Every request shows at least the IP address, and the browser's User-Agent gives the browser version away.
      // The recordings ran on Linux, whose User-Agent (`X11; Linux x86_64`) and `sec-ch-ua-platform: "Linux"`
      // name the OS without a version: a hint, never the os-version item.
      expect(a.items.map((i) => i.item)).toEqual(expect.arrayContaining(['ip-address', 'browser-version']));
      expect(a.items.map((i) => i.item)).not.toContain('os-version');
      expect(a.hints.map((h) => h.signal)).toContain('os-name');
      for (const hint of a.hints) expect(hint.evidence.length).toBeGreaterThan(0);
      for (const flow of [...a.items, ...a.findings]) expect(flow.evidence.length).toBeGreaterThan(0);
    });

    it('Application Insights exception batches are error reports, page views are not', () => {
      const track = cases.filter(([f]) => /dc-track\.json$/.test(f)).map(([, r]) => classify(r));
      expect(track.map((a) => a.features[0]).sort()).toEqual(['error-reporting', 'standard-computer-information']);
      const errors = track.find((a) => a.features.includes('error-reporting'))!;
      expect(errors.findings.find((f) => f.kind === 'error-report')?.verdict).toBe('clear');
    });

    it('the 1DS collector: telemetry, with error reporting where the batch carries exceptions', () => {
      for (const [file, r] of cases.filter(([f]) => /browser-1\.0(-beacon)?\.json$/.test(f))) {
        const a = classify(r);
        expect(a.features[0], file).toBe('standard-computer-information');
        expect(a.features.includes('error-reporting'), file).toBe(a.findings.some((f) => f.kind === 'error-report'));
      }
    });
  });
}
