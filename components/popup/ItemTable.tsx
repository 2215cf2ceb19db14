/**
 * The popup's answer in one table: for each of the six items, whether it left (in how many requests), the
 * features it went to and its worst verdict, grouped by who put it on the wire. Each row opens its details
 * (purposes per feature, evidence by endpoint) on demand, below the row.
 */
import { useState } from 'preact/hooks';
import type { Policy } from '../../lib/policy/types';
import type { FlowAggregate } from '../../lib/model';
import { useI18n } from '../common/i18n';
import { ToggleButton } from '../common/ToggleButton';
import { VerdictBadge } from '../common/VerdictBadge';
import { FlowDetails } from './FlowDetails';
import { featureLabel, itemLabel } from './names';
import { featuresOf, type ItemRow } from './summary';

export interface ItemTableProps {
  rows: ItemRow[];
  policy: Policy | undefined;
  now?: number;
}

type Group = 'client' | 'browser' | 'not-seen';
const groupOf = (r: ItemRow): Group => r.carrier ?? 'not-seen';
const GROUP_LABEL = { client: 'popupGroupClient', browser: 'popupGroupBrowser', 'not-seen': 'popupGroupNotSeen' } as const;

export function ItemTable({ rows, policy, now }: ItemTableProps) {
  const { t } = useI18n();
  const groups = (['client', 'browser', 'not-seen'] as const)
    .map((g) => [g, rows.filter((r) => groupOf(r) === g)] as const)
    .filter(([, list]) => list.length > 0);
  return (
    <table class="tt-items" aria-label={t('popupTableLabel')}>
      <thead>
        <tr>
          <th scope="col">{t('popupColItem')}</th>
          <th scope="col" class="tt-items__num">{t('popupColLeft')}</th>
          <th scope="col">{t('popupColTo')}</th>
          <th scope="col">{t('popupColVerdict')}</th>
        </tr>
      </thead>
      {groups.map(([g, list]) => (
        <tbody key={g} data-group={g}>
          <tr class="tt-items__group">
            <th scope="colgroup" colSpan={4}>
              {t(GROUP_LABEL[g])}
            </th>
          </tr>
          {list.map((r) => (
            <Row key={r.id} row={r} policy={policy} now={now} />
          ))}
        </tbody>
      ))}
    </table>
  );
}

function Row({ row, policy, now }: { row: ItemRow; policy: Policy | undefined; now?: number }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const name = itemLabel(t, row.id);
  const detailsId = `tt-details-${row.id}`;
  const flow = row.flow;
  return (
    <>
      <tr data-item={row.id} data-state={flow ? 'seen' : row.hints.length ? 'hinted' : 'not-seen'} class={flow ? undefined : 'tt-items__quiet'}>
        <th scope="row">
          {flow ? (
            <ToggleButton class="tt-items__toggle" expanded={open} controls={detailsId} onToggle={setOpen} label={t('popupDetails', name)}>
              {name}
            </ToggleButton>
          ) : (
            name
          )}
        </th>
        <td class="tt-items__num">{flow ? `${flow.requests}×` : t('popupNotLeft')}</td>
        <td class="tt-items__to">{flow ? <FeatureNames flow={flow} /> : <HintLine hints={row.hints} />}</td>
        <td>{flow && <VerdictBadge verdict={flow.worst} />}</td>
      </tr>
      {flow && (
        <tr class="tt-items__details" id={detailsId} hidden={!open}>
          <td colSpan={4}>{open && <FlowDetails policy={policy} flow={flow} now={now} />}</td>
        </tr>
      )}
    </>
  );
}

/** The main destination and how many more: the whole list is in the details, one click away. */
export function FeatureNames({ flow }: { flow: FlowAggregate }) {
  const { t } = useI18n();
  const [first, ...rest] = featuresOf(flow);
  if (!first) return null;
  return (
    <span data-features={featuresOf(flow).join(' ')}>
      {featureLabel(t, first)}
      {rest.length > 0 && <span class="tt-muted">{` +${rest.length}`}</span>}
    </span>
  );
}

/** An item that did not leave but of which a hint did: the hinted values, muted. */
function HintLine({ hints }: { hints: FlowAggregate[] }) {
  const { t } = useI18n();
  if (hints.length === 0) return null;
  const values = [...new Set(hints.flatMap((h) => h.samples.flatMap((s) => s.evidence.map((e) => e.value))))].filter(Boolean);
  return <span class="tt-muted" data-hint>{t('popupHinted', values.slice(0, 3).join(', ') || hints.map((h) => h.id).join(', '))}</span>;
}
