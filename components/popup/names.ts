/**
 * Names on the popup's first screen, from the string table rather than the policy model, so the summary can be
 * painted before the policy (its model, lookups and validation) is loaded. Item and content names are the
 * policy's own (test/unit/popup/names.test.ts keeps them equal); feature names are short labels for the table.
 */
import type { FeatureId, ItemId } from '../../lib/policy/types';
import type { StringKey, Translate } from '../common/i18n';

const camel = (id: string) => id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());

/** `hardware-id` → `itemHardwareId`; the key's existence is checked by the names test for every id. */
export const itemKey = (id: ItemId) => `item${camel(id)}` as StringKey;
export const kindKey = (id: string) => `kind${camel(id)}` as StringKey;
export const featureKey = (id: FeatureId) => `featureShort${camel(id)}` as StringKey;

export function itemLabel(t: Translate, id: ItemId): string {
  return t(itemKey(id)) || id;
}

/** Content kinds and identifiers; an id the table does not know is shown as itself, never hidden. */
export function kindLabel(t: Translate, id: string): string {
  return t(kindKey(id)) || id;
}

export function featureLabel(t: Translate, id: FeatureId): string {
  return t(featureKey(id)) || id;
}
