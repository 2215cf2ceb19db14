/**
 * The report end to end in real headless Chromium: record the demo client in a named recording, export HAR /
 * JSON / CSV from the report page (real downloads), verify them with the CLI, re-import the HAR through the
 * page, check it with `telltale check --json`, and tamper with one byte.
 *
 * The recording keeps each request's body redacted (content and identifiers replaced by fingerprints and
 * masks) and the HAR export carries it as postData, so the re-import and `telltale check` annotate every
 * entry exactly as it was recorded, without the content itself ever having been stored.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation, Recording } from '../../lib/model';
// @ts-expect-error plain ESM helpers shared with npm start
import { startDemoServer } from '../demo/server.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { launchChromium, readExtensionStore, runDemoClient, tabIdOf, waitFor, messageFrom as message } from './harness.mjs';
import { VERDICTS } from '../../lib/policy/types';

const CLI = path.resolve('dist/cli.mjs');
const SCREENSHOTS = path.resolve('.output/screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'telltale-report-e2e-'));

let server: any;
let browser: any;
let report: any;
let recording: Recording;
let recorded: Observation[];
let harPath: string;
let har: any;
let clientTab: number;

/** Clicks an export button in the report page and saves the real download. */
async function exportFrom(page: any, label: RegExp, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
  const file = path.join(dir, name);
  await download.saveAs(file);
  return file;
}

function cli(args: string[]) {
  return spawnSync('node', [CLI, ...args], { encoding: 'utf8' });
}

beforeAll(async () => {
  execFileSync('node', ['test/scripts/build-node.mjs']);
  server = await startDemoServer();
  browser = await launchChromium({ locale: 'en-US' });
  report = await browser.context.newPage();
  await report.goto(browser.extensionUrl('report.html?lang=en'));
  recording = await message(report, 'recording/start', { title: 'Demo client audit' });
  clientTab = await tabIdOf(browser.context, await runDemoClient(browser.context, server.url()));
  const sent = server.received.filter((r: any) => r.method !== 'OPTIONS' && r.host !== 'outlook.office.com');
  recorded = (
    await waitFor(
      () => readExtensionStore(browser.context, browser.extensionId, 'observations'),
      (rows: Observation[]) => rows.filter((o) => o.recordingId === recording.id).length >= sent.length,
    )
  ).filter((o: Observation) => o.recordingId === recording.id);
  await message(report, 'recording/stop');
  await report.goto(browser.extensionUrl(`report.html?lang=en&recording=${recording.id}`));
  await report.getByRole('button', { name: /Export HAR/ }).waitFor();
  await report.locator('.tt-vrow').first().waitFor();
  harPath = await exportFrom(report, /Export HAR/, 'recording.har');
  har = JSON.parse(readFileSync(harPath, 'utf8'));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('report page in real Chromium', () => {
  it('lists every recorded request of the recording in the table', async () => {
    expect(recorded.length).toBeGreaterThanOrEqual(8);
    const title = await report.locator('#tt-requests-title').textContent();
    expect(title).toContain(`${recorded.length} of ${recorded.length}`);
    await report.locator('.tt-vrow').first().click();
    expect(await report.locator('.tt-reqline').textContent()).toMatch(/https:\/\//);
    expect(await report.locator('[data-node]').count()).toBeGreaterThan(2);
  });

  it('reads the hidden headers while the recording runs: its feedback POST has its Accept-Language', () => {
    // Without a recording (and with the setting off) Chromium does not show Telltale this header (capture e2e).
    const feedback = recorded.find((o) => o.method === 'POST' && new URL(o.url).hostname === 'sas.office.microsoft.com')!;
    expect(feedback.headers.find((h) => h.name.toLowerCase() === 'accept-language')?.value).toMatch(/^en/);
    expect(feedback.annotation.unseen).toBeUndefined();
  });

  it('exports a HAR with every recorded request and its annotation', () => {
    expect(har.log.entries).toHaveLength(recorded.length);
    expect(har.log._telltale.manifest.entryCount).toBe(recorded.length);
    const byRequest = new Map(recorded.map((o) => [o.requestId, o]));
    for (const e of har.log.entries) expect(e._telltale.annotation).toEqual(byRequest.get(e._telltale.requestId)!.annotation);
  });

  it('the HAR, JSON and CSV exports verify with the CLI (exit 0)', async () => {
    const jsonPath = await exportFrom(report, /Export JSON/, 'recording.json');
    const csvPath = await exportFrom(report, /Export CSV/, 'recording.csv');
    for (const file of [harPath, jsonPath, csvPath]) {
      const r = cli(['verify', file]);
      expect(r.status, r.stderr).toBe(0);
    }
  });

  it('one changed byte makes verify fail with exit 1 and name the entry', () => {
    const text = readFileSync(harPath, 'utf8');
    const at = text.indexOf('"url": "https://') + '"url": "https://'.length;
    const bytes = Buffer.from(text, 'utf8');
    const pos = Buffer.byteLength(text.slice(0, at), 'utf8');
    bytes[pos] = bytes[pos] === 0x78 ? 0x79 : 0x78;
    const tampered = path.join(dir, 'tampered.har');
    writeFileSync(tampered, bytes);
    const r = cli(['verify', tampered]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/entry 0 was changed/);
  });

  describe('re-import and telltale check', () => {
    let imported: Observation[];
    let checked: any;

    beforeAll(async () => {
      await report.locator('input[type="file"]').setInputFiles(harPath);
      await report.getByText(/Imported recording\.har/).waitFor({ timeout: 30_000 });
      const recordings: Recording[] = await readExtensionStore(browser.context, browser.extensionId, 'recordings');
      const rec = recordings.find((r) => r.title === 'recording.har')!;
      imported = (await readExtensionStore(browser.context, browser.extensionId, 'observations'))
        .filter((o: Observation) => o.recordingId === rec.id)
        .sort((a: Observation, b: Observation) => Number(a.requestId.split('#')[1]) - Number(b.requestId.split('#')[1]));
      const r = cli(['check', harPath, '--json']);
      expect(r.status, r.stderr).toBe(0);
      checked = JSON.parse(r.stdout);
    });

    /** features / items / findings with verdicts / purposes: what "the same annotation" compares. */
    const shape = (a: {
      features: string[];
      items: { item: string; verdict: string }[];
      findings: { kind: string; verdict: string }[];
      purposes: string[];
    }) => ({
      features: a.features,
      items: a.items.map((x) => [x.item, x.verdict]),
      findings: a.findings.map((x) => [x.kind, x.verdict]),
      purposes: a.purposes,
    });
    const recordedFor = (entry: any) => recorded.find((o) => o.requestId === entry._telltale.requestId)!;

    it('the re-import has the same counts: one observation per exported entry, in order', () => {
      expect(imported).toHaveLength(recorded.length);
      expect(imported.map((o) => o.url)).toEqual(har.log.entries.map((e: any) => e.request.url));
      expect(imported.map((o) => o.method)).toEqual(har.log.entries.map((e: any) => e.request.method));
    });

    it('the recording kept every body redacted, and the export carries it without the content', () => {
      const withBody = recorded.filter((o) => o.annotation.body.format !== 'none');
      expect(withBody.length).toBeGreaterThanOrEqual(6);
      for (const o of withBody) expect(o.body, o.url).toMatchObject({ redacted: true, truncated: false });
      expect(har.log.entries.filter((e: any) => e.request.postData).length).toBe(withBody.length);
      // What only a body showed: error reports, feedback text, identifiers.
      const bodyKinds = new Set(withBody.flatMap((o) => o.annotation.findings.filter((f) => f.evidence.some((ev) => ev.where === 'body')).map((f) => f.kind)));
      for (const kind of ['error-report', 'feedback-content', 'device-id']) expect(bodyKinds.has(kind), kind).toBe(true);
      const text = readFileSync(harPath, 'utf8');
      for (const content of ['Kalendern laddar', 'f3c1b9a0-8d7e-4f6a-9b5c-2e1d0c9b8a7f', 'at render (owa.js', 'Failed to load calendar pane']) {
        expect(text).not.toContain(content);
      }
    });

    it('the re-import annotates every entry exactly as recorded', () => {
      har.log.entries.forEach((e: any, i: number) => {
        expect(shape(imported[i]!.annotation), e.request.url).toEqual(shape(recordedFor(e).annotation));
      });
    });

    it('telltale check on the exported HAR gives every entry exactly its recorded annotation', () => {
      expect(checked.entries).toHaveLength(har.log.entries.length);
      const errorReports = checked.entries.filter((c: any) => c.features.includes('error-reporting'));
      expect(errorReports.length).toBeGreaterThanOrEqual(1);
      har.log.entries.forEach((e: any, i: number) => {
        const c = checked.entries[i];
        expect(c.url).toBe(e.request.url);
        expect(shape(c), e.request.url).toEqual(shape(recordedFor(e).annotation));
      });
    });

    it('telltale check gives the same annotations as the report import (same engine, offline)', () => {
      expect(checked.entries).toHaveLength(imported.length);
      checked.entries.forEach((e: any, i: number) => {
        const a = imported[i]!.annotation;
        expect(e.url).toBe(imported[i]!.url);
        expect(e.features).toEqual(a.features);
        expect(e.items.map((x: any) => [x.item, x.verdict])).toEqual(a.items.map((x) => [x.item, x.verdict]));
        expect(e.findings.map((x: any) => [x.kind, x.verdict])).toEqual(a.findings.map((x) => [x.kind, x.verdict]));
      });
    });
  });

  describe('outside a recording', () => {
    it('the passive log keeps no request bodies', async () => {
      const before = new Set(((await readExtensionStore(browser.context, browser.extensionId, 'observations')) as Observation[]).map((o) => o.id));
      await runDemoClient(browser.context, server.url());
      const logged = (
        await waitFor(
          () => readExtensionStore(browser.context, browser.extensionId, 'observations'),
          (rows: Observation[]) => rows.filter((o) => !before.has(o.id) && o.annotation.body.format !== 'none').length >= 6,
        )
      ).filter((o: Observation) => !before.has(o.id));
      const withBody = logged.filter((o: Observation) => o.annotation.body.format !== 'none');
      expect(withBody.length).toBeGreaterThanOrEqual(6);
      for (const o of logged) {
        expect(o.recordingId).toBeUndefined();
        expect(o.body).toBeUndefined();
      }
    });
  });
});

/** axe-core's serious and critical violations on the page as it stands (run over CDP, past the page's CSP). */
async function seriousViolations(page: any): Promise<Array<{ id: string; nodes: unknown[] }>> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => (globalThis as any).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: any) => ({ id: v.id, nodes: v.nodes.map((n: any) => n.target) }));
}

describe('what the report page shows, in real Chromium', () => {
  const rank = (v: string) => VERDICTS.indexOf(v as never);

  it('the export status names npx --no-install telltale verify with the file', async () => {
    await report.goto(browser.extensionUrl(`report.html?lang=en&scope=rec:${recording.id}`));
    await report.locator('.tt-vrow').first().waitFor();
    const file = await exportFrom(report, /Export CSV/, 'again.csv');
    expect(file).toMatch(/again\.csv$/);
    expect(await report.locator('.tt-status').textContent()).toMatch(/npx --no-install telltale verify \S+\.csv/);
  });

  it('marks the import as one and deletes it, with its requests, after a confirmation', async () => {
    const recs: Recording[] = await readExtensionStore(browser.context, browser.extensionId, 'recordings');
    const imp = recs.find((r) => r.importedFrom === 'recording.har')!;
    expect(imp).toBeDefined();
    await report.goto(browser.extensionUrl(`report.html?lang=en&scope=rec:${imp.id}`));
    await report.locator('.tt-vrow').first().waitFor();
    expect(await report.locator(`[data-recording="${imp.id}"]`).getAttribute('data-kind')).toBe('import');
    expect(await report.locator('.tt-scope-head').textContent()).toContain('Imported from recording.har');
    await report.getByRole('button', { name: 'Delete', exact: true }).click();
    await report.getByRole('button', { name: 'Delete for good' }).click();
    await report.getByText(/Deleted “recording\.har”/).waitFor();
    expect(((await readExtensionStore(browser.context, browser.extensionId, 'recordings')) as Recording[]).some((r) => r.id === imp.id)).toBe(false);
    expect(((await readExtensionStore(browser.context, browser.extensionId, 'observations')) as Observation[]).some((o) => o.recordingId === imp.id)).toBe(false);
    // The recording made in the browser is untouched.
    expect(((await readExtensionStore(browser.context, browser.extensionId, 'observations')) as Observation[]).filter((o) => o.recordingId === recording.id)).toHaveLength(recorded.length);
  });

  it('shows one badge per row: its worst verdict', async () => {
    await report.goto(browser.extensionUrl(`report.html?lang=en&scope=rec:${recording.id}`));
    await report.locator('.tt-vrow').first().waitFor();
    const rows = await report.locator('.tt-vrow').evaluateAll((els: HTMLElement[]) =>
      els.map((r) => ({ url: r.querySelector('.tt-col--host')!.getAttribute('title'), badges: [...r.querySelectorAll('.tt-verdict')].map((b) => (b as HTMLElement).dataset.verdict) })),
    );
    expect(rows.length).toBeGreaterThan(5);
    // Rows to one URL (a collector) are told apart by their worsts: compare them as a sorted list per URL.
    const worstOf = (o: Observation) => [...o.annotation.items, ...o.annotation.findings].map((f) => f.verdict).sort((a, b) => rank(b) - rank(a)).slice(0, 1);
    for (const row of rows) expect(row.badges.length, row.url!).toBeLessThanOrEqual(1);
    for (const url of new Set<string>(rows.map((r: { url: string }) => r.url))) {
      const shown = rows.filter((r: { url: string }) => r.url === url).flatMap((r: { badges: string[] }) => r.badges).sort();
      const expected = recorded.filter((o) => o.url === url).flatMap(worstOf).sort();
      expect(shown, url).toEqual(expected);
    }
  });

  it('opens on the tab the popup names (?scope=tab:<id>) with that tab\'s requests', async () => {
    expect(clientTab).toBeGreaterThan(0);
    await report.goto(browser.extensionUrl(`report.html?lang=en&scope=tab%3A${clientTab}`));
    await report.locator('.tt-vrow').first().waitFor();
    const stored: Observation[] = await readExtensionStore(browser.context, browser.extensionId, 'observations');
    const ofTab = stored.filter((o) => o.tabId === clientTab);
    expect(await report.locator('#tt-requests-title').textContent()).toContain(`${ofTab.length} of ${ofTab.length}`);
    expect(await report.locator('[data-kind="tab"]').getAttribute('aria-current')).toBe('true');
    expect(await report.locator('.tt-scope-title').textContent()).toMatch(/^Tab: outlook\.office\.com/);
  });

  it('renames a recording and keeps its notes, through the background', async () => {
    await report.goto(browser.extensionUrl(`report.html?lang=en&scope=rec:${recording.id}`));
    await report.getByRole('button', { name: 'Rename or add notes' }).click();
    await report.locator('.tt-edit input').fill('Demo client audit, renamed');
    await report.locator('.tt-edit textarea').fill('Recorded with the demo client; nothing signed in.');
    await report.getByRole('button', { name: 'Save' }).click();
    await report.getByText(/Saved “Demo client audit, renamed”/).waitFor();
    const recs: Recording[] = await readExtensionStore(browser.context, browser.extensionId, 'recordings');
    expect(recs.find((r) => r.id === recording.id)).toMatchObject({ title: 'Demo client audit, renamed', notes: 'Recorded with the demo client; nothing signed in.' });
    expect(await report.locator('.tt-notes').textContent()).toBe('Recorded with the demo client; nothing signed in.');
    expect(await report.locator(`[data-recording="${recording.id}"]`).getAttribute('data-kind')).toBe('recording');
  });

  it('an empty scope says so and disables its exports', async () => {
    await report.goto(browser.extensionUrl('report.html?lang=en&scope=tab%3A999999'));
    await report.locator('.tt-empty').waitFor();
    for (const name of [/Export HAR/, /Export JSON/, /Export CSV/]) expect(await report.getByRole('button', { name }).isDisabled()).toBe(true);
    expect(await report.locator('main').textContent()).not.toContain('1970');
  });

  it('axe finds no serious or critical violation on the report, policy and options pages (sv and en)', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await report.setViewportSize({ width: 1280, height: 800 });
    for (const lang of ['en', 'sv']) {
      await report.goto(browser.extensionUrl(`report.html?lang=${lang}&scope=rec:${recording.id}`));
      await report.locator('.tt-vrow').nth(1).click();
      expect(await seriousViolations(report), `report ${lang}`).toEqual([]);
      await report.screenshot({ path: path.join(SCREENSHOTS, `report-${lang}.png`) });
      await report.goto(browser.extensionUrl(`policy.html?lang=${lang}`));
      await report.locator('#clauses').waitFor();
      expect(await seriousViolations(report), `policy ${lang}`).toEqual([]);
      await report.screenshot({ path: path.join(SCREENSHOTS, `policy-${lang}.png`) });
    }
    await report.goto(browser.extensionUrl('options.html'));
    await report.locator('.tt-options section').first().waitFor();
    expect(await seriousViolations(report), 'options').toEqual([]);
    await report.screenshot({ path: path.join(SCREENSHOTS, 'options.png') });
  });
});
