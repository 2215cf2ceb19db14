/**
 * How the policy page refers to clauses: by a number in reading order (§1, §2, …) instead of the internal id,
 * and, for each clause, every place of the model that rests on it, so the one full quote can link back.
 */
import { text } from '../../lib/policy/lookup';
import type { Lang, Policy } from '../../lib/policy/types';
import { translator } from '../common/strings';

/** Clause id → its number (1-based, in the order of `policy.clauses`). */
export function clauseNumbers(policy: Policy): Map<string, number> {
  return new Map(policy.clauses.map((c, i) => [c.id, i + 1]));
}

export interface ClauseUse {
  href: string;
  label: string;
}

const ROLES = ['does', 'collects', 'use', 'choice'] as const;
const ROLE_KEY = { does: 'policyDoes', collects: 'policyCollects', use: 'policyUse', choice: 'policyChoice' } as const;

/** Clause id → the features, items, purposes and content kinds that cite it, each once, in page order. */
export function clauseUses(policy: Policy, lang: Lang): Map<string, ClauseUse[]> {
  const t = translator(lang);
  const uses = new Map<string, ClauseUse[]>();
  const add = (clause: string, use: ClauseUse) => {
    const list = uses.get(clause) ?? [];
    if (!list.some((u) => u.href === use.href && u.label === use.label)) list.push(use);
    uses.set(clause, list);
  };
  for (const f of policy.features) {
    for (const role of ROLES) for (const id of f[role]) add(id, { href: `#feature-${f.id}`, label: `${text(f.name, lang)} (${t(ROLE_KEY[role]).toLowerCase()})` });
  }
  for (const i of policy.items) add(i.clause, { href: `#item-${i.id}`, label: text(i.name, lang) });
  for (const p of policy.purposes) add(p.clause, { href: `#purpose-${p.id}`, label: text(p.name, lang) });
  for (const k of policy.contentKinds) add(k.clause, { href: `#kind-${k.id}`, label: text(k.name, lang) });
  return uses;
}
