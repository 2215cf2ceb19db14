// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { I18nContext, i18nOf } from '../../../../components/common/i18n';
import { OptionsView, type OptionsViewProps } from '../../../../components/options/OptionsView';
import { DEFAULT_SETTINGS } from '../../../../lib/store/settings';
import { mountNode, unmountAfterEach } from '../mount';

const keep = unmountAfterEach();

function view(over: Partial<OptionsViewProps>, lang: 'en' | 'sv' = 'en') {
  const props: OptionsViewProps = {
    settings: DEFAULT_SETTINGS,
    status: '',
    rulesApi: { get: async () => null, set: vi.fn(), clear: vi.fn() },
    onSaveRetention: vi.fn(),
    onAddOrigin: async () => false,
    onRemoveOrigin: vi.fn(),
    onNotifyChange: vi.fn(),
    onDeleteAll: vi.fn(),
    ...over,
  };
  return keep(mountNode(<OptionsView {...props} />, (n) => <I18nContext.Provider value={i18nOf(lang)}>{n}</I18nContext.Provider>));
}

const headersBox = (m: ReturnType<typeof view>) =>
  m.qa<HTMLInputElement>('input[type="checkbox"]').find((b) => b.parentElement?.textContent?.includes('Accept-Language'));

describe('options: hidden headers', () => {
  it('is off by default and says what turning it on costs', () => {
    const m = view({ onHiddenHeadersChange: vi.fn() });
    expect(headersBox(m)?.checked).toBe(false);
    expect(m.container.textContent).toMatch(/every request the browser makes/);
  });

  it('hands the new state to the page when ticked', () => {
    const change = vi.fn();
    const m = view({ onHiddenHeadersChange: change });
    const box = headersBox(m)!;
    act(() => {
      box.checked = true;
      box.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(change).toHaveBeenCalledWith(true);
  });

  it('shows the stored setting', () => {
    const m = view({ settings: { ...DEFAULT_SETTINGS, hiddenHeaders: true }, onHiddenHeadersChange: vi.fn() }, 'sv');
    expect(headersBox(m)?.checked).toBe(true);
  });

  it('is not offered where the browser shows every header anyway (Firefox: no handler)', () => {
    const m = view({});
    expect(headersBox(m)).toBeUndefined();
  });
});
