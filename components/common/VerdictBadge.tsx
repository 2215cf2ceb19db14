/** The disclosure verdict of a flow as a badge, with an optional one-line explanation. */
import './common.css';
import type { Verdict } from '../../lib/policy/types';
import type { Translate } from './i18n';
import { useI18n } from './i18n';

export function verdictLabel(t: Translate, verdict: Verdict): string {
  switch (verdict) {
    case 'clear':
      return t('verdictClear');
    case 'vague':
      return t('verdictVague');
    case 'omitted':
      return t('verdictOmitted');
    case 'incorrect':
      return t('verdictIncorrect');
  }
}

export function verdictExplanation(t: Translate, verdict: Verdict): string {
  switch (verdict) {
    case 'clear':
      return t('verdictClearExplain');
    case 'vague':
      return t('verdictVagueExplain');
    case 'omitted':
      return t('verdictOmittedExplain');
    case 'incorrect':
      return t('verdictIncorrectExplain');
  }
}

export interface VerdictBadgeProps {
  verdict: Verdict;
  /** Element id of the explanation, so the badge can point at it for screen readers. */
  describedBy?: string;
}

export function VerdictBadge({ verdict, describedBy }: VerdictBadgeProps) {
  const { t } = useI18n();
  return (
    <span class={`tt-verdict tt-verdict--${verdict}`} data-verdict={verdict} aria-describedby={describedBy}>
      {verdictLabel(t, verdict)}
    </span>
  );
}
