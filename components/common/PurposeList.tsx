/**
 * The purposes the policy ties to a flow, in the UI language, grouped by the clause that states them.
 * The clause is named and linked; its verbatim Swedish text is one click away.
 */
import './common.css';
import { useId, useState } from 'preact/hooks';
import type { Clause, Policy, Purpose } from '../../lib/policy/types';
import { useI18n } from './i18n';
import { sectionHeading, text } from '../../lib/policy/lookup';
import { clauseOf, policyHref, purposeOf } from './policy-view';
import { ToggleButton } from './ToggleButton';

export interface PurposeListProps {
  policy: Policy;
  purposes: string[];
}

interface ClauseGroup {
  clauseId: string;
  clause?: Clause;
  purposes: Array<{ id: string; purpose?: Purpose }>;
}

/** Keeps the order the purposes came in, grouped under the first appearance of their clause. */
export function groupByClause(policy: Policy, purposeIds: string[]): ClauseGroup[] {
  const groups = new Map<string, ClauseGroup>();
  for (const id of new Set(purposeIds)) {
    const purpose = purposeOf(policy, id);
    const clauseId = purpose?.clause ?? '';
    let group = groups.get(clauseId);
    if (!group) {
      group = { clauseId, clause: clauseId ? clauseOf(policy, clauseId) : undefined, purposes: [] };
      groups.set(clauseId, group);
    }
    group.purposes.push({ id, purpose });
  }
  return [...groups.values()];
}

export function PurposeList({ policy, purposes }: PurposeListProps) {
  const { t } = useI18n();
  if (purposes.length === 0) return <p class="tt-purposes tt-muted">{t('purposesNone')}</p>;
  return (
    <div class="tt-purposes">
      {groupByClause(policy, purposes).map((g) => (
        <ClauseGroupView key={g.clauseId} policy={policy} group={g} />
      ))}
    </div>
  );
}

function ClauseGroupView({ policy, group }: { policy: Policy; group: ClauseGroup }) {
  const { lang, t } = useI18n();
  const [open, setOpen] = useState(false);
  const quoteId = useId();
  return (
    <div class="tt-purposes__group">
      {/* One flowing line per clause: the purposes, then the clause they come from. */}
      <div class="tt-purposes__line">
        <ul class="tt-purposes__list" aria-label={t('purposesLabel')}>
          {group.purposes.map(({ id, purpose }) => (
            <li key={id} data-purpose={id}>
              {purpose ? text(purpose.name, lang) : id}
            </li>
          ))}
        </ul>
        {group.clause && (
          <span class="tt-purposes__clause">
            {' — '}
            <span class="tt-muted">{t('purposesClause')} </span>
            <a href={policyHref('clause', group.clause.id)} target="_blank" rel="noopener" data-clause={group.clause.id}>
              {sectionHeading(policy, group.clause, lang)}
            </a>{' '}
            <ToggleButton class="tt-linkbutton" expanded={open} controls={quoteId} onToggle={setOpen}>
              {open ? t('purposesHideOriginal') : t('purposesShowOriginal')}
            </ToggleButton>
          </span>
        )}
      </div>
      {/* The region stays in place for aria-controls; its text (whole clauses, most of a popup's text) is
          built only when opened, so a view with many flows does not lay out pages of hidden prose. */}
      {group.clause && (
        <div id={quoteId} class="tt-quote" hidden={!open}>
          {open && (
            <>
              <blockquote lang="sv" cite={policyHref('clause', group.clause.id)}>
                {group.clause.sv}
              </blockquote>
              {lang !== 'sv' && <p class="tt-quote__rendering">{group.clause.en}</p>}
            </>
          )}
        </div>
      )}
    </div>
  );
}
