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

/** One filter: a labelled select whose first choice is "any". */
function FacetSelect({ label, value, options, onChange }: { label: string; value: string; options: Array<[string, string]>; onChange: (value: string) => void }) {
  const { t } = useI18n();
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{t('any')}</option>
        {options.map(([v, name]) => (
          <option value={v}>{name}</option>
        ))}
      </select>
    </label>
  );
}

/** The filters above the table: free text, feature, flow, verdict. */
function Filters({ p, nameOfFlow }: { p: RequestTableProps; nameOfFlow: (id: string) => string }) {
  const { lang, t } = useI18n();
  const set = (patch: Partial<RowFilter>) => p.onFilter({ ...p.filter, ...patch });
  return (
    <div class="tt-filters" role="search">
      <label>
        {t('filterText')}
        <input type="search" value={p.filter.text} onInput={(e) => set({ text: (e.currentTarget as HTMLInputElement).value })} />
      </label>
      <FacetSelect
        label={t('filterFeature')}
        value={p.filter.feature}
        options={p.facets.features.map((f) => [f, featureName(p.policy, f, lang)])}
        onChange={(feature) => set({ feature })}
      />
      <FacetSelect label={t('filterItem')} value={p.filter.flow} options={p.facets.flows.map((f) => [f, nameOfFlow(f)])} onChange={(flow) => set({ flow })} />
      <FacetSelect label={t('filterVerdict')} value={p.filter.verdict} options={VERDICTS.map((v) => [v, verdictLabel(t, v)])} onChange={(verdict) => set({ verdict })} />
    </div>
  );
}

/** The column headers, each a sort button; verdicts sort worst first on the first press, as a reader looks for them. */
function SortHeaders({ sort, onSort }: { sort: RowSort; onSort: (s: RowSort) => void }) {
  const { t } = useI18n();
  const columns: Array<[SortKey, string]> = [
    ['time', t('colTime')],
    ['host', t('colHost')],
    ['features', t('colFeatures')],
    ['flows', t('colItems')],
    ['verdict', t('colVerdict')],
  ];
  const sortClick = (key: SortKey) => onSort({ key, descending: sort.key === key ? !sort.descending : key === 'verdict' });
  return (
    <>
      {columns.map(([key, name]) => (
        <span role="columnheader" class={`tt-col tt-col--${key}`} aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
          <button type="button" class="tt-sort" aria-label={t('sortBy', name)} onClick={() => sortClick(key)}>
            {name}
            {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </button>
        </span>
      ))}
    </>
  );
}

/** One request's cells: time, host, features, flows and its worst verdict (all verdicts in the title). */
function RequestCells({ r, policy, now, nameOfFlow }: { r: RequestRow; policy: Policy; now?: number; nameOfFlow: (id: string) => string }) {
  const { lang, locale, t } = useI18n();
  return (
    <>
      <span role="gridcell" class="tt-col tt-col--time">
        <time dateTime={new Date(r.time).toISOString()}>{formatTime(r.time, locale, now)}</time>
      </span>
      <span role="gridcell" class="tt-col tt-col--host" title={r.obs.url}>
        {r.host}
      </span>
      <span role="gridcell" class="tt-col tt-col--features">
        {r.features.map((f) => featureName(policy, f, lang)).join(', ')}
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
}

export function RequestTable(p: RequestTableProps) {
  const { lang, t } = useI18n();
  const nameOfFlow = (id: string) => flowName(p.policy, id, lang);
  return (
    <section class="tt-requests" aria-labelledby="tt-requests-title">
      <h2 id="tt-requests-title">
        {t('requests')} <span class="tt-muted">{t('requestCount', [p.rows.length, p.total])}</span>
      </h2>
      <Filters p={p} nameOfFlow={nameOfFlow} />
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
          header={<SortHeaders sort={p.sort} onSort={p.onSort} />}
          renderRow={(i) => <RequestCells r={p.rows[i]!} policy={p.policy} now={p.now} nameOfFlow={nameOfFlow} />}
        />
      )}
    </section>
  );
}
