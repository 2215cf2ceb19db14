/**
 * What views need from the policy model: display names by id in the UI language, and links into the
 * policy page. Ids a policy file does not know are shown as the id itself rather than hidden, so nothing
 * that left the browser disappears from view.
 */
import {
  clauseById,
  contentKindById,
  featureById,
  itemById,
  purposeById,
  text,
} from '../../lib/policy/lookup';
import { ITEM_IDS, type Clause, type Lang, type Policy, type Purpose } from '../../lib/policy/types';

export type PolicyAnchor = 'feature' | 'item' | 'clause' | 'purpose';

/** Link to a section of the policy page (policy.html, anchors `#<kind>-<id>`). */
export function policyHref(kind: PolicyAnchor, id: string): string {
  return `policy.html#${kind}-${encodeURIComponent(id)}`;
}

export function featureName(policy: Policy, id: string, lang: Lang): string {
  const f = featureById(policy, id);
  return f ? text(f.name, lang) : id;
}

export function itemName(policy: Policy, id: string, lang: Lang): string {
  const i = itemById(policy, id);
  return i ? text(i.name, lang) : id;
}

/** Content kinds and identifiers share one namespace in the policy. */
export function contentName(policy: Policy, id: string, lang: Lang): string {
  const c = contentKindById(policy, id);
  return c ? text(c.name, lang) : id;
}

const ITEMS: ReadonlySet<string> = new Set(ITEM_IDS);

/** A flow is a standard computer information item or a content kind / identifier: its name, either way. */
export function flowName(policy: Policy, id: string, lang: Lang): string {
  return ITEMS.has(id) ? itemName(policy, id, lang) : contentName(policy, id, lang);
}

export function clauseOf(policy: Policy, id: string): Clause | undefined {
  return clauseById(policy, id);
}

export function purposeOf(policy: Policy, id: string): Purpose | undefined {
  return purposeById(policy, id);
}
