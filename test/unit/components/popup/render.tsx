/** Renders the popup into a fresh container and gives small DOM helpers for the tests. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { Popup, type PopupProps } from '../../../../components/popup/Popup';
import type { Lang } from '../../../../lib/policy/types';
import { i18nFor, NOW, policy, telemetryTab } from './fixtures';

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
  const container = document.createElement('div');
  document.body.appendChild(container);
  act(() => render(<Popup {...props} />, container));
  return {
    container,
    props,
    rerender(next: Partial<PopupProps>) {
      act(() => render(<Popup {...props} {...next} />, container));
    },
    q<T extends Element = HTMLElement>(selector: string): T {
      const el = container.querySelector<T>(selector);
      if (!el) throw new Error(`no element matches ${selector}`);
      return el;
    },
    qa<T extends Element = HTMLElement>(selector: string): T[] {
      return [...container.querySelectorAll<T>(selector)];
    },
    unmount() {
      act(() => render(null, container));
      container.remove();
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
