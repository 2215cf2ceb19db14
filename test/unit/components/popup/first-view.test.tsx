// @vitest-environment happy-dom
/**
 * What the popup builds for its first paint: every row's head line (name, count, verdict, test attributes)
 * but only the first rows in full, the rest right after that frame; clause quotes only once opened; and
 * times formatted the same whichever formatter the cache hands out.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTime } from '../../../../components/common/format';
import { Popup, type PopupProps } from '../../../../components/popup/Popup';
import { ITEM_IDS } from '../../../../lib/policy/types';
import { i18nFor, NOW, policy, T0, telemetryTab } from './fixtures';
import { click, renderPopup } from './render';

const containers: HTMLElement[] = [];
afterEach(() => {
  for (const c of containers.splice(0)) {
    render(null, c);
    c.remove();
  }
});

/** Renders as the page does (no act): effects wait for the browser's next frame. */
function renderUnflushed(overrides: Partial<PopupProps> = {}) {
  const container = document.createElement('div');
  document.body.appendChild(container);
  containers.push(container);
  render(
    <Popup
      policy={policy}
      i18n={i18nFor('en')}
      tabId={7}
      scope="tab:7"
      aggregate={telemetryTab()}
      status={{ paused: false, recording: null }}
      now={NOW}
      {...overrides}
    />,
    container,
  );
  return container;
}

const afterFrame = () => new Promise((resolve) => setTimeout(resolve, 250));

function rowState(container: HTMLElement) {
  return [...container.querySelectorAll<HTMLElement>('li.tt-flow')].map((row) => ({
    id: row.getAttribute('data-item') ?? row.getAttribute('data-content'),
    state: row.getAttribute('data-state'),
    verdict: row.querySelector('[data-verdict]')?.getAttribute('data-verdict') ?? null,
    full: row.querySelector('.tt-purposes') !== null,
  }));
}

describe('popup: first frame with data', () => {
  it('shows every row head with its test attributes, the first two item rows in full, the rest after the frame', async () => {
    const aggregate = telemetryTab();
    const container = renderUnflushed({ aggregate });
    const first = rowState(container);
    const seenItems = ITEM_IDS.filter((id) => aggregate.items[id]);
    const contents = Object.keys(aggregate.contents);
    // Precondition: the fixture has seen rows beyond the first two, or the test would prove nothing.
    expect(ITEM_IDS.slice(2).some((id) => aggregate.items[id])).toBe(true);
    expect(contents.length).toBeGreaterThan(0);

    expect(first.map((r) => r.id)).toEqual([...ITEM_IDS, ...first.slice(ITEM_IDS.length).map((r) => r.id)]);
    expect(first.slice(ITEM_IDS.length).map((r) => r.id).sort()).toEqual([...contents].sort());
    for (const r of first) {
      const flow = ITEM_IDS.includes(r.id as never) ? aggregate.items[r.id as never] : aggregate.contents[r.id!];
      expect(r.state).toBe(flow ? 'seen' : 'not-seen');
      expect(r.verdict).toBe(flow ? flow.worst : null);
    }
    const fullAtFirst = first.filter((r) => r.full).map((r) => r.id);
    expect(fullAtFirst).toEqual(ITEM_IDS.slice(0, 2).filter((id) => aggregate.items[id]));
    // A head-only badge points at no explanation that is not there yet.
    for (const badge of container.querySelectorAll('[aria-describedby]')) {
      expect(document.getElementById(badge.getAttribute('aria-describedby')!)).not.toBeNull();
    }

    await afterFrame();
    const after = rowState(container);
    expect(after.filter((r) => r.full).map((r) => r.id).sort()).toEqual([...seenItems, ...contents].sort());
  });

  it('holds rows back in the first frame with data also when a loading frame came before it', async () => {
    const container = renderUnflushed({ aggregate: undefined });
    expect(container.querySelectorAll('li.tt-flow')).toHaveLength(0);
    await afterFrame();
    render(
      <Popup policy={policy} i18n={i18nFor('en')} tabId={7} scope="tab:7" aggregate={telemetryTab()} status={null} now={NOW} />,
      container,
    );
    const seen = () => rowState(container).filter((r) => r.state === 'seen');
    expect(seen().length).toBeGreaterThan(2);
    expect(seen().filter((r) => r.full).map((r) => r.id)).toEqual(
      ITEM_IDS.slice(0, 2).filter((id) => telemetryTab().items[id]),
    );
    await afterFrame();
    expect(seen().every((r) => r.full)).toBe(true);
  });
});

describe('popup: clause quotes', () => {
  it('builds the quoted clause only when it is opened', () => {
    const { q } = renderPopup();
    const row = q('li[data-item="os-version"]');
    const toggle = row.querySelector<HTMLButtonElement>('.tt-purposes button[aria-expanded]')!;
    const region = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(region.hidden).toBe(true);
    expect(region.textContent).toBe('');
    click(toggle);
    expect(region.querySelector('blockquote')?.textContent?.length).toBeGreaterThan(50);
  });
});

describe('formatTime', () => {
  it('gives the same text from its kept formatters as from fresh ones, for times and dates, in both languages', () => {
    const times = [T0, T0 + 3_600_000, T0 - 3 * 86_400_000, T0 - 400 * 86_400_000];
    for (const lang of ['en', 'sv'] as const) {
      const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
      for (const ms of times) {
        const sameDay = new Date(NOW).toDateString() === new Date(ms).toDateString();
        const fresh = new Intl.DateTimeFormat(
          locale,
          sameDay
            ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
            : { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
        ).format(new Date(ms));
        // Twice: the second call is served by the kept formatter.
        expect(formatTime(ms, lang, NOW)).toBe(fresh);
        expect(formatTime(ms, lang, NOW)).toBe(fresh);
      }
    }
    expect(formatTime(T0, 'en', NOW)).not.toBe(formatTime(T0 - 3 * 86_400_000, 'en', NOW));
  });
});
