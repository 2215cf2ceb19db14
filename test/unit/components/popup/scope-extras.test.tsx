// @vitest-environment happy-dom
/** The popup's scope pieces: where the page came from, earlier on this tab, the client's workers, the third-party switch. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import type { ScopeAggregate } from '../../../../lib/model';
import { renderPopup } from './render';
import { telemetryTab } from './fixtures';

const CLIENT = 'https://lyncweb.contoso.example';
let view: ReturnType<typeof renderPopup> | undefined;
afterEach(() => view?.unmount());

function helpTab(): ScopeAggregate {
  return {
    ...telemetryTab(),
    page: {
      navigation: '12',
      origin: 'https://support.microsoft.com',
      openedFrom: CLIENT,
      time: 1,
      sent: { features: ['online-help'], items: ['language-settings'], contents: ['help-query'] },
    },
    earlier: [
      { origin: CLIENT, firstSeen: 0, lastSeen: 1, requests: 4, gaps: 0, features: {}, items: { 'os-version': 'omitted' }, contents: {}, undisclosedSeen: true },
    ],
    dropped: 3,
  };
}

describe('popup scope extras', () => {
  it('says which client page opened this one, what it sent to get here, and lists the earlier page', () => {
    view = renderPopup({ aggregate: helpTab(), extras: { customOrigins: [CLIENT], thirdPartyVisible: true } });
    expect(view.q('[data-opened-from]').getAttribute('data-opened-from')).toBe(CLIENT);
    expect(view.q('.tt-origin__from').textContent).toBe('Opened from Lync Web App (lyncweb.contoso.example)');
    expect(view.q('.tt-origin__sent').textContent).toMatch(/^To get here it sent: .+, .+/);
    expect(view.q('.tt-origin__sent').getAttribute('data-features')).toBe('online-help');
    expect(view.q('[data-earlier]').getAttribute('data-earlier')).toBe(CLIENT);
    expect(view.q('[data-earlier] [data-item="os-version"] [data-verdict]').getAttribute('data-verdict')).toBe('omitted');
    expect(view.q('[data-dropped]').textContent).toContain('3 third-party requests not recorded');
    // Third parties are visible: no notice, no switch in the popup.
    expect(view.qa('[data-third-party]')).toEqual([]);
  });

  it("shows what the client's background worker sent", () => {
    const worker: ScopeAggregate = { ...telemetryTab(), key: `worker:${CLIENT}` };
    view = renderPopup({ extras: { worker } });
    const line = view.q(`[data-worker="worker:${CLIENT}"]`);
    expect(line.textContent).toContain("From the client's background worker:");
  });

  it('says plainly that third parties are not visible and why, and the switch asks to turn them on', () => {
    const onThirdPartyChange = vi.fn();
    view = renderPopup({ extras: { thirdPartyVisible: false, onThirdPartyChange } });
    expect(view.q('.tt-third-party__notice').textContent).toMatch(/not visible.*Microsoft hosts/);
    const box = view.q<HTMLInputElement>('[data-switch="third-party"]');
    expect(box.checked).toBe(false);
    act(() => {
      box.click();
    });
    expect(onThirdPartyChange).toHaveBeenCalledWith(true);
    // Not on until the browser grants it.
    expect(box.checked).toBe(false);
  });

  it('names the host access the browser took back, and its button asks for it again', () => {
    const onRestoreAccess = vi.fn();
    view = renderPopup({ extras: { thirdPartyVisible: false, hostAccessMissing: ['*://*.microsoft.com/*', 'https://lyncweb.contoso.example/*'], onRestoreAccess } });
    const notice = view.q('[data-host-access-missing]');
    expect(notice.getAttribute('data-host-access-missing')).toBe('2');
    expect(notice.textContent).toContain('no longer has access to *.microsoft.com, lyncweb.contoso.example');
    act(() => {
      view!.q('[data-action="restore-host-access"]').click();
    });
    expect(onRestoreAccess).toHaveBeenCalledOnce();
  });

  it('says nothing about host access while every host is granted', () => {
    view = renderPopup({ extras: { thirdPartyVisible: true, hostAccessMissing: [] } });
    expect(view.qa('[data-host-access-missing]')).toEqual([]);
  });

  it('shows nothing of this for a recording scope', () => {
    view = renderPopup({ scope: 'rec:1', aggregate: helpTab(), extras: { thirdPartyVisible: false } });
    expect(view.qa('[data-opened-from], [data-earlier], [data-third-party]')).toEqual([]);
  });
});
