/** A feature of the policy as a small chip that links to its section on the policy page. */
import './common.css';
import type { FeatureId, Policy } from '../../lib/policy/types';
import { useI18n } from './i18n';
import { featureName, policyHref } from './policy-view';

export interface FeatureChipProps {
  policy: Policy;
  feature: FeatureId;
  /** Requests that reached this feature, shown after the name when given. */
  count?: number;
}

export function FeatureChip({ policy, feature, count }: FeatureChipProps) {
  const { lang, t } = useI18n();
  const name = featureName(policy, feature, lang);
  return (
    <a
      class="tt-chip"
      data-feature={feature}
      href={policyHref('feature', feature)}
      target="_blank"
      rel="noopener"
      title={t('chipFeatureTitle', name)}
    >
      {name}
      {count !== undefined && <span class="tt-chip__count"> · {count}</span>}
    </a>
  );
}
