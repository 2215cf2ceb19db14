// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ITEM_IDS } from '../../../../lib/policy/types';
import { clauseById, purposeById, sectionHeading } from '../../../../lib/policy/lookup';
import { HOSTILE_VALUE, i18nFor, lyncWebAppTab, policy, telemetryTab } from './fixtures';
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

const row = (v: ReturnType<typeof mount>, id: string) => v.q(`tr[data-item="${id}"]`);
const open = (v: ReturnType<typeof mount>, id: string) => {
  click(row(v, id).querySelector('button')!);
  return v.q(`#tt-details-${id}`);
};

describe('popup: the six items in one table', () => {
  it('lists all six, undisclosed and vague first, grouped by who put them on the wire', () => {
    const v = mount();
    const rows = v.qa('tr[data-item]');
    expect(rows.map((r) => r.dataset.item).sort()).toEqual([...ITEM_IDS].sort());
    const state = Object.fromEntries(rows.map((r) => [r.dataset.item, r.dataset.state]));
    expect(state).toEqual({
      'ip-address': 'seen',
      'os-version': 'seen',
      'browser-version': 'seen',
      'regional-settings': 'not-seen',
      'language-settings': 'seen',
      'hardware-id': 'seen',
    });
    const groups = v.qa('tbody[data-group]').map((g) => [g.dataset.group, [...g.querySelectorAll<HTMLElement>('tr[data-item]')].map((r) => r.dataset.item)]);
    // The page put these in bodies; the IP address only went with the connection; regional settings never left.
    expect(groups).toEqual([
      ['client', ['hardware-id', 'os-version', 'browser-version', 'language-settings']],
      ['browser', ['ip-address']],
      ['not-seen', ['regional-settings']],
    ]);
    expect(v.q('tbody[data-group="browser"]').textContent).toContain('Sent by the browser with every request');
  });

  it('shows request counts and the worst verdict per seen item', () => {
    const v = mount();
    expect(row(v, 'ip-address').querySelector('.tt-items__num')!.textContent).toBe('4×');
    expect(row(v, 'os-version').querySelector('.tt-items__num')!.textContent).toBe('2×');
    expect(row(v, 'os-version').querySelector<HTMLElement>('[data-verdict]')!.dataset.verdict).toBe('clear');
    const hw = row(v, 'hardware-id').querySelector<HTMLElement>('[data-verdict]')!;
    expect(hw.dataset.verdict).toBe('vague');
    expect(hw.textContent).toBe('Vague');
    // The explanation is one click away, in the details.
    expect(open(v, 'hardware-id').textContent).toContain('Only a broad term in the policy covers this.');
  });

  it('shows not-seen items without a verdict, features or details toggle', () => {
    const r = row(mount(), 'regional-settings');
    expect(r.textContent).toContain('no');
    expect(r.querySelector('[data-verdict]')).toBeNull();
    expect(r.querySelector('[data-features]')).toBeNull();
    expect(r.querySelector('button')).toBeNull();
  });

  it('names the main feature and how many more; the details name and link each one with its count', () => {
    const v = mount();
    const to = row(v, 'ip-address').querySelector<HTMLElement>('[data-features]')!;
    expect(to.dataset.features!.split(' ').sort()).toEqual(['online-feedback', 'standard-computer-information']);
    expect(to.textContent).toMatch(/^(Computer info|Online feedback) \+1$/);
    const details = open(v, 'ip-address');
    const sci = details.querySelector<HTMLAnchorElement>('[data-feature="standard-computer-information"] a')!;
    expect(sci.getAttribute('href')).toBe('policy.html#feature-standard-computer-information');
    expect(sci.textContent).toBe('Collection and use of information about your computer (2)');
  });

  it('shows an item only hinted at, muted, with what was hinted', () => {
    const agg = telemetryTab();
    const hint = { ...agg.items['os-version']!, id: 'os-name', samples: agg.items['os-version']!.samples.map((s) => ({ ...s, evidence: [{ ...s.evidence[0]!, value: 'Linux' }] })) };
    const bare = { ...agg, items: { ...agg.items, 'os-version': undefined }, hints: { 'os-name': hint } };
    delete bare.items['os-version'];
    const v = mount({ aggregate: bare, itemOfSignal: (s) => (s === 'os-name' ? 'os-version' : undefined) });
    const r = row(v, 'os-version');
    expect(r.dataset.state).toBe('hinted');
    expect(r.querySelector('[data-hint]')!.textContent).toBe('Only a hint left: Linux');
    expect(r.querySelector('[data-verdict]')).toBeNull();
  });
});

describe('popup: details on demand', () => {
  it('gives purposes per feature in the UI language and names the clause with a link', () => {
    const improve = purposeById(policy, 'improve-products')!;
    const details = open(mount(), 'os-version');
    const sci = details.querySelector('[data-feature="standard-computer-information"]')!;
    expect(sci.querySelector('[data-purpose="improve-products"]')?.textContent).toBe(improve.name.en);
    const link = sci.querySelector<HTMLAnchorElement>('a[data-clause]')!;
    expect(link.getAttribute('href')).toBe(`policy.html#clause-${improve.clause}`);
    // The English page names the clause by its English heading; the Swedish page by the verbatim one.
    expect(link.textContent).toBe(sectionHeading(policy, clauseById(policy, improve.clause)!, 'en'));
    expect(link.textContent).not.toBe(clauseById(policy, improve.clause)!.section);

    const sv = open(mount({ lang: 'sv' }), 'os-version');
    expect(sv.querySelector('[data-purpose="improve-products"]')?.textContent).toBe(improve.name.sv);
    expect(sv.querySelector('a[data-clause]')!.textContent).toBe(clauseById(policy, improve.clause)!.section);
    expect(improve.name.sv).not.toBe(improve.name.en);
  });

  it('ties purposes to the feature that has them', () => {
    const details = open(mount(), 'ip-address');
    const feedback = details.querySelector('[data-feature="online-feedback"]')!;
    const sci = details.querySelector('[data-feature="standard-computer-information"]')!;
    expect([...feedback.querySelectorAll<HTMLElement>('[data-purpose]')].map((p) => p.dataset.purpose).sort()).toEqual(
      ['follow-up-feedback', 'improve-websites-products'],
    );
    expect(sci.querySelector('[data-purpose="follow-up-feedback"]')).toBeNull();
  });

  it('shows the verbatim Swedish clause one click away', () => {
    const details = open(mount(), 'os-version');
    const toggle = details.querySelector<HTMLButtonElement>('.tt-purposes button[aria-expanded]')!;
    const region = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(region.hidden).toBe(true);
    expect(region.textContent).toBe('');
    click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const quote = region.querySelector('blockquote')!;
    expect(quote.getAttribute('lang')).toBe('sv');
    expect(quote.textContent).toBe(clauseById(policy, 'sci-use')!.sv);
    expect(region.textContent).toContain(clauseById(policy, 'sci-use')!.en);
  });

  it('opens with Enter and closes with Space, the evidence grouped by host and path', () => {
    const v = mount();
    const toggle = row(v, 'os-version').querySelector<HTMLButtonElement>('button')!;
    const region = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(region.hidden).toBe(true);
    press(toggle, 'Enter');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(region.hidden).toBe(false);
    // Two requests to one endpoint with the same field and value: one group, one field line.
    const groups = region.querySelectorAll('.tt-evgroup');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.querySelector('.tt-evgroup__endpoint')?.textContent).toBe('browser.events.data.microsoft.com/OneCollector/1.0/');
    expect(groups[0]!.textContent).toContain('2×');
    expect(groups[0]!.querySelector('time')?.getAttribute('datetime')).toMatch(/^2024-05-14T09:35/);
    const fields = groups[0]!.querySelectorAll('.tt-evgroup__fields li');
    expect(fields).toHaveLength(1);
    expect(fields[0]!.querySelector('.tt-evidence__fieldpath')?.textContent).toBe('body[0].ext.os.ver');
    expect(fields[0]!.querySelector('.tt-evidence__value')?.textContent).toBe('10.0');
    press(toggle, ' ');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(region.hidden).toBe(true);
  });

  it('renders an HTML/JS payload in an evidence value as inert text', () => {
    const details = open(mount(), 'hardware-id');
    const value = details.querySelector('.tt-evidence__value')!;
    expect(value.textContent).toBe(HOSTILE_VALUE);
    expect(value.children).toHaveLength(0);
    expect(details.querySelector('img, script')).toBeNull();
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('paints the first screen without the policy, and says so in details until it is there', () => {
    const v = mount({ policy: undefined });
    expect(v.qa('tr[data-item]')).toHaveLength(6);
    expect(v.q('.tt-answer').textContent).toContain('2 flows the policy does not disclose');
    const details = open(v, 'os-version');
    expect(details.textContent).toContain('Reading the policy…');
    // The evidence needs only the aggregate.
    expect(details.querySelector('.tt-evgroup')).not.toBeNull();
  });
});

describe('popup: the answer, content and identifiers', () => {
  it('lists undisclosed flows first and marks them, each with its feature and host', () => {
    const rows = mount().qa('li[data-content]');
    expect(rows.map((r) => r.dataset.content)).toEqual(['session-id', 'user-id', 'feedback-content']);
    expect(rows.map((r) => r.querySelector('[data-verdict]')!.getAttribute('data-verdict'))).toEqual(['omitted', 'omitted', 'clear']);
    expect(rows.map((r) => r.classList.contains('tt-content--undisclosed'))).toEqual([true, true, false]);
    expect(rows[0]!.querySelector('.tt-content__to')!.textContent).toBe('Computer info · to browser.events.data.microsoft.com');
    expect(rows[2]!.querySelector('.tt-content__to')!.textContent).toBe('Online feedback · to sas.office.microsoft.com');
  });

  it('names UCWA conversation content in English and Swedish, with its host', () => {
    const en = mount({ aggregate: lyncWebAppTab() }).qa('li[data-content]');
    expect(en.map((r) => r.dataset.content).sort()).toEqual(['contact-address', 'instant-message', 'people-search']);
    const name = (rows: HTMLElement[], id: string) => rows.find((r) => r.dataset.content === id)!.querySelector('.tt-content__head button')!.textContent;
    expect(['instant-message', 'contact-address', 'people-search'].map((id) => name(en, id))).toEqual(['Instant message', 'Contact address', 'People search']);
    expect(en[0]!.querySelector('.tt-content__to')!.textContent).toContain('lyncweb.contoso.com');
    expect(en.map((r) => r.querySelector('[data-verdict]')!.getAttribute('data-verdict'))).toEqual(['vague', 'vague', 'vague']);
    const sv = mount({ aggregate: lyncWebAppTab(), lang: 'sv' }).qa('li[data-content]');
    expect(['instant-message', 'contact-address', 'people-search'].map((id) => name(sv, id))).toEqual(['Snabbmeddelande', 'Kontaktadress', 'Sökning efter personer']);
  });

  it('answers in one line, in English and Swedish', () => {
    expect(mount().q('.tt-answer').textContent).toBe('2 flows the policy does not disclose (1 only in broad terms)');
    expect(mount().q('.tt-summary__facts').textContent).toBe('5 of 6 items left in 4 requests');
    expect(mount({ lang: 'sv' }).q('.tt-answer').textContent).toBe('2 flöden som policyn inte redovisar (1 bara i vida ordalag)');
  });

  it('says everything sent is disclosed when no flow is omitted or incorrect', () => {
    const agg = telemetryTab();
    const contents = { 'feedback-content': agg.contents['feedback-content']! };
    const items = { ...agg.items, 'hardware-id': undefined };
    delete items['hardware-id'];
    const v = mount({ aggregate: { ...agg, items, contents } });
    expect(v.q('.tt-answer').textContent).toBe('Everything sent is disclosed');
    expect(v.q('.tt-answer').classList.contains('tt-answer--good')).toBe(true);
  });

  it('says when nothing has left, and when a recording is shown', () => {
    expect(mount({ aggregate: null }).q('.tt-summary__line').textContent).toBe('Nothing has left this tab yet.');
    const rec = mount({
      scope: 'rec:3',
      aggregate: { ...telemetryTab('rec:3'), requests: 0 },
      status: { paused: false, recording: { id: 3, title: 'Login', startedAt: Date.UTC(2024, 4, 14, 9) } },
    });
    expect(rec.q('.tt-summary__line').textContent).toBe('Nothing has left during this recording yet.');
  });

  it('shows only "loading" until the aggregate is read, not a list of unseen items', () => {
    const { q, container } = mount({ aggregate: undefined });
    expect(q('.tt-summary__line').textContent).toBe('Loading…');
    expect(container.querySelector('[data-item]')).toBeNull();
  });

  it('names losses precisely: not recorded, or recorded without headers or body', () => {
    expect(mount().container.querySelector('[data-gaps]')).toBeNull();
    const split = mount({ aggregate: { ...telemetryTab(), gaps: 3, incomplete: 1 } }).q('[data-gaps]');
    expect(split.querySelector('[data-loss="lost"]')!.textContent).toBe('2 requests not recorded');
    expect(split.querySelector('[data-loss="incomplete"]')!.textContent).toBe(' · 1 request recorded without headers or body');
    const onlyIncomplete = mount({ aggregate: { ...telemetryTab(), gaps: 1, incomplete: 1 } }).q('[data-gaps]');
    expect(onlyIncomplete.textContent).toBe('1 request recorded without headers or body');
    expect(mount({ aggregate: { ...telemetryTab(), gaps: 3 } }).q('[data-gaps]').textContent).toBe('3 requests not recorded');
    // An aggregate from before the split cannot tell them apart, and says so.
    const old = { ...telemetryTab(), gaps: 3 };
    delete old.incomplete;
    expect(mount({ aggregate: old }).q('[data-gaps]').textContent).toBe(
      '3 requests not recorded or recorded without headers or body',
    );
  });

  it('says how many preflights and static files were left out of the counts', () => {
    expect(mount().container.querySelector('[data-background]')).toBeNull();
    expect(mount({ aggregate: { ...telemetryTab(), background: 14 } }).q('[data-background]').textContent).toBe(
      'Not counted: 14 preflights and static files that carried only browser headers.',
    );
  });

  it('puts the answer before the recording controls', () => {
    const { container } = mount();
    const order = [...container.querySelectorAll('.tt-answer, .tt-items, .tt-contents, .tt-controls')].map((e) => e.className.split(' ')[0]);
    expect(order).toEqual(['tt-answer', 'tt-items', 'tt-contents', 'tt-controls']);
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
    expect(container.textContent).toContain('Skickas av webbläsaren med varje förfrågan');
    expect(container.textContent).toContain('Operativsystem\u00adversion');
    expect(container.textContent).not.toContain('Not seen');
    expect(i18nFor('sv').t('verdictOmitted')).toBe('Utelämnad');
  });
});
