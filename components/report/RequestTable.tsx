/** The filterable, sortable table of requests over VirtualTable. State of filter and sort is the caller's. */
import type { Policy } from '../../lib/policy/types';
import { VERDICTS } from '../../lib/policy/types';
import { useI18n } from '../common/i18n';
import { featureName, flowName } from '../common/policy-view';
import { formatTime } from '../common/format';
import { verdictLabel } from '../common/VerdictBadge';
import type { RequestRow, RowFilter, RowSort, SortKey } from './model';
import { VirtualTable } from './VirtualTable';

export const ROW_HEIGHT = 28;

export interface RequestTableProps {
  policy: Policy;
  rows: RequestRow[];
  total: number;
  facets: { features: string[]; flows: string[] };
  filter: RowFilter;
  sort: RowSort;
  selected: number;
  height: number;
  onFilter: (f: RowFilter) => void;
  onSort: (s: RowSort) => void;
  onSelect: (index: number) => void;
  now?: number;
}

export function RequestTable(p: RequestTableProps) {
  const { lang, locale, t } = useI18n();
  const nameOfFlow = (id: string) => flowName(p.policy, id, lang);
  const columns: Array<[SortKey, string]> = [
    ['time', t('colTime')],
    ['host', t('colHost')],
    ['features', t('colFeatures')],
    ['flows', t('colItems')],
    ['verdict', t('colVerdict')],
  ];
  // Verdicts sort worst first on the first press: that is what a reader looks for.
  const sortClick = (key: SortKey) => p.onSort({ key, descending: p.sort.key === key ? !p.sort.descending : key === 'verdict' });
  const set = (patch: Partial<RowFilter>) => p.onFilter({ ...p.filter, ...patch });
  const header = (
    <>
      {columns.map(([key, name]) => (
        <span role="columnheader" class={`tt-col tt-col--${key}`} aria-sort={p.sort.key === key ? (p.sort.descending ? 'descending' : 'ascending') : 'none'}>
          <button type="button" class="tt-sort" aria-label={t('sortBy', name)} onClick={() => sortClick(key)}>
            {name}
            {p.sort.key === key ? (p.sort.descending ? ' ▼' : ' ▲') : ''}
          </button>
        </span>
      ))}
    </>
  );

  return (
    <section class="tt-requests" aria-labelledby="tt-requests-title">
      <h2 id="tt-requests-title">
        {t('requests')} <span class="tt-muted">{t('requestCount', [p.rows.length, p.total])}</span>
      </h2>
      <div class="tt-filters" role="search">
        <label>
          {t('filterText')}
          <input type="search" value={p.filter.text} onInput={(e) => set({ text: (e.currentTarget as HTMLInputElement).value })} />
        </label>
        <label>
          {t('filterFeature')}
          <select value={p.filter.feature} onChange={(e) => set({ feature: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">{t('any')}</option>
            {p.facets.features.map((f) => (
              <option value={f}>{featureName(p.policy, f, lang)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('filterItem')}
          <select value={p.filter.flow} onChange={(e) => set({ flow: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">{t('any')}</option>
            {p.facets.flows.map((f) => (
              <option value={f}>{nameOfFlow(f)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('filterVerdict')}
          <select value={p.filter.verdict} onChange={(e) => set({ verdict: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">{t('any')}</option>
            {VERDICTS.map((v) => (
              <option value={v}>{verdictLabel(t, v)}</option>
            ))}
          </select>
        </label>
      </div>
      {p.rows.length === 0 ? (
        <p class="tt-muted">{t('empty')}</p>
      ) : (
        <VirtualTable
          rowCount={p.rows.length}
          rowHeight={ROW_HEIGHT}
          height={p.height}
          selected={p.selected}
          onSelect={p.onSelect}
          label={t('requests')}
          idPrefix="tt-req"
          header={header}
          renderRow={(i) => {
            const r = p.rows[i]!;
            return (
              <>
                <span role="gridcell" class="tt-col tt-col--time">
                  <time dateTime={new Date(r.time).toISOString()}>{formatTime(r.time, locale, p.now)}</time>
                </span>
                <span role="gridcell" class="tt-col tt-col--host" title={r.obs.url}>
                  {r.host}
                </span>
                <span role="gridcell" class="tt-col tt-col--features">
                  {r.features.map((f) => featureName(p.policy, f, lang)).join(', ')}
                </span>
                <span role="gridcell" class="tt-col tt-col--flows">
                  {r.flows.map(nameOfFlow).join(', ')}
                </span>
                <span role="gridcell" class="tt-col tt-col--verdict">
                  {r.worst && (
                    <span
                      class={`tt-verdict tt-verdict--${r.worst}`}
                      data-verdict={r.worst}
                      title={r.verdicts.length > 1 ? r.verdicts.map((v) => verdictLabel(t, v)).join(' · ') : undefined}
                    >
                      {verdictLabel(t, r.worst)}
                    </span>
                  )}
                </span>
              </>
            );
          }}
        />
      )}
    </section>
  );
}
