// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nContext, i18nOf } from '../../../../components/common/i18n';
import { STRINGS } from '../../../../components/common/strings';
import { Panel, type PanelProps } from '../../../../components/devtools/Panel';
import { clearCut } from '../../../../components/devtools/model';
import type { Lang } from '../../../../lib/policy/types';
import { NOW, REQUESTS, TAB, observe, policy, tabObservations } from './fixtures';

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const c of mounted.splice(0)) {
    act(() => render(null, c));
    c.remove();
  }
});

function mount(over: Partial<PanelProps> = {}, lang: Lang = 'en') {
  const props: PanelProps = {
    policy,
    tabId: TAB,
    observations: tabObservations(),
    limit: 500,
    now: NOW,
    onClear: vi.fn(),
    onExport: vi.fn(),
    ...over,
  };
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  const view = (p: PanelProps) => (
    <I18nContext.Provider value={i18nOf(lang)}>
      <Panel {...p} />
    </I18nContext.Provider>
  );
  act(() => render(view(props), container));
  const q = <T extends Element = HTMLElement>(s: string) => container.querySelector<T>(s);
  const qa = <T extends Element = HTMLElement>(s: string) => [...container.querySelectorAll<T>(s)];
  return {
    container,
    props,
    q,
    qa,
    rows: () => qa('[role="option"]'),
    rerender: (next: Partial<PanelProps>) => act(() => render(view({ ...props, ...next }), container)),
    setFilter(value: string) {
      const select = q<HTMLSelectElement>('select[data-filter]')!;
      act(() => {
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
    },
  };
}

const click = (el: Element | null) => act(() => (el as HTMLElement).click());
const key = (el: Element | null, k: string) =>
  act(() => {
    el!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  });

describe('DevTools panel: list', () => {
  it('lists the tab requests oldest first, one line each; features and flow chips only for the selected row', () => {
    const { rows, q } = mount();
    let list = rows();
    expect(list.map((r) => new URL(r.querySelector('.tt-reqrow__url')!.getAttribute('title')!).host)).toEqual([
      'browser.events.data.microsoft.com',
      'dc.services.visualstudio.com',
      'support.office.com',
      'outlook.office.com',
    ]);
    expect(list.map((r) => r.dataset.worst)).toEqual(['omitted', 'vague', 'clear', 'clear']);
    expect(list.every((r) => r.querySelectorAll('.tt-reqrow__line').length === 1)).toBe(true);
    expect(list.map((r) => Number(r.querySelector<HTMLElement>('[data-flow-count]')!.dataset.flowCount) > 0)).toEqual([true, true, true, true]);
    expect(list.some((r) => r.querySelector('[data-features], [data-flow]'))).toBe(false);
    click(list[0]!);
    list = rows();
    const oneDs = list[0]!;
    expect(oneDs.querySelector('[data-features]')!.getAttribute('data-features')).toBe('standard-computer-information');
    expect(oneDs.querySelector('[data-flow="user-id"]')!.getAttribute('data-verdict')).toBe('omitted');
    expect(oneDs.querySelector('[data-flow="os-version"]')!.getAttribute('data-verdict')).toBe('clear');
    expect(list.slice(1).some((r) => r.querySelector('[data-features]'))).toBe(false);
    click(list[2]!);
    expect(rows()[2]!.querySelector('[data-features]')!.textContent).not.toBe('');
    expect(q('[data-count]')!.textContent).toBe('4 of 4 requests');
    expect(q('[data-tab]')!.textContent).toBe(`Tab ${TAB}`);
  });

  it("names the inspected page by its title when it is known", () => {
    const { q } = mount({ pageTitle: 'Mail – Outlook' });
    expect(q('[data-tab]')!.textContent).toBe('Mail – Outlook');
  });

  it('filters to vague-or-worse and to omitted-or-incorrect requests, and back', () => {
    const view = mount();
    view.setFilter('vague');
    expect(view.rows().map((r) => r.dataset.worst)).toEqual(['omitted', 'vague']);
    expect(view.q('[data-count]')!.textContent).toBe('2 of 4 requests');
    view.setFilter('omitted');
    expect(view.rows().map((r) => r.dataset.worst)).toEqual(['omitted']);
    view.setFilter('all');
    expect(view.rows()).toHaveLength(4);
  });

  it('says so when the filter leaves nothing, differently from an empty tab', () => {
    const onlyClear = tabObservations().filter((o) => o.url.includes('support.office.com'));
    const view = mount({ observations: onlyClear });
    view.setFilter('omitted');
    expect(view.q('[data-empty]')!.textContent).toBe(STRINGS.en.panelEmptyFiltered);
    const empty = mount({ observations: [] });
    expect(empty.q('[data-empty]')!.textContent).toBe(STRINGS.en.panelEmpty);
    expect(empty.q<HTMLButtonElement>('[data-action="export-har"]')!.disabled).toBe(true);
  });

  it('says when the read bound is reached', () => {
    expect(mount({ limit: 4 }).container.textContent).toContain('Showing the newest 4 requests');
    expect(mount({ limit: 5 }).container.textContent).not.toContain('Showing the newest');
  });

  it('shows the loading state before the first read', () => {
    expect(mount({ observations: undefined }).container.textContent).toContain('Loading');
  });
});

describe('DevTools panel: evidence', () => {
  it('selecting a request shows its evidence in the report evidence pane', () => {
    const view = mount();
    expect(view.q('.tt-evidence-pane')!.textContent).toContain(STRINGS.en.selectRequest);
    click(view.rows()[0]!);
    expect(view.rows()[0]!.getAttribute('aria-selected')).toBe('true');
    const pane = view.q('.tt-evidence-pane')!;
    expect(pane.textContent).toContain(`POST ${REQUESTS.oneDs.url}`);
    const marks = [...pane.querySelectorAll('mark[data-path]')].map((m) => m.getAttribute('data-path'));
    expect(marks).toContain('body[0].data.UserInfo.Id');
    expect(pane.querySelector('[data-subject="user-id"] [data-verdict]')!.getAttribute('data-verdict')).toBe('omitted');
  });

  it('moves the selection with the arrow keys, Home and End', () => {
    const view = mount();
    const list = view.q('[role="listbox"]')!;
    key(list, 'ArrowDown');
    expect(view.rows()[0]!.getAttribute('aria-selected')).toBe('true');
    key(list, 'ArrowDown');
    expect(view.rows()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(list.getAttribute('aria-activedescendant')).toBe(view.rows()[1]!.id);
    key(list, 'End');
    expect(view.rows()[3]!.getAttribute('aria-selected')).toBe('true');
    key(list, 'ArrowDown');
    expect(view.rows()[3]!.getAttribute('aria-selected')).toBe('true');
    key(list, 'Home');
    key(list, 'ArrowUp');
    expect(view.rows()[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('keeps the selection across a live update that adds requests', () => {
    const first = tabObservations();
    const view = mount({ observations: first });
    click(view.rows()[1]!);
    const later = observe(REQUESTS.help, { time: REQUESTS.help.time + 60_000 });
    view.rerender({ observations: [later, ...first] });
    expect(view.rows()).toHaveLength(5);
    expect(view.rows()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(view.q('.tt-evidence-pane')!.textContent).toContain('dc.services.visualstudio.com');
  });

  it('drops the evidence of a selected request the filter hides', () => {
    const view = mount();
    click(view.rows()[2]!);
    view.setFilter('vague');
    expect(view.q('[aria-selected="true"]')).toBeNull();
    expect(view.q('.tt-evidence-pane')!.textContent).toContain(STRINGS.en.selectRequest);
  });
});

describe('DevTools panel: clear and export', () => {
  it('clear and export call back; a clear cut hides the earlier requests only', () => {
    const onClear = vi.fn();
    const onExport = vi.fn();
    const observations = tabObservations();
    const view = mount({ onClear, onExport, observations });
    click(view.q('[data-action="clear"]'));
    click(view.q('[data-action="export-har"]'));
    expect(onClear).toHaveBeenCalledTimes(1);
    expect(onExport).toHaveBeenCalledTimes(1);
    const cut = clearCut(observations, undefined);
    view.rerender({ clearedThrough: cut });
    expect(view.rows()).toHaveLength(0);
    const later = observe(REQUESTS.oneDs, { time: REQUESTS.oneDs.time + 60_000 });
    view.rerender({ clearedThrough: cut, observations: [later, ...observations] });
    expect(view.rows().map((r) => r.dataset.requestId)).toEqual([later.requestId]);
  });

  it('shows the status line as an error or as information', () => {
    const view = mount({ status: { kind: 'error', text: 'Could not read the requests: gone' } });
    const status = view.q('[role="status"]')!;
    expect(status.textContent).toBe('Could not read the requests: gone');
    expect(status.className).toContain('tt-status--error');
  });
});

describe('DevTools panel: language', () => {
  it('renders in Swedish with Swedish verdicts', () => {
    const view = mount({}, 'sv');
    expect(view.q('[data-count]')!.textContent).toBe('4 av 4 förfrågningar');
    expect(view.q('[data-action="clear"]')!.textContent).toBe('Rensa');
    expect(view.rows()[0]!.querySelector('.tt-verdict[data-verdict="omitted"]')!.textContent).toBe('Utelämnad');
  });

});
