/** Renders report components into a fresh container with the report's own strings. */
import type { ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { I18nContext, i18nOf } from '../../../../components/common/i18n';
import type { Lang } from '../../../../lib/policy/types';
import { mountNode } from '../mount';

export function mount(node: ComponentChildren, lang: Lang = 'en') {
  return mountNode(node, (n) => <I18nContext.Provider value={i18nOf(lang)}>{n}</I18nContext.Provider>);
}

export function fire(el: Element, event: Event) {
  act(() => {
    el.dispatchEvent(event);
  });
}

export const key = (k: string) => new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
