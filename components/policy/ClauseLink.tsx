/** A reference to a clause by its number (§3), linking to the one place the page quotes it in full. */
import type { Lang, Policy } from '../../lib/policy/types';
import { clauseNumbers } from './clause-refs';
import { translator } from '../common/strings';

const numbers = new WeakMap<Policy, Map<string, number>>();

export function clauseNumber(policy: Policy, id: string): number | undefined {
  let map = numbers.get(policy);
  if (!map) numbers.set(policy, (map = clauseNumbers(policy)));
  return map.get(id);
}

/** The first words of a clause, cut at a word boundary: a reminder of what it says, not a second quote. */
export function excerpt(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,;:.]$/, '')}…`;
}

/** `§3`, or with `gist` `§3 The first words of the clause…`. */
export function ClauseLink({ policy, id, lang, gist = false }: { policy: Policy; id: string; lang: Lang; gist?: boolean }) {
  const t = translator(lang);
  const n = clauseNumber(policy, id) ?? '?';
  const clause = policy.clauses.find((c) => c.id === id);
  const said = clause ? (lang === 'sv' ? clause.sv : clause.en) : '';
  return (
    <a href={`#clause-${id}`} class="clause-ref" aria-label={gist ? undefined : `${t('policyClause')} ${n}`}>
      <span class="clause-no">{`§${n}`}</span>
      {gist && said && ` ${excerpt(said)}`}
    </a>
  );
}
