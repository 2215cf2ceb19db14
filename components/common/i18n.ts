/**
 * UI strings for views. Components never call `browser.i18n` themselves: the entrypoint hands them a
 * translator (backed by `browser.i18n.getMessage`), tests hand them one built from the messages.json files.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from '../../lib/policy/types';

export type Substitutions = string | number | ReadonlyArray<string | number>;
export type Translate = (key: string, substitutions?: Substitutions) => string;

export interface I18n {
  lang: Lang;
  t: Translate;
}

/** The shape of one `_locales/<lang>/messages.json`. */
export type MessageTable = Record<
  string,
  { message: string; description?: string; placeholders?: Record<string, { content: string; example?: string }> }
>;

/** `sv`, `sv-SE`, `sv_FI` → sv; everything else → en (the policy is Swedish, the fallback English). */
export function uiLang(uiLanguage: string | undefined): Lang {
  return /^sv\b|^sv[-_]/i.test(uiLanguage ?? '') ? 'sv' : 'en';
}

/** BCP 47 tag used for dates and numbers in the given UI language. */
export function localeOf(lang: Lang): string {
  return lang === 'sv' ? 'sv-SE' : 'en-GB';
}

/**
 * A translator over a messages.json table with the same substitution rules as `browser.i18n.getMessage`:
 * `$name$` takes its placeholder's content, `$1`..`$9` in that content take the substitutions, `$$` is `$`.
 * Unknown keys give '' like the browser does, so a missing string shows up as a gap in tests.
 */
export function translatorFrom(table: MessageTable): Translate {
  return (key, substitutions) => {
    const entry = table[key];
    if (!entry) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    const sub = (d: string) => (d === '$' ? '$' : String(subs[Number(d) - 1] ?? ''));
    const placeholders = entry.placeholders ?? {};
    // One pass each, so a `$` inside a substituted value is never read as a marker again.
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$|\$(\$|[1-9])/g, (m, name?: string, d?: string) => {
      if (d) return sub(d);
      const p = placeholders[name!.toLowerCase()] ?? placeholders[name!];
      return p ? p.content.replace(/\$(\$|[1-9])/g, (_x, pd: string) => sub(pd)) : m;
    });
  };
}

const fallback: I18n = { lang: 'en', t: (key) => key };
export const I18nContext = createContext<I18n>(fallback);

export function useI18n(): I18n {
  return useContext(I18nContext);
}
