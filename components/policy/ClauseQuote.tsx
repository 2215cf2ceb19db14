import type { Clause, Lang } from '../../lib/policy/types';
import type { ClauseUse } from './clause-refs';
import { translator } from '../common/strings';

interface ClauseQuoteProps {
  clause: Clause;
  /** The clause's number on the page (§n); internal ids stay out of sight. */
  number: number;
  lang: Lang;
  /** Where the model cites this clause, linked back. */
  uses?: ClauseUse[];
}

/**
 * One clause, quoted in full: the page's only full quote of it, and the target `#clause-<id>` every
 * reference links to. In Swedish the verbatim quote alone; in English our rendering with the Swedish
 * original one click under it, since the original is the authority and the rendering only a help.
 */
export function ClauseQuote({ clause, number, lang, uses = [] }: ClauseQuoteProps) {
  const t = translator(lang);
  const usedBy = uses.length > 0 && (
    <span class="clause-uses">
      {`${t('policyUsedBy')}: `}
      {uses.map((u, i) => (
        <span key={`${u.href}|${u.label}`}>
          {i > 0 && ' · '}
          <a href={u.href}>{u.label}</a>
        </span>
      ))}
    </span>
  );
  return (
    <figure class="clause" id={`clause-${clause.id}`} tabIndex={-1}>
      <figcaption class="clause-no">{`§${number}`}</figcaption>
      <blockquote lang={lang}>
        <p>{lang === 'sv' ? clause.sv : clause.en}</p>
      </blockquote>
      <div class="clause-foot">
        {lang === 'en' && (
          // The original one click away: the page stays short, and the authority is always at hand.
          <details class="original-box">
            <summary>{t('policyOriginal')}</summary>
            <blockquote lang="sv" class="original" aria-label={t('policyOriginal')}>
              <p>{clause.sv}</p>
            </blockquote>
          </details>
        )}
        {usedBy}
      </div>
    </figure>
  );
}
