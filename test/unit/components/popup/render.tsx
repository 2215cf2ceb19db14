/** Renders the popup into a fresh container and gives small DOM helpers for the tests. */
import { act } from 'preact/test-utils';
import { Popup, type PopupProps } from '../../../../components/popup/Popup';
import type { Lang } from '../../../../lib/policy/types';
import { i18nFor, NOW, policy, telemetryTab } from './fixtures';
import { mountNode } from '../mount';

export function renderPopup(overrides: Partial<PopupProps> & { lang?: Lang } = {}) {
  const { lang = 'en', ...rest } = overrides;
  const props: PopupProps = {
    policy,
    i18n: i18nFor(lang),
    tabId: 7,
    scope: 'tab:7',
    aggregate: telemetryTab(),
    status: { paused: false, recording: null },
    now: NOW,
    ...rest,
  };
  const view = mountNode(<Popup {...props} />);
  return {
    ...view,
    props,
    rerender(next: Partial<PopupProps>) {
      view.rerender(<Popup {...props} {...next} />);
    },
  };
}

export function press(el: Element, key: 'Enter' | ' ') {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

export function click(el: Element) {
  act(() => {
    (el as HTMLElement).click();
  });
}
