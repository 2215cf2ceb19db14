/**
 * The report's comparison end to end in real headless Chromium: two recordings of the demo client, the second
 * with one planted identifier (`&plant=1`), compared on the report page through a bookmarkable URL, and the
 * same two recordings exported as HAR and compared with `telltale diff --json`: the page lists exactly the CLI's
 * flows, in the CLI's order, and the added flow opens its request in the evidence pane.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowKey, type Flow } from '../../lib/diff/flows';
import type { Observation, Recording } from '../../lib/model';
// @ts-expect-error plain ESM helpers shared with npm start
import { startDemoServer } from '../demo/server.mjs';
// @ts-expect-error plain ESM helpers shared with npm start
import { launchChromium, readExtensionStore, runDemoClient, waitFor, messageFrom as message } from './harness.mjs';

const CLI = path.resolve('dist/cli.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'telltale-compare-e2e-'));

let server: any;
let browser: any;
let report: any;
const recordings: Record<'before' | 'after', Recording | undefined> = { before: undefined, after: undefined };
const exported: Record<'before' | 'after', string> = { before: '', after: '' };

/** One recording of the demo client, waited for until every request it sent is stored. */
async function record(title: string, query: string): Promise<Recording> {
  const recording: Recording = await message(report, 'recording/start', { title });
  const start = server.received.length;
  const client = await runDemoClient(browser.context, server.url(query));
  const sent = server.received.slice(start).filter((r: any) => r.method !== 'OPTIONS' && r.host !== 'outlook.office.com');
  await waitFor(
    () => readExtensionStore(browser.context, browser.extensionId, 'observations'),
    (rows: Observation[]) => rows.filter((o) => o.recordingId === recording.id).length >= sent.length,
  );
  await message(report, 'recording/stop');
  await client.close();
  return recording;
}

async function exportHar(recording: Recording, name: string): Promise<string> {
  await report.goto(browser.extensionUrl(`report.html?lang=en&recording=${recording.id}`));
  await report.locator('.tt-vrow').first().waitFor();
  const [download] = await Promise.all([report.waitForEvent('download'), report.getByRole('button', { name: /Export HAR/ }).click()]);
  const file = path.join(dir, name);
  await download.saveAs(file);
  return file;
}

beforeAll(async () => {
  execFileSync('node', ['test/scripts/build-node.mjs']);
  server = await startDemoServer();
  browser = await launchChromium({ locale: 'en-US' });
  report = await browser.context.newPage();
  await report.goto(browser.extensionUrl('report.html?lang=en'));
  recordings.before = await record('Compliant client', '?mode=compliant');
  recordings.after = await record('Client with a planted id', '?mode=compliant&plant=1');
  exported.before = await exportHar(recordings.before, 'before.har');
  exported.after = await exportHar(recordings.after, 'after.har');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("report comparison in real Chromium", () => {
  it('lists the same flows as telltale diff on the two exports, added first, and opens the evidence', async () => {
    const run = spawnSync('node', [CLI, 'diff', exported.before, exported.after, '--json'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const cli = JSON.parse(run.stdout) as { added: Flow[]; removed: Flow[]; changed: Array<{ after: Flow }> };
    expect(cli.added.map((f) => f.kind ?? f.item)).toContain('user-id');

    await report.goto(browser.extensionUrl(`report.html?lang=en&before=rec:${recordings.before!.id}&after=rec:${recordings.after!.id}`));
    await report.locator('[data-section="added"]').waitFor();
    const shown = (section: string) =>
      report.locator(`[data-section="${section}"] [data-flow]`).evaluateAll((els: HTMLElement[]) => els.map((e) => e.dataset.flow));
    expect(await shown('added')).toEqual(cli.added.map(flowKey));
    expect(await shown('removed')).toEqual(cli.removed.map(flowKey));
    expect([...(await shown('worse')), ...(await shown('better'))]).toEqual(cli.changed.map((c) => flowKey(c.after)));

    const at = cli.added.findIndex((f) => f.kind === 'user-id');
    const planted = cli.added[at]!;
    await report.locator('[data-section="added"] [data-flow]').nth(at).click();
    await report.locator(`mark.tt-match[data-path="${planted.example.path}"]`).waitFor();
  });

  it('the comparison starts from the report page and is kept in the URL', async () => {
    await report.goto(browser.extensionUrl(`report.html?lang=en&recording=${recordings.before!.id}`));
    await report.getByRole('button', { name: /Compare/ }).click();
    await report.locator('[data-section="added"]').waitFor();
    const url = new URL(report.url());
    expect(url.searchParams.get('before')).toBe(`rec:${recordings.before!.id}`);
    expect(url.searchParams.get('after')).toMatch(/^rec:\d+$/);
    await report.getByRole('button', { name: /Back to the report/ }).click();
    await report.getByRole('button', { name: /Export HAR/ }).waitFor();
    expect(new URL(report.url()).searchParams.get('before')).toBeNull();
  });
});
