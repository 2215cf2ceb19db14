/**
 * UI language for views. Components never call `browser.i18n` themselves: the entrypoint decides the language
 * with `uiLang` (strings/lang.ts) from what the browser says and hands the views an `I18n` through context.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from '../../lib/policy/types';
import { translator, type Translate } from './strings';
import { uiLang, type LanguageSources } from './strings/lang';

export type { StringKey, Substitutions, Translate } from './strings';

export interface I18n {
  lang: Lang;
  /** BCP 47 tag for dates and numbers (en-US, en-GB, sv-SE, …). */
  locale: string;
  t: Translate;
}

/** The I18n of a language, with that language's default locale unless one is given. */
export function i18nOf(lang: Lang, locale: string = lang === 'sv' ? 'sv-SE' : 'en-US'): I18n {
  return { lang, locale, t: translator(lang) };
}

/** The I18n of a page, by the one language rule. */
export function pageI18n(sources: LanguageSources): I18n {
  const { lang, locale } = uiLang(sources);
  return i18nOf(lang, locale);
}

const fallback: I18n = i18nOf('en');
export const I18nContext = createContext<I18n>(fallback);

export function useI18n(): I18n {
  return useContext(I18nContext);
}
