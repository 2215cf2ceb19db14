// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { EvidencePane } from '../../../../components/report/EvidencePane';
import { Conformance } from '../../../../components/report/Conformance';
import { FlowChart } from '../../../../components/report/FlowChart';
import { binPoints, Timeline } from '../../../../components/report/Timeline';
import { Report, type ReportProps } from '../../../../components/report/Report';
import { conformance, flowGraph, timeline, toRows } from '../../../../components/report/model';
import { pathSegments } from '../../../../components/report/evidence-tree';
import { loadPolicy } from '../../../../lib/policy/load';
import { classify } from '../../../../lib/classify/index';
import type { Observation } from '../../../../lib/model';
import { observations } from '../../lib/export/helpers';
import { fire, key, mount } from './render';
import { unmountAfterEach } from '../mount';

const policy = loadPolicy();
const obs = observations(6);
const keep = unmountAfterEach();

const HOSTILE = '<img src=x onerror="alert(1)">';

describe('evidence pane', () => {
  it('splits evidence paths into segments', () => {
    expect(pathSegments('[2].ext.os.ver')).toEqual(['[2]', 'ext', 'os', 'ver']);
    expect(pathSegments('[0].tags["ai.device.osVersion"]')).toEqual(['[0]', 'tags', 'ai.device.osVersion']);
  });

  it('asks for a selection when none is made', () => {
    const v = keep(mount(<EvidencePane policy={policy} observation={undefined} />));
    expect(v.container.textContent).toContain('Select a request');
  });

  it('highlights the evidence headers and rebuilds the body fields from evidence paths', () => {
    const o = obs[0]!;
    const v = keep(mount(<EvidencePane policy={policy} observation={o} />));
    const marked = v.qa('mark.tt-match').map((m) => m.dataset.path);
    expect(marked).toContain('header:user-agent');
    const bodyPaths = o.annotation.items.flatMap((i) => i.evidence).filter((e) => e.where === 'body').map((e) => e.path);
    expect(bodyPaths.length).toBeGreaterThan(0);
    for (const p of bodyPaths) expect(marked).toContain(p);
    // Headers without evidence are listed but not highlighted.
    const contentType = v.qa('.tt-kv__row').find((r) => r.querySelector('dt')?.textContent === 'Content-Type')!;
    expect(contentType.className).not.toContain('--match');
    expect(v.container.textContent).toContain('not stored in clear');
  });

  it('highlights matched URL query parameters', () => {
    const o = obs[1]!; // support.office.com help query with lcid / omkt
    const v = keep(mount(<EvidencePane policy={policy} observation={o} />));
    const urlEvidence = o.annotation.items.flatMap((i) => i.evidence).filter((e) => e.path.startsWith('url:query.'));
    expect(urlEvidence.length).toBeGreaterThan(0);
    const marked = v.qa('mark.tt-match').map((m) => m.dataset.path);
    for (const e of urlEvidence) expect(marked).toContain(e.path);
  });

  it('names UCWA conversation content in English and Swedish', () => {
    const url = 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/102/communication/startMessaging';
    const body = { text: '{"to":"sip:lenea@contoso.com","subject":"Task Sample"}', mimeType: 'application/json' };
    const annotation = classify({ url, method: 'POST', headers: [], body, type: 'xmlhttprequest', time: 0 });
    const o: Observation = { ...obs[0]!, url, annotation };
    const en = keep(mount(<EvidencePane policy={policy} observation={o} />)).container.textContent!;
    expect(en).toContain('Instant message: ');
    expect(en).toContain('Contact address: ');
    const sv = keep(mount(<EvidencePane policy={policy} observation={o} />, 'sv')).container.textContent!;
    expect(sv).toContain('Snabbmeddelande: ');
    expect(sv).toContain('Kontaktadress: ');
    expect(sv).not.toContain('lenea@contoso.com');
  });

  it('renders values from traffic as text, never as markup', () => {
    const o: Observation = { ...obs[0]!, headers: [{ name: 'User-Agent', value: HOSTILE }] };
    const v = keep(mount(<EvidencePane policy={policy} observation={o} />));
    expect(v.container.querySelector('img')).toBeNull();
    expect(v.container.textContent).toContain(HOSTILE);
  });
});

describe('overview panes', () => {
  const rows = toRows(obs);

  it('conformance lists each feature with its verdict counts', () => {
    const data = conformance(rows);
    const v = keep(mount(<Conformance policy={policy} data={data} />));
    for (const row of data) {
      const tr = v.q(`tr[data-feature="${row.feature}"]`);
      expect(tr.querySelector('td[data-verdict="clear"]')!.textContent).toBe(String(row.counts.clear));
      expect(tr.querySelector('td[data-verdict="omitted"]')!.textContent).toBe(String(row.counts.omitted));
    }
  });

  it('the flow chart draws a node per item, feature and purpose and a path per link (d3-sankey layout)', () => {
    const graph = flowGraph(rows);
    const v = keep(mount(<FlowChart policy={policy} graph={graph} />));
    expect(v.qa('[data-node]').map((n) => n.dataset.node).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    const paths = v.qa('path.tt-link');
    expect(paths).toHaveLength(graph.links.length);
    for (const p of paths) expect(p.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+C/);
    // Item nodes on the left, purposes on the right.
    const xOf = (id: string) => Number(v.q(`[data-node="${id}"] rect`).getAttribute('x'));
    expect(xOf('flow:os-version')).toBeLessThan(xOf(`purpose:${obs[0]!.annotation.purposes[0]}`));
  });

  it('the timeline has one row per item and content kind; its marks count every request', () => {
    const t = timeline(rows);
    const v = keep(mount(<Timeline policy={policy} rows={t.rows} start={t.start} end={t.end} />));
    expect(v.qa('[data-row]').map((g) => g.dataset.row)).toEqual(t.rows.map((r) => r.id));
    const os = v.q('[data-row="os-version"]');
    const marks = [...os.querySelectorAll('circle')];
    expect(marks.reduce((s, c) => s + Number(c.getAttribute('data-count')), 0)).toBe(t.rows.find((r) => r.id === 'os-version')!.points.length);
  });

  it('a timeline column shows the worst verdict of the requests in it', () => {
    const bins = binPoints(
      [
        { time: 0, verdict: 'clear', index: 0 },
        { time: 1, verdict: 'omitted', index: 1 },
        { time: 2, verdict: 'vague', index: 2 },
        { time: 1000, verdict: 'clear', index: 3 },
      ],
      0,
      1000,
      400,
    );
    expect(bins).toHaveLength(2);
    expect(bins[0]).toMatchObject({ count: 3, worst: 'omitted', first: 0 });
    expect(bins[1]).toMatchObject({ count: 1, worst: 'clear', first: 3 });
  });
});

describe('report page', () => {
  const props = (over: Partial<ReportProps> = {}): ReportProps => ({
    policy,
    recordings: [{ recording: { id: 3, title: 'Outlook audit', notes: '', startedAt: obs[0]!.time, browser: 'Chromium', extensionVersion: '0.1.0', policyId: 'lync-2012', rawEvidence: false }, requests: 6 }],
    scope: 3,
    observations: obs,
    rawAvailable: false,
    onScope: vi.fn(),
    onExport: vi.fn(),
    onImport: vi.fn(),
    tableHeight: 280,
    ...over,
  });

  it('filters the table by text and shows the selected request in the evidence pane', () => {
    const v = keep(mount(<Report {...props()} />));
    expect(v.qa('.tt-vrow')).toHaveLength(6);
    const search = v.q<HTMLInputElement>('input[type="search"]');
    search.value = 'dc.services';
    fire(search, new Event('input', { bubbles: true }));
    expect(v.qa('.tt-vrow')).toHaveLength(2);
    fire(v.qa('.tt-vrow')[0]!, new MouseEvent('click', { bubbles: true }));
    expect(v.q('.tt-reqline').textContent).toContain('dc.services.visualstudio.com');
  });

  it('sorts by a column header and reverses on a second press', () => {
    const v = keep(mount(<Report {...props()} />));
    const hostButton = v.qa('button.tt-sort')[1]!;
    fire(hostButton, new MouseEvent('click', { bubbles: true }));
    const hosts = () => v.qa('.tt-col--host[role="gridcell"]').map((c) => c.textContent!);
    expect(hosts()).toEqual([...hosts()].sort());
    fire(hostButton, new MouseEvent('click', { bubbles: true }));
    expect(hosts()).toEqual([...hosts()].sort().reverse());
    expect(v.q('[aria-sort="descending"]')).toBeTruthy();
  });

  it('selects with the keyboard and exports through the callback', () => {
    const p = props();
    const v = keep(mount(<Report {...p} />));
    fire(v.q('[role="grid"]'), key('ArrowDown'));
    expect(v.q('.tt-reqline').textContent).toContain(obs[0]!.url);
    const buttons = v.qa<HTMLButtonElement>('.tt-toolbar button');
    fire(buttons[0]!, new MouseEvent('click', { bubbles: true }));
    fire(buttons[2]!, new MouseEvent('click', { bubbles: true }));
    expect(p.onExport).toHaveBeenNthCalledWith(1, 'har', false);
    expect(p.onExport).toHaveBeenNthCalledWith(2, 'csv', false);
  });

  it('offers raw values only for raw-evidence recordings', () => {
    const v = keep(mount(<Report {...props()} />));
    expect(v.container.querySelector('.tt-toolbar input[type="checkbox"]')).toBeNull();
    const raw = keep(mount(<Report {...props({ rawAvailable: true })} />));
    expect(raw.container.querySelector('.tt-toolbar input[type="checkbox"]')).not.toBeNull();
  });

  it('speaks Swedish', () => {
    const v = keep(mount(<Report {...props()} />, 'sv'));
    expect(v.container.textContent).toContain('Exportera HAR');
    expect(v.container.textContent).toContain('Tidslinje');
  });

  it('handles 100 000 observations: renders a window of rows, filters over all of them', { timeout: 30_000 }, () => {
    const many: Observation[] = Array.from({ length: 100_000 }, (_, i) => ({ ...obs[i % 6]!, id: i + 1, time: obs[0]!.time + i }));
    const t0 = performance.now();
    const v = keep(mount(<Report {...props({ observations: many })} />));
    console.log(`report with 100k observations: first render ${Math.round(performance.now() - t0)} ms`);
    expect(v.q('#tt-requests-title').textContent).toContain('100000 of 100000');
    expect(v.qa('.tt-vrow').length).toBeLessThanOrEqual(30);
    const search = v.q<HTMLInputElement>('input[type="search"]');
    search.value = 'support.office.com';
    const t1 = performance.now();
    fire(search, new Event('input', { bubbles: true }));
    console.log(`filter over 100k: ${Math.round(performance.now() - t1)} ms`);
    const expected = many.filter((o) => o.url.includes('support.office.com')).length;
    expect(expected).toBeGreaterThan(30_000);
    expect(v.q('#tt-requests-title').textContent).toContain(`${expected} of 100000`);
    expect(v.qa('.tt-vrow').length).toBeLessThanOrEqual(30);
  });

  it('shows an import error as an alert', () => {
    const v = keep(mount(<Report {...props({ status: { kind: 'error', text: 'Could not import x.har' } })} />));
    expect(v.q('[role="alert"]').textContent).toContain('x.har');
  });
});
