/**
 * Content and identifiers that left, under the item table: each with its verdict, the features it went to and
 * the hosts that received it; details (purposes, evidence) on demand.
 */
import { useState } from 'preact/hooks';
import type { Policy } from '../../lib/policy/types';
import type { FlowAggregate } from '../../lib/model';
import { isUndisclosed } from '../common/format';
import { useI18n } from '../common/i18n';
import { ToggleButton } from '../common/ToggleButton';
import { VerdictBadge } from '../common/VerdictBadge';
import { FlowDetails } from './FlowDetails';
import { FeatureNames } from './ItemTable';
import { kindLabel } from './names';
import { hostsOf } from './summary';

export function ContentList({ flows, policy, now }: { flows: FlowAggregate[]; policy: Policy | undefined; now?: number }) {
  const { t } = useI18n();
  return (
    <section class="tt-contents" aria-labelledby="tt-contents-h">
      <h2 id="tt-contents-h">{t('popupContentsHeading')}</h2>
      {flows.length === 0 ? (
        <p class="tt-muted">{t('popupContentsNone')}</p>
      ) : (
        <ul>
          {flows.map((f) => (
            <ContentRow key={f.id} flow={f} policy={policy} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ContentRow({ flow, policy, now }: { flow: FlowAggregate; policy: Policy | undefined; now?: number }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const name = kindLabel(t, flow.id);
  const detailsId = `tt-details-content-${flow.id}`;
  const hosts = hostsOf(flow);
  return (
    <li data-content={flow.id} class={isUndisclosed(flow.worst) ? 'tt-content tt-content--undisclosed' : 'tt-content'}>
      <div class="tt-content__head">
        <ToggleButton class="tt-items__toggle" expanded={open} controls={detailsId} onToggle={setOpen} label={t('popupDetails', name)}>
          {name}
        </ToggleButton>{' '}
        <span class="tt-muted">{`${flow.requests}×`}</span> <VerdictBadge verdict={flow.worst} />
      </div>
      <div class="tt-content__to">
        <FeatureNames flow={flow} />
        {hosts.length > 0 && <span class="tt-muted">{` · ${t('popupContentsHosts', hosts.slice(0, 2).join(', '))}${hosts.length > 2 ? ` +${hosts.length - 2}` : ''}`}</span>}
      </div>
      <div id={detailsId} hidden={!open}>
        {open && <FlowDetails policy={policy} flow={flow} now={now} />}
      </div>
    </li>
  );
}
