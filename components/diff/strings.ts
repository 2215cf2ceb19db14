/**
 * The comparison view's strings by their short names. The text is in the one string table
 * (components/common/strings, keys `compare<Name>`); this maps a short name, which the view also computes
 * (`added`, `before`, …), to its key.
 */
import type { Lang } from '../../lib/policy/types';
import { translator, type StringKey } from '../common/strings';

export const COMPARE_KEYS = [
  'compare',
  'title',
  'hint',
  'before',
  'after',
  'from',
  'to',
  'passiveLog',
  'back',
  'loading',
  'added',
  'worse',
  'removed',
  'better',
  'none',
  'at',
  'example',
  'requests',
  'summary',
  'pick',
  'missing',
] as const;

export type CompareKey = (typeof COMPARE_KEYS)[number];

export const compareStringKey = (key: CompareKey) => `compare${key[0]!.toUpperCase()}${key.slice(1)}` as StringKey;

export function compareText(lang: Lang, key: CompareKey, ...subs: Array<string | number>): string {
  return translator(lang)(compareStringKey(key), subs);
}
