/**
 * One flow (a standard-computer-information item, a content kind or an identifier) in one scope: whether it
 * left, how often, to which features, for which purposes, the verdict and, on request, the evidence.
 */
import './common.css';
import { useId, useState } from 'preact/hooks';
import type { FeatureId, Policy } from '../../lib/policy/types';
import type { FlowAggregate } from '../../lib/model';
import { EvidenceList } from './EvidenceList';
import { FeatureChip } from './FeatureChip';
import { formatTime, isoTime, isUndisclosed } from './format';
import { useI18n } from './i18n';
import { contentName, itemName } from './policy-view';
import { PurposeList } from './PurposeList';
import { ToggleButton } from './ToggleButton';
import { VerdictBadge, verdictExplanation } from './VerdictBadge';

export interface FlowRowProps {
  policy: Policy;
  /** `item` rows carry data-item, `content` rows (content kinds and identifiers) data-content. */
  kind: 'item' | 'content';
  id: string;
  /** DOM id of the row, so other parts of a page can link to it. */
  elementId?: string;
  flow?: FlowAggregate;
  /** An extra plain sentence under the name (the IP address wording). */
  note?: string;
  now?: number;
  /** Start with the evidence open. */
  initiallyExpanded?: boolean;
  /**
   * Only the head line (name, count, verdict badge, note) for now: a view with many tall rows builds the
   * rest of the rows outside the first screen after its first paint.
   */
  headOnly?: boolean;
}

/** Features in descending request count, so the main destination comes first. */
function featuresByCount(flow: FlowAggregate): Array<[FeatureId, number]> {
  return (Object.entries(flow.features) as Array<[FeatureId, number]>).sort((a, b) => b[1] - a[1]);
}

export function FlowRow({
  policy,
  kind,
  id,
  elementId,
  flow,
  note,
  now,
  initiallyExpanded = false,
  headOnly = false,
}: FlowRowProps) {
  const { lang, t } = useI18n();
  const [expanded, setExpanded] = useState(initiallyExpanded);
  const uid = useId();
  const explainId = `${uid}-explain`;
  const evidenceId = `${uid}-evidence`;
  const name = kind === 'item' ? itemName(policy, id, lang) : contentName(policy, id, lang);
  const dataAttrs = kind === 'item' ? { 'data-item': id } : { 'data-content': id };
  const undisclosed = flow !== undefined && isUndisclosed(flow.worst);
  const cls = ['tt-flow', flow ? 'tt-flow--seen' : 'tt-flow--not-seen', undisclosed ? 'tt-flow--undisclosed' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <li id={elementId} class={cls} {...dataAttrs} data-state={flow ? 'seen' : 'not-seen'}>
      <div class="tt-flow__head">
        <h3 class="tt-flow__name">
          {name}
        </h3>
        <span class="tt-flow__state">
          {flow
            ? flow.requests === 1
              ? t('flowLeftOne')
              : t('flowLeftMany', String(flow.requests))
            : t('flowNotSeen')}
        </span>
        {flow && <VerdictBadge verdict={flow.worst} describedBy={headOnly ? undefined : explainId} />}
      </div>
      {note && <p class="tt-flow__note">{note}</p>}
      {flow && !headOnly && (
        <>
          <p class="tt-flow__explain" id={explainId}>
            {verdictExplanation(t, flow.worst)}
          </p>
          <ul class="tt-chips" aria-label={t('flowFeaturesLabel')}>
            {featuresByCount(flow).map(([feature, count]) => (
              <li key={feature}>
                <FeatureChip policy={policy} feature={feature} count={count} />
              </li>
            ))}
          </ul>
          <PurposeList policy={policy} purposes={flow.purposes} />
          <p class="tt-flow__seen">
            <span class="tt-muted">
              {t('flowFirstSeen')}{' '}
              <time dateTime={isoTime(flow.firstSeen)}>{formatTime(flow.firstSeen, lang, now)}</time>
              {' · '}
              {t('flowLastSeen')}{' '}
              <time dateTime={isoTime(flow.lastSeen)}>{formatTime(flow.lastSeen, lang, now)}</time>
              {' · '}
            </span>
            <ToggleButton
              class="tt-flow__toggle"
              expanded={expanded}
              controls={evidenceId}
              onToggle={setExpanded}
              label={`${expanded ? t('flowHideEvidence') : t('flowShowEvidence')}: ${name}`}
            >
              {expanded ? t('flowHideEvidence') : t('flowShowEvidence')}
            </ToggleButton>
          </p>
          <div id={evidenceId} class="tt-flow__evidence" hidden={!expanded}>
            {expanded && <EvidenceList samples={flow.samples} total={flow.requests} now={now} />}
          </div>
        </>
      )}
    </li>
  );
}
