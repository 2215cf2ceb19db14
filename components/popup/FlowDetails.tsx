/**
 * What opens under a row on demand: the verdict explained, each feature the flow went to with the purposes the
 * policy gives that feature (each with its clause and the Swedish original), and the evidence by endpoint.
 * Needs the policy model, which the popup loads after its first paint.
 */
import { featureById } from '../../lib/policy/lookup';
import type { FeatureId, Policy } from '../../lib/policy/types';
import type { FlowAggregate } from '../../lib/model';
import { formatTime, isoTime } from '../common/format';
import { useI18n } from '../common/i18n';
import { featureName, policyHref } from '../common/policy-view';
import { PurposeList } from '../common/PurposeList';
import { verdictExplanation } from '../common/VerdictBadge';
import { EvidenceGroups } from './EvidenceGroups';
import { featuresOf } from './summary';

export interface FlowDetailsProps {
  policy: Policy | undefined;
  flow: FlowAggregate;
  now?: number;
}

/** The flow's purposes that the policy states for this feature; a purpose of no listed feature stays with each. */
function purposesFor(policy: Policy, feature: FeatureId, purposes: string[]): string[] {
  const own = featureById(policy, feature)?.purposes;
  return own ? purposes.filter((p) => own.includes(p)) : purposes;
}

export function FlowDetails({ policy, flow, now }: FlowDetailsProps) {
  const { lang, locale, t } = useI18n();
  return (
    <div class="tt-details">
      <p class="tt-details__explain">{verdictExplanation(t, flow.worst)}</p>
      {policy ? (
        <ul class="tt-details__features">
          {featuresOf(flow).map((f) => (
            <li key={f} data-feature={f}>
              <a href={policyHref('feature', f)} target="_blank" rel="noopener">
                {t('popupFeatureCount', [featureName(policy, f, lang), flow.features[f] ?? 0])}
              </a>
              <PurposeList policy={policy} purposes={purposesFor(policy, f, flow.purposes)} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="tt-muted">{t('popupPolicyLoading')}</p>
      )}
      <EvidenceGroups samples={flow.samples} total={flow.requests} now={now} />
      <p class="tt-muted tt-details__seen">
        {t('flowFirstSeen')} <time dateTime={isoTime(flow.firstSeen)}>{formatTime(flow.firstSeen, locale, now)}</time>
        {' · '}
        {t('flowLastSeen')} <time dateTime={isoTime(flow.lastSeen)}>{formatTime(flow.lastSeen, locale, now)}</time>
      </p>
    </div>
  );
}
