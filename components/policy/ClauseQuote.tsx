import { sectionHeading } from '../../lib/policy/lookup';
import type { Clause, Lang, Policy } from '../../lib/policy/types';
import { translator } from '../common/strings';

interface ClauseQuoteProps {
  policy: Policy;
  clause: Clause;
  lang: Lang;
  /** Set only where the clause is rendered as the link target, so each anchor id occurs once per page. */
  anchor?: boolean;
}

/**
 * One clause. In Swedish the verbatim quote alone; in English our rendering with the Swedish original
 * under it, since the original is the authority and the rendering only a help.
 */
export function ClauseQuote({ policy, clause, lang, anchor = false }: ClauseQuoteProps) {
  const t = translator(lang);
  return (
    <figure class="clause" id={anchor ? `clause-${clause.id}` : undefined}>
      {lang === 'sv' ? (
        <blockquote lang="sv">
          <p>{clause.sv}</p>
        </blockquote>
      ) : (
        <>
          <blockquote lang="en">
            <p>{clause.en}</p>
          </blockquote>
          <blockquote lang="sv" class="original" aria-label={t('policyOriginal')}>
            <p>{clause.sv}</p>
          </blockquote>
        </>
      )}
      <figcaption>
        {anchor ? (
          <span class="clause-id">{`${t('policyClause')} ${clause.id}`}</span>
        ) : (
          <a href={`#clause-${clause.id}`} class="clause-id">{`${t('policyClause')} ${clause.id}`}</a>
        )}
        {' · '}
        <cite lang={lang}>{sectionHeading(policy, clause, lang)}</cite>
      </figcaption>
    </figure>
  );
}
