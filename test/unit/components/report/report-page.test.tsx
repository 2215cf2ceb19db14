// @vitest-environment happy-dom
/** The report's page-level behaviour: badges, selection, empty scopes, scopes by kind, edit and delete, copy. */
import { describe, expect, it, vi } from 'vitest';
import { Report, type ReportProps } from '../../../../components/report/Report';
import { parseScope } from '../../../../components/report/scope';
import { FlowChart, labelWidth } from '../../../../components/report/FlowChart';
import { flowGraph, toRows } from '../../../../components/report/model';
import { STRINGS } from '../../../../components/common/strings';
import { loadPolicy } from '../../../../lib/policy/load';
import { VERDICTS } from '../../../../lib/policy/types';
import type { Observation, Recording } from '../../../../lib/model';
import { observations } from '../../lib/export/helpers';
import { fire, key, mount } from './render';
import { unmountAfterEach } from '../mount';

const policy = loadPolicy();
const obs = observations(6);
const keep = unmountAfterEach();

const rec = (over: Partial<Recording> = {}): Recording => ({
  id: 3,
  title: 'Outlook audit',
  notes: '',
  startedAt: obs[0]!.time,
  browser: 'Chromium',
  extensionVersion: '0.1.0',
  policyId: 'lync-2012',
  rawEvidence: false,
  ...over,
});

const props = (over: Partial<ReportProps> = {}): ReportProps => ({
  policy,
  recordings: [
    { recording: rec(), requests: 6 },
    { recording: rec({ id: 4, title: 'teams.har', importedFrom: 'teams.har' }), requests: 2 },
  ],
  scope: 3,
  observations: obs,
  rawAvailable: false,
  onScope: vi.fn(),
  onExport: vi.fn(),
  onImport: vi.fn(),
  onUpdate: vi.fn(),
  onDelete: vi.fn(),
  onCopy: vi.fn(),
  tableHeight: 280,
  ...over,
});

const click = (el: Element) => fire(el, new MouseEvent('click', { bubbles: true }));
const button = (v: ReturnType<typeof mount>, name: RegExp) => {
  const b = v.qa<HTMLButtonElement>('button').find((x) => name.test(x.textContent ?? ''));
  if (!b) throw new Error(`no button ${name}`);
  return b;
};
function select(v: ReturnType<typeof mount>, label: string, value: string) {
  const el = v.qa<HTMLLabelElement>('.tt-filters label').find((l) => l.textContent!.startsWith(label))!.querySelector('select')!;
  el.value = value;
  fire(el, new Event('change', { bubbles: true }));
}

describe('request table badges', () => {
  it('shows one badge per row, its worst verdict, also when filtered to a better one', () => {
    const v = keep(mount(<Report {...props()} />));
    const rank = (x: string) => VERDICTS.indexOf(x as never);
    const rows = v.qa('.tt-vrow');
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      const badges = row.querySelectorAll('.tt-verdict');
      expect(badges).toHaveLength(1);
      const o = obs.find((x) => row.querySelector('.tt-col--host')!.getAttribute('title') === x.url)!;
      const worst = [...o.annotation.items, ...o.annotation.findings].map((f) => f.verdict).sort((a, b) => rank(b) - rank(a))[0];
      expect((badges[0] as HTMLElement).dataset.verdict).toBe(worst);
    }
    select(v, 'Verdict', 'omitted');
    expect(v.qa('.tt-vrow').length).toBeGreaterThan(0);
    for (const badge of v.qa('.tt-vrow .tt-verdict')) expect(['omitted', 'incorrect']).toContain(badge.dataset.verdict);
  });

  it('sorts worst first on the first press of the verdict column', () => {
    const v = keep(mount(<Report {...props()} />));
    click(v.qa('button.tt-sort')[4]!);
    const order = v.qa('.tt-vrow .tt-verdict').map((b) => VERDICTS.indexOf(b.dataset.verdict as never));
    expect(order).toEqual([...order].sort((a, b) => b - a));
    expect(order[0]).toBeGreaterThan(order.at(-1)!);
  });
});

describe('selection and filters', () => {
  it('a filter that hides the selected request clears the evidence pane; one that keeps it keeps it', () => {
    const v = keep(mount(<Report {...props()} />));
    const help = v.qa('.tt-vrow').find((r) => r.textContent!.includes('support.office.com'))!;
    click(help);
    expect(v.q('.tt-reqline').textContent).toContain('support.office.com');
    const search = v.q<HTMLInputElement>('input[type="search"]');
    search.value = 'support';
    fire(search, new Event('input', { bubbles: true }));
    expect(v.q('.tt-reqline').textContent).toContain('support.office.com');
    search.value = 'dc.services';
    fire(search, new Event('input', { bubbles: true }));
    expect(v.container.querySelector('.tt-reqline')).toBeNull();
    expect(v.q('.tt-evidence-pane').textContent).toContain('Select a request');
    // Clearing the filter does not bring the old selection back.
    search.value = '';
    fire(search, new Event('input', { bubbles: true }));
    expect(v.container.querySelector('.tt-reqline')).toBeNull();
  });
});

describe('empty scope', () => {
  it('says so, disables every export and draws no dates', () => {
    const v = keep(mount(<Report {...props({ scope: 'log', observations: [] })} />));
    expect(v.q('.tt-empty').textContent).toContain('Nothing here yet');
    const exports = v.qa<HTMLButtonElement>('button').filter((b) => /Export/.test(b.textContent!));
    expect(exports).toHaveLength(3);
    for (const b of exports) expect(b.disabled).toBe(true);
    expect(v.container.textContent).not.toMatch(/1970/);
    expect(v.container.querySelector('svg')).toBeNull();
  });

  it('a scope with requests but no flows draws no 1970 timeline', () => {
    const bare: Observation = { ...obs[0]!, annotation: { ...obs[0]!.annotation, items: [], findings: [] } };
    const v = keep(mount(<Report {...props({ observations: [bare] })} />));
    expect(v.container.textContent).not.toMatch(/1970/);
    expect(v.q('.tt-timeline').textContent).toContain('None of the six items');
    for (const b of v.qa<HTMLButtonElement>('button').filter((x) => /Export/.test(x.textContent!))) expect(b.disabled).toBe(false);
  });
});

describe('scopes by kind, rename, notes, delete', () => {
  it('tells recordings and imports apart in the list and in the heading', () => {
    const v = keep(mount(<Report {...props()} />));
    expect(v.q('[data-recording="3"]').dataset.kind).toBe('recording');
    expect(v.q('[data-recording="4"]').dataset.kind).toBe('import');
    expect(v.q('[data-recording="4"]').textContent).toContain('Import');
    expect(v.q('.tt-scope-head').textContent).toContain('Recorded in this browser');
    const imp = keep(mount(<Report {...props({ scope: 4 })} />));
    expect(imp.q('.tt-scope-head').textContent).toContain('Imported from teams.har');
  });

  it('renames and annotates through onUpdate', () => {
    const p = props();
    const v = keep(mount(<Report {...p} />));
    click(button(v, /Rename or add notes/));
    const title = v.q<HTMLInputElement>('.tt-edit input');
    const notes = v.q<HTMLTextAreaElement>('.tt-edit textarea');
    title.value = 'Outlook, 2 May';
    fire(title, new Event('input', { bubbles: true }));
    notes.value = 'Signed in as a test user.';
    fire(notes, new Event('input', { bubbles: true }));
    fire(v.q('.tt-edit'), new Event('submit', { bubbles: true, cancelable: true }));
    expect(p.onUpdate).toHaveBeenCalledWith(3, { title: 'Outlook, 2 May', notes: 'Signed in as a test user.' });
    expect(v.container.querySelector('.tt-edit')).toBeNull();
  });

  it('shows the notes of a recording', () => {
    const v = keep(mount(<Report {...props({ recordings: [{ recording: rec({ notes: 'Teams call, 3 people' }), requests: 6 }] })} />));
    expect(v.q('.tt-notes').textContent).toBe('Teams call, 3 people');
  });

  it('deletes only after a confirmation naming the request count', () => {
    const p = props({ scope: 4 });
    const v = keep(mount(<Report {...p} />));
    click(button(v, /^Delete$/));
    expect(p.onDelete).not.toHaveBeenCalled();
    expect(v.q('.tt-confirm').textContent).toContain('teams.har');
    expect(v.q('.tt-confirm').textContent).toContain('2 requests');
    click(button(v, /Cancel/));
    expect(v.container.querySelector('.tt-confirm')).toBeNull();
    click(button(v, /^Delete$/));
    click(button(v, /Delete for good/));
    expect(p.onDelete).toHaveBeenCalledWith(4);
  });

  it('no edit or delete for the passive log', () => {
    const v = keep(mount(<Report {...props({ scope: 'log' })} />));
    expect(v.qa('button').some((b) => /Delete|Rename/.test(b.textContent!))).toBe(false);
  });

  it('lists the popup\'s tab and opens on it', () => {
    const p = props({ scope: 'tab:7', tab: { scope: 'tab:7', label: 'Tab: outlook.office.com' } });
    const v = keep(mount(<Report {...p} />));
    expect(v.q('[data-kind="tab"]').getAttribute('aria-current')).toBe('true');
    expect(v.q('.tt-scope-title').textContent).toBe('Tab: outlook.office.com');
  });

  it('shows import progress', () => {
    const v = keep(mount(<Report {...props({ busy: true, progress: { fileName: 'big.har', fraction: 0.42 } })} />));
    expect(v.q<HTMLProgressElement>('progress').getAttribute('value')).toBe('42');
    expect(v.q('.tt-progress').textContent).toContain('big.har: 42 % read');
    v.rerender(<Report {...props({ busy: true, progress: { fileName: 'big.har', fraction: 1 } })} />);
    expect(v.q('.tt-progress').textContent).toContain('annotating every request');
  });
});

describe('copy buttons', () => {
  it('every marked evidence value has a copy button that hands over its value', () => {
    const p = props();
    const v = keep(mount(<Report {...p} />));
    click(v.qa('.tt-vrow')[0]!);
    const marks = v.qa('mark.tt-match');
    expect(marks.length).toBeGreaterThan(2);
    for (const m of marks) expect(m.nextElementSibling?.classList.contains('tt-copy')).toBe(true);
    const ua = v.q('[data-copy="header:user-agent"]');
    click(ua);
    expect(p.onCopy).toHaveBeenCalledWith(obs[0]!.headers.find((h) => h.name === 'User-Agent')!.value);
    // A body value is copied as the value, not as its JSON rendering.
    const body = v.qa('.tt-body .tt-copy')[0]!;
    click(body);
    expect(String((p.onCopy as ReturnType<typeof vi.fn>).mock.calls.at(-1)![0])).not.toMatch(/^"/);
  });
});

describe('timeline', () => {
  it('has a legend of every verdict and is one tab stop whose marks move with the arrow keys', () => {
    const v = keep(mount(<Report {...props()} />));
    const legend = v.q('.tt-timeline .tt-legend');
    expect([...legend.querySelectorAll('[data-verdict]')].map((l) => (l as HTMLElement).dataset.verdict)).toEqual([...VERDICTS]);
    const marks = v.qa('.tt-timeline circle[data-mark]');
    expect(marks.filter((m) => m.getAttribute('tabindex') === '0')).toHaveLength(1);
    const first = marks.find((m) => m.getAttribute('tabindex') === '0')!;
    fire(first, key('ArrowRight'));
    const now = v.qa('.tt-timeline circle[data-mark]').find((m) => m.getAttribute('tabindex') === '0')!;
    expect(now.dataset.mark).toBe('0-1');
    expect(document.activeElement).toBe(now);
    fire(now, key('ArrowDown'));
    const below = v.qa('.tt-timeline circle[data-mark]').find((m) => m.getAttribute('tabindex') === '0')!;
    expect(below.dataset.mark!.startsWith('1-')).toBe(true);
    fire(below, key('Enter'));
    expect(v.container.querySelector('.tt-reqline')).not.toBeNull();
    expect(below.getAttribute('aria-label')).toMatch(/requests · /);
  });
});

describe('the address', () => {
  it('reads the popup\'s scope keys and the older recording parameter', () => {
    expect(parseScope('?scope=tab%3A12')).toBe('tab:12');
    expect(parseScope('?scope=rec:5')).toBe(5);
    expect(parseScope('?scope=log')).toBe('log');
    expect(parseScope('?recording=9&lang=en')).toBe(9);
    expect(parseScope('?scope=rec:0')).toBe('log');
    expect(parseScope('?scope=tab:x')).toBe('log');
    expect(parseScope('')).toBe('log');
  });

  it('export status strings name npx --no-install telltale verify in both languages', () => {
    expect(STRINGS.en.exported).toContain('npx --no-install telltale verify $1');
    expect(STRINGS.sv.exported).toContain('npx --no-install telltale verify $1');
    expect(STRINGS.en.logNoBodies).toMatch(/no request bodies/);
  });
});

describe('flow chart', () => {
  for (const lang of ['en', 'sv'] as const) {
    it(`colours links by verdict; labels (${lang}) neither overlap nor leave the drawing`, () => {
      // Every purpose of the policy, so the longest names (which wrap) are drawn.
      const many = observations(30);
      const graph = flowGraph(toRows(many));
      const feature = graph.nodes.find((n) => n.kind === 'feature')!.id;
      for (const p of policy.purposes.filter((x) => !graph.nodes.some((n) => n.id === `purpose:${x.id}`))) {
        graph.nodes.push({ id: `purpose:${p.id}`, kind: 'purpose', ref: p.id });
        graph.links.push({ source: feature, target: `purpose:${p.id}`, value: 1, verdict: 'clear' });
      }
      const v = keep(mount(<FlowChart policy={policy} graph={graph} />, lang));
      const svg = v.q('.tt-flow svg');
      const width = Number(svg.getAttribute('width'));
      const height = Number(svg.getAttribute('height'));
      for (const path of v.qa('path.tt-link')) expect(path.getAttribute('class')).toMatch(new RegExp(`tt-link--${path.dataset.verdict}`));
      expect(new Set(v.qa('path.tt-link').map((p) => p.dataset.verdict)).size).toBeGreaterThan(1);
      const labels = v.qa('[data-node]').map((g) => {
        const text = g.querySelector('text')!;
        const lines = [...text.querySelectorAll('tspan')];
        const x = Number(text.getAttribute('x'));
        const w = Math.max(...lines.map((l) => labelWidth(l.textContent!)));
        const end = text.getAttribute('text-anchor') === 'end';
        const ys = lines.map((l) => Number(l.getAttribute('y')));
        // A line of 11 px type reaches about 9 px above its baseline and 3 px below.
        return { kind: g.dataset.node!.split(':')[0], top: Math.min(...ys) - 9, bottom: Math.max(...ys) + 3, from: end ? x - w : x, to: end ? x : x + w, rect: g.querySelector('rect')! };
      });
      expect(labels.some((l) => l.bottom - l.top > 20)).toBe(true); // some name was long enough to wrap
      for (const l of labels) {
        expect(l.from).toBeGreaterThanOrEqual(0);
        expect(l.to).toBeLessThanOrEqual(width);
        expect(l.top).toBeGreaterThanOrEqual(0);
        expect(l.bottom).toBeLessThanOrEqual(height);
      }
      // Within a column, no two label blocks overlap.
      for (const kind of ['flow', 'feature', 'purpose']) {
        const column = labels.filter((l) => l.kind === kind).sort((a, b) => a.top - b.top);
        for (let i = 1; i < column.length; i++) expect(column[i]!.top).toBeGreaterThanOrEqual(column[i - 1]!.bottom);
      }
      // A feature label ends before the purpose column starts.
      const purposeX = Math.min(...labels.filter((l) => l.kind === 'purpose').map((l) => Number(l.rect.getAttribute('x'))));
      for (const l of labels.filter((x) => x.kind === 'feature')) expect(l.to).toBeLessThan(purposeX);
    });
  }
});
