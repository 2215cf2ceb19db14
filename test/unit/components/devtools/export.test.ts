import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { tabHar } from '../../../../components/devtools/export';
import { classify } from '../../../../lib/classify/index';
import { verifyExport } from '../../../../lib/export';
import { POLICY_TEXT, REQUESTS, TAB, USER_ID, observe, policy, tabObservations } from './fixtures';

const require = createRequire(import.meta.url);
const harValidator = require('har-validator') as { har: (data: unknown) => Promise<unknown> };

const facts = (rawRecordingIds: number[] = []) => ({
  tabId: TAB,
  policyId: policy.id,
  policyText: POLICY_TEXT,
  extensionVersion: '0.1.0',
  browser: 'Chrome/156',
  rawRecordingIds: new Set(rawRecordingIds),
  now: Date.UTC(2024, 4, 14, 12),
});

describe('panel HAR export', () => {
  it('writes the tab requests oldest first as a HAR 1.2 file that validates and verifies', async () => {
    const list = tabObservations();
    const file = tabHar(list, facts());
    const doc = JSON.parse(file.text);
    expect(file.name).toBe(`Telltale-tab-${TAB}.har`);
    expect(file.count).toBe(4);
    expect(doc.log.entries.map((e: { request: { url: string } }) => e.request.url)).toEqual(
      [...list].sort((a, b) => a.time - b.time).map((o) => o.url),
    );
    expect(doc.log._telltale.manifest.source).toMatchObject({ kind: 'log', title: `Telltale tab ${TAB}` });
    await expect(harValidator.har(doc)).resolves.toBeTruthy();
    expect(verifyExport(file.text)).toMatchObject({ status: 'valid' });
  });

  it('redacts annotations from a raw-evidence recording and leaves stored (redacted) ones alone', () => {
    const rawAnnotation = classify(REQUESTS.oneDs, { policy, raw: true });
    const fromRaw = observe(REQUESTS.oneDs, { recordingId: 9, annotation: rawAnnotation });
    const plain = observe(REQUESTS.oneDs, { time: REQUESTS.oneDs.time + 5 });
    expect(JSON.stringify(rawAnnotation)).toContain(USER_ID);

    const doc = JSON.parse(tabHar([fromRaw, plain], facts([9])).text);
    const idValues = (i: number) =>
      doc.log.entries[i]._telltale.annotation.findings.find((f: { kind: string }) => f.kind === 'user-id').evidence.map((e: { value: string }) => e.value);
    expect(doc.log._telltale.manifest.redacted).toBe(true);
    expect(JSON.stringify(doc)).not.toContain(USER_ID);
    // Both end up with the engine's mask, so the raw one was masked exactly once.
    expect(idValues(0)).toEqual(idValues(1));
  });

  it('keeps a raw annotation untouched only when its recording is not a raw one (nothing to redact then)', () => {
    const stored = observe(REQUESTS.oneDs, { recordingId: 3 });
    const doc = JSON.parse(tabHar([stored], facts([9])).text);
    expect(doc.log.entries[0]._telltale.annotation).toEqual(stored.annotation);
  });
});
