import type { Clause, Lang } from '../../lib/policy/types';
import { POLICY_STRINGS } from './strings';

interface ClauseQuoteProps {
  clause: Clause;
  lang: Lang;
  /** Set only where the clause is rendered as the link target, so each anchor id occurs once per page. */
  anchor?: boolean;
}

/**
 * One clause. In Swedish the verbatim quote alone; in English our rendering with the Swedish original
 * under it, since the original is the authority and the rendering only a help.
 */
export function ClauseQuote({ clause, lang, anchor = false }: ClauseQuoteProps) {
  const s = POLICY_STRINGS[lang];
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
          <blockquote lang="sv" class="original" aria-label={s.original}>
            <p>{clause.sv}</p>
          </blockquote>
        </>
      )}
      <figcaption>
        {anchor ? (
          <span class="clause-id">{`${s.clause} ${clause.id}`}</span>
        ) : (
          <a href={`#clause-${clause.id}`} class="clause-id">{`${s.clause} ${clause.id}`}</a>
        )}
        {' · '}
        <cite lang="sv">{clause.section}</cite>
      </figcaption>
    </figure>
  );
}
