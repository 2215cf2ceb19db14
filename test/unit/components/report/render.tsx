/** Renders report components into a fresh container with the report's own strings. */
import type { ComponentChildren } from 'preact';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { I18nContext, i18nOf } from '../../../../components/common/i18n';
import type { Lang } from '../../../../lib/policy/types';

export function mount(node: ComponentChildren, lang: Lang = 'en') {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const wrap = (n: ComponentChildren) => <I18nContext.Provider value={i18nOf(lang)}>{n}</I18nContext.Provider>;
  act(() => render(wrap(node), container));
  return {
    container,
    rerender(next: ComponentChildren) {
      act(() => render(wrap(next), container));
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

export function fire(el: Element, event: Event) {
  act(() => {
    el.dispatchEvent(event);
  });
}

export const key = (k: string) => new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
