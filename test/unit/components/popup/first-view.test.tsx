// @vitest-environment happy-dom
/**
 * What the popup builds for its first paint: the answer, the six-item table and the content list, without the
 * policy model; details and clause quotes only once opened; and times formatted the same whichever formatter
 * the cache hands out.
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

describe('popup: first frame with data', () => {
  it('builds only the header and the summary while the first frame is under way', () => {
    const container = renderUnflushed({ policy: undefined, summaryOnly: true });
    expect(container.querySelector('.tt-answer[elementtiming="telltale-data"]')?.textContent).toContain('not disclose');
    expect(container.querySelector('.tt-summary__facts')?.textContent).not.toBe('');
    expect(container.querySelector('[data-link="report"]')).not.toBeNull();
    expect(container.querySelector('table, li[data-content], .tt-controls-section')).toBeNull();
  });

  it('builds the whole first screen once the summary is painted, with no details and no clause text', () => {
    const container = renderUnflushed({ policy: undefined });
    expect(container.querySelectorAll('tr[data-item]')).toHaveLength(ITEM_IDS.length);
    expect(container.querySelector('.tt-answer[elementtiming="telltale-data"]')).not.toBeNull();
    expect(container.querySelectorAll('li[data-content]').length).toBe(Object.keys(telemetryTab().contents).length);
    // Details and clause quotes are built only when opened.
    expect(container.querySelector('.tt-details, .tt-purposes, blockquote')).toBeNull();
  });
});

describe('popup: clause quotes', () => {
  it('builds the quoted clause only when it is opened', () => {
    const { q } = renderPopup();
    click(q('tr[data-item="os-version"] button'));
    const toggle = q<HTMLButtonElement>('#tt-details-os-version .tt-purposes button[aria-expanded]');
    const region = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(region.hidden).toBe(true);
    expect(region.textContent).toBe('');
    click(toggle);
    expect(region.querySelector('blockquote')?.textContent?.length).toBeGreaterThan(50);
  });
});

describe('formatTime', () => {
  it('gives the same text from its kept formatters as from fresh ones, for times and dates, in each locale', () => {
    const times = [T0, T0 + 3_600_000, T0 - 3 * 86_400_000, T0 - 400 * 86_400_000];
    for (const locale of ['en-US', 'en-GB', 'sv-SE']) {
      for (const ms of times) {
        const sameDay = new Date(NOW).toDateString() === new Date(ms).toDateString();
        const fresh = new Intl.DateTimeFormat(
          locale,
          sameDay
            ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
            : { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
        ).format(new Date(ms));
        // Twice: the second call is served by the kept formatter.
        expect(formatTime(ms, locale, NOW)).toBe(fresh);
        expect(formatTime(ms, locale, NOW)).toBe(fresh);
      }
    }
    expect(formatTime(T0, 'en-US', NOW)).not.toBe(formatTime(T0 - 3 * 86_400_000, 'en-US', NOW));
  });
});
