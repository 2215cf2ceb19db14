// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ITEM_IDS } from '../../../../lib/policy/types';
import { clauseById, purposeById } from '../../../../lib/policy/lookup';
import { HOSTILE_VALUE, i18nFor, policy, telemetryTab } from './fixtures';
import { click, press, renderPopup } from './render';

const mounted: Array<{ unmount(): void }> = [];
function mount(...args: Parameters<typeof renderPopup>) {
  const view = renderPopup(...args);
  mounted.push(view);
  return view;
}
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount();
});

describe('popup: the six items', () => {
  it('lists the six items in ITEM_IDS order, seen or not seen', () => {
    const { qa } = mount();
    const rows = qa('li[data-item]');
    expect(rows.map((r) => r.dataset.item)).toEqual([...ITEM_IDS]);
    const state = Object.fromEntries(rows.map((r) => [r.dataset.item, r.dataset.state]));
    expect(state).toEqual({
      'ip-address': 'seen',
      'os-version': 'seen',
      'browser-version': 'seen',
      'regional-settings': 'not-seen',
      'language-settings': 'seen',
      'hardware-id': 'seen',
    });
  });

  it('shows request counts, verdict badges with data-verdict and an explanation per seen item', () => {
    const { q } = mount();
    const ip = q('li[data-item="ip-address"]');
    expect(ip.textContent).toContain('Left in 4 requests');
    expect(q('li[data-item="os-version"]').textContent).toContain('Left in 2 requests');
    expect(q('li[data-item="browser-version"]').textContent).toContain('Left in 1 request');
    expect(q('li[data-item="os-version"] [data-verdict]').dataset.verdict).toBe('clear');
    const hw = q('li[data-item="hardware-id"] [data-verdict]');
    expect(hw.dataset.verdict).toBe('vague');
    expect(hw.textContent).toBe('Vague');
    // The badge points at its one-line explanation.
    const explain = document.getElementById(hw.getAttribute('aria-describedby')!);
    expect(explain?.textContent).toBe('Only a broad term in the policy covers this.');
  });

  it('shows not-seen items without a verdict, features or evidence toggle', () => {
    const { q } = mount();
    const row = q('li[data-item="regional-settings"]');
    expect(row.textContent).toContain('Not seen');
    expect(row.querySelector('[data-verdict]')).toBeNull();
    expect(row.querySelector('[data-feature]')).toBeNull();
    expect(row.querySelector('button')).toBeNull();
  });

  it('names the features each item went to, linked to the policy page', () => {
    const { q, qa } = mount();
    const chips = qa<HTMLAnchorElement>('li[data-item="ip-address"] [data-feature]');
    expect(chips.map((c) => c.dataset.feature).sort()).toEqual(['online-feedback', 'standard-computer-information']);
    const sci = q<HTMLAnchorElement>('li[data-item="ip-address"] [data-feature="standard-computer-information"]');
    expect(sci.getAttribute('href')).toBe('policy.html#feature-standard-computer-information');
    expect(sci.textContent).toContain('Collection and use of information about your computer');
    expect(sci.textContent).toContain('2');
  });

  it('says plainly that the IP address leaves with every connection, in both languages', () => {
    expect(mount().q('li[data-item="ip-address"] .tt-flow__note').textContent).toBe(
      'Your IP address leaves with every connection: any request to any server carries it.',
    );
    expect(mount({ lang: 'sv' }).q('li[data-item="ip-address"] .tt-flow__note').textContent).toContain(
      'lämnar med varje anslutning',
    );
    // Also when nothing has been seen yet: it is a fact about connections, not about this tab.
    expect(mount({ aggregate: null }).q('li[data-item="ip-address"]').textContent).toContain('every connection');
  });
});

describe('popup: purposes', () => {
  it('gives purposes in the UI language and names the clause with a link', () => {
    const enView = mount();
    const improve = purposeById(policy, 'improve-products')!;
    const row = enView.q('li[data-item="os-version"]');
    expect(row.querySelector('[data-purpose="improve-products"]')?.textContent).toBe(improve.name.en);
    const link = row.querySelector<HTMLAnchorElement>('a[data-clause]')!;
    expect(link.getAttribute('href')).toBe(`policy.html#clause-${improve.clause}`);
    expect(link.textContent).toBe(clauseById(policy, improve.clause)!.section);

    const svRow = mount({ lang: 'sv' }).q('li[data-item="os-version"]');
    expect(svRow.querySelector('[data-purpose="improve-products"]')?.textContent).toBe(improve.name.sv);
    expect(improve.name.sv).not.toBe(improve.name.en);
  });

  it('shows the verbatim Swedish clause one click away', () => {
    const { q } = mount();
    const row = q('li[data-item="os-version"]');
    const toggle = row.querySelector<HTMLButtonElement>('.tt-purposes button[aria-expanded]')!;
    const region = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(region.hidden).toBe(true);
    click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(region.hidden).toBe(false);
    const quote = region.querySelector('blockquote')!;
    expect(quote.getAttribute('lang')).toBe('sv');
    expect(quote.textContent).toBe(clauseById(policy, 'sci-use')!.sv);
    // In English the rendering follows the original.
    expect(region.textContent).toContain(clauseById(policy, 'sci-use')!.en);
  });
});

describe('popup: evidence', () => {
  it('expands with Enter and collapses with Space, showing host, path, time, field and value', () => {
    const { q } = mount();
    const row = q('li[data-item="os-version"]');
    const toggle = row.querySelector<HTMLButtonElement>('.tt-flow__toggle')!;
    const region = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(region.hidden).toBe(true);

    press(toggle, 'Enter');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(region.hidden).toBe(false);
    const requests = region.querySelectorAll('.tt-evidence__request');
    expect(requests).toHaveLength(2);
    const first = requests[0]!;
    expect(first.querySelector('.tt-evidence__host')?.textContent).toBe('browser.events.data.microsoft.com');
    expect(first.querySelector('.tt-evidence__path')?.textContent).toBe('/OneCollector/1.0/');
    expect(first.querySelector('time')?.getAttribute('datetime')).toMatch(/^2024-05-14T09:35/);
    expect(first.querySelector('.tt-evidence__fieldpath')?.textContent).toBe('body[0].ext.os.ver');
    expect(first.querySelector('.tt-evidence__value')?.textContent).toBe('10.0');

    press(toggle, ' ');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(region.hidden).toBe(true);
  });

  it('renders an HTML/JS payload in an evidence value as inert text', () => {
    const { q } = mount();
    const row = q('li[data-item="hardware-id"]');
    click(row.querySelector('.tt-flow__toggle')!);
    const value = row.querySelector('.tt-evidence__value')!;
    expect(value.textContent).toBe(HOSTILE_VALUE);
    expect(value.children).toHaveLength(0);
    expect(row.querySelector('img, script')).toBeNull();
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('popup: content, identifiers and the summary', () => {
  it('lists undisclosed flows first and marks them', () => {
    const { qa } = mount();
    const rows = qa('li[data-content]');
    expect(rows.map((r) => r.dataset.content)).toEqual(['session-id', 'user-id', 'feedback-content']);
    expect(rows.map((r) => r.querySelector('[data-verdict]')!.getAttribute('data-verdict'))).toEqual([
      'omitted',
      'omitted',
      'clear',
    ]);
    expect(rows.map((r) => r.classList.contains('tt-flow--undisclosed'))).toEqual([true, true, false]);
    // The "not disclosed" box above the items names both.
    expect(qa('[data-undisclosed]').map((e) => e.dataset.undisclosed)).toEqual(['session-id', 'user-id']);
  });

  it('sums up what left in one line, in English and Swedish', () => {
    expect(mount().q('.tt-summary__line').textContent).toBe(
      '5 of 6 items left this tab; 2 flows the policy does not disclose (4 requests)',
    );
    expect(mount({ lang: 'sv' }).q('.tt-summary__line').textContent).toBe(
      '5 av 6 uppgifter lämnade den här fliken; 2 flöden som policyn inte redovisar (4 förfrågningar)',
    );
  });

  it('says when nothing has left, and when a recording is shown', () => {
    expect(mount({ aggregate: null }).q('.tt-summary__line').textContent).toBe('Nothing has left this tab yet.');
    const rec = mount({
      scope: 'rec:3',
      aggregate: telemetryTab('rec:3'),
      status: { paused: false, recording: { id: 3, title: 'Login', startedAt: Date.UTC(2024, 4, 14, 9) } },
    });
    expect(rec.q('.tt-summary__line').textContent).toContain('5 of 6 items left during this recording');
  });

  it('shows only "loading" until the aggregate is read, not a list of unseen items', () => {
    const { q, container } = mount({ aggregate: undefined });
    expect(q('.tt-summary__line').textContent).toBe('Loading…');
    expect(container.querySelector('[data-item]')).toBeNull();
  });

  it('shows the gap count only when requests went unrecorded', () => {
    expect(mount().container.querySelector('[data-gaps]')).toBeNull();
    const gaps = mount({ aggregate: { ...telemetryTab(), gaps: 3 } }).q('[data-gaps]');
    expect(gaps.textContent).toBe('3 requests not recorded');
  });
});

describe('popup: controls', () => {
  it('starts a recording with the typed title, or a default title', () => {
    const onStartRecording = vi.fn();
    const { q } = mount({ onStartRecording });
    const input = q<HTMLInputElement>('.tt-controls input');
    expect(document.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Recording title');
    input.value = '  Sign-in  ';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    click(q('[data-action="start"]'));
    expect(onStartRecording).toHaveBeenLastCalledWith('Sign-in', false);
    click(q('[data-action="start"]'));
    expect(onStartRecording).toHaveBeenLastCalledWith('Untitled recording', false);
  });

  it('asks for raw evidence only when the box is ticked, with the warning tied to it', () => {
    const onStartRecording = vi.fn();
    const { q } = mount({ onStartRecording });
    const raw = q<HTMLInputElement>('[data-action="raw"]');
    expect(document.getElementById(raw.getAttribute('aria-describedby')!)?.textContent).toMatch(/exactly as sent/);
    raw.checked = true;
    click(q('[data-action="start"]'));
    expect(onStartRecording).toHaveBeenLastCalledWith('Untitled recording', true);
    expect(raw.checked).toBe(false);
  });

  it('stops a running recording, switches scope, and pauses the log', () => {
    const onStopRecording = vi.fn();
    const onScopeChange = vi.fn();
    const onPauseChange = vi.fn();
    const { q, qa } = mount({
      status: { paused: false, recording: { id: 5, title: 'Teams call', startedAt: Date.UTC(2024, 4, 14, 9) } },
      onStopRecording,
      onScopeChange,
      onPauseChange,
    });
    expect(q('[data-recording="5"]').textContent).toContain('Recording “Teams call” since');
    click(q('[data-action="stop"]'));
    expect(onStopRecording).toHaveBeenCalledOnce();
    const scopes = qa<HTMLButtonElement>('[data-scope]');
    expect(scopes.map((b) => [b.dataset.scope, b.getAttribute('aria-pressed')])).toEqual([
      ['tab:7', 'true'],
      ['rec:5', 'false'],
    ]);
    click(q('[data-scope="rec:5"]'));
    expect(onScopeChange).toHaveBeenCalledWith('rec:5');
    click(q('[data-action="pause"]'));
    expect(onPauseChange).toHaveBeenCalledWith(true);
  });

  it('offers resume when the log is paused, and disables controls until the state is known', () => {
    const onPauseChange = vi.fn();
    const paused = mount({ status: { paused: true, recording: null }, onPauseChange });
    const button = paused.q<HTMLButtonElement>('[data-action="pause"]');
    expect(button.textContent).toBe('Resume log');
    click(button);
    expect(onPauseChange).toHaveBeenCalledWith(false);
    const loading = mount({ status: null });
    expect(loading.q<HTMLButtonElement>('[data-action="start"]').disabled).toBe(true);
    expect(loading.q<HTMLButtonElement>('[data-action="pause"]').disabled).toBe(true);
  });

  it('links to the report for the shown scope and to the policy page', () => {
    const { q } = mount();
    expect(q('a[data-link="report"]').getAttribute('href')).toBe('report.html?scope=tab%3A7');
    expect(q('a[data-link="policy"]').getAttribute('href')).toBe('policy.html');
  });
});

describe('popup: language', () => {
  it('renders every visible string from the Swedish table in Swedish', () => {
    const { container } = mount({ lang: 'sv' });
    expect(container.querySelector('.tt-popup')?.getAttribute('lang')).toBe('sv');
    expect(container.textContent).toContain('Standardinformation om datorn');
    expect(container.textContent).toContain('Inte sedd');
    expect(container.textContent).not.toContain('Not seen');
    expect(i18nFor('sv').t('verdictOmitted')).toBe('Utelämnad');
  });
});
