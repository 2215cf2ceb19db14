/**
 * The one string table of every page, per language, and the translator over it. Keys are typed: a key that is
 * not in the English table does not compile, and the Swedish table must have every English key.
 */
import type { Lang } from '../../../lib/policy/types';
import { en, type StringKey } from './en';
import { sv } from './sv';

export type { StringKey } from './en';
export type Substitutions = string | number | ReadonlyArray<string | number>;
export type Translate = (key: StringKey, substitutions?: Substitutions) => string;

export const STRINGS: Record<Lang, Record<StringKey, string>> = { en, sv };

/** `$1`..`$9` take the substitutions in order; `$$` is `$`. One pass, so a `$` in a value stays as it is. */
export function fill(message: string, substitutions?: Substitutions): string {
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return message.replace(/\$(\$|[1-9])/g, (_m, d: string) => (d === '$' ? '$' : String(subs[Number(d) - 1] ?? '')));
}

export function translator(lang: Lang): Translate {
  const table = STRINGS[lang];
  // A key built at run time (names by id) may be missing: it gives '' so the caller can fall back.
  return (key, substitutions) => fill(table[key] ?? '', substitutions);
}
