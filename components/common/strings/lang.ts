/**
 * The one language rule of every page. Pages pass in what the browser says; this decides, so the popup, the
 * report, the panel, the options and the policy page always speak the same language:
 *
 * 1. `?lang=sv|en` in the page's address (the policy page's switch, tests and screenshots);
 * 2. else the browser's UI language (`browser.i18n.getUILanguage()`) when it is Swedish or English — it
 *    says sv-SE on a Swedish system even where Chromium has no Swedish UI pack and serves English
 *    `_locales`, which is why no page reads its language from the `_locales` file the browser picked;
 * 3. else the first Swedish or English entry of `navigator.languages`;
 * 4. else English.
 *
 * Dates and numbers follow the locale the language came from (en-US gets month/day, en-GB day/month); a bare
 * tag or the `?lang=` switch takes that language's locale from the browser's list, or sv-SE / en-US.
 */
import type { Lang } from '../../../lib/policy/types';

export interface UiLanguage {
  lang: Lang;
  /** BCP 47 tag for Intl formatting. */
  locale: string;
}

export interface LanguageSources {
  /** The page's query string (`location.search`). */
  search?: string;
  /** `browser.i18n.getUILanguage()`. */
  uiLanguage?: string;
  /** `navigator.languages`. */
  languages?: readonly string[];
}

const DEFAULT_LOCALE: Record<Lang, string> = { sv: 'sv-SE', en: 'en-US' };

export function langOfTag(tag: string | undefined | null): Lang | undefined {
  const m = /^(sv|en)(?:$|[-_])/i.exec(tag?.trim() ?? '');
  return m ? (m[1]!.toLowerCase() as Lang) : undefined;
}

/** A usable Intl tag with a region, or undefined. `sv_FI` → `sv-FI`. */
function regionalTag(tag: string): string | undefined {
  const dashed = tag.trim().replace(/_/g, '-');
  if (!/-/.test(dashed)) return undefined;
  try {
    return Intl.getCanonicalLocales(dashed)[0];
  } catch {
    return undefined;
  }
}

function localeFor(lang: Lang, candidates: readonly string[]): string {
  for (const tag of candidates) {
    if (langOfTag(tag) !== lang) continue;
    const regional = regionalTag(tag);
    if (regional) return regional;
  }
  return DEFAULT_LOCALE[lang];
}

export function uiLang({ search = '', uiLanguage, languages = [] }: LanguageSources): UiLanguage {
  const candidates = [uiLanguage ?? '', ...languages];
  const asked = new URLSearchParams(search).get('lang');
  const lang: Lang =
    (asked === 'sv' || asked === 'en' ? asked : undefined) ??
    langOfTag(uiLanguage) ??
    languages.map(langOfTag).find((l) => l !== undefined) ??
    'en';
  return { lang, locale: localeFor(lang, candidates) };
}
