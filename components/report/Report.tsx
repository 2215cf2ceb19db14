/**
 * The report page: scope list (recordings, passive log), export and import, then for the chosen scope the
 * timeline, the flow chart, the conformance summary, the request table and the evidence pane.
 * Pure: data in through props, user intent out through callbacks; only view state (filter, sort,
 * selection) lives here.
 */
import './report.css';
import '../common/common.css';
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Policy } from '../../lib/policy/types';
import type { Observation, Recording } from '../../lib/model';
import { useI18n } from '../common/i18n';
import { Conformance } from './Conformance';
import { EvidencePane } from './EvidencePane';
import { FlowChart } from './FlowChart';
import { conformance, facets, filterRows, flowGraph, NO_FILTER, sortRows, timeline, toRows, type RowFilter, type RowSort } from './model';
import { RequestTable } from './RequestTable';
import { ScopeList, type Scope } from './ScopeList';
import { Timeline } from './Timeline';

export type ExportKind = 'har' | 'json' | 'csv';

export interface ReportStatus {
  kind: 'info' | 'error';
  text: string;
}

export interface ReportProps {
  policy: Policy;
  recordings: Array<{ recording: Recording; requests: number }>;
  logRequests?: number;
  scope: Scope;
  /** Oldest first; undefined while loading. */
  observations: Observation[] | undefined;
  /** The chosen scope kept raw evidence, so a raw export is possible. */
  rawAvailable: boolean;
  status?: ReportStatus;
  busy?: boolean;
  tableHeight?: number;
  now?: number;
  onScope: (scope: Scope) => void;
  onExport: (kind: ExportKind, raw: boolean) => void;
  onImport: (file: File) => void;
  /** Extra controls in the page header (the comparison's entry point). */
  headerActions?: ComponentChildren;
}

export function Report(p: ReportProps) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [sort, setSort] = useState<RowSort>({ key: 'time', descending: false });
  const [selectedIndex, setSelectedIndex] = useState(-1);
  const [raw, setRaw] = useState(false);

  const rows = useMemo(() => toRows(p.observations ?? []), [p.observations]);
  const shown = useMemo(() => sortRows(filterRows(rows, filter), sort), [rows, filter, sort]);
  const menu = useMemo(() => facets(rows), [rows]);
  const line = useMemo(() => timeline(rows), [rows]);
  const graph = useMemo(() => flowGraph(rows), [rows]);
  const conf = useMemo(() => conformance(rows), [rows]);
  const selectedPos = useMemo(() => shown.findIndex((r) => r.index === selectedIndex), [shown, selectedIndex]);
  const selected = selectedIndex >= 0 ? rows[selectedIndex]?.obs : undefined;

  const title =
    p.scope === 'log' ? t('passiveLog') : (p.recordings.find((r) => r.recording.id === p.scope)?.recording.title ?? '');

  return (
    <div class="tt-report">
      <header class="tt-report__header">
        <h1>{t('title')}</h1>
        {p.headerActions}
      </header>
      <ScopeList
        recordings={p.recordings}
        logRequests={p.logRequests}
        scope={p.scope}
        onScope={(s) => {
          setSelectedIndex(-1);
          setFilter(NO_FILTER);
          p.onScope(s);
        }}
        onImport={p.onImport}
        busy={p.busy}
        now={p.now}
      />
      <main class="tt-report__main">
        <div class="tt-toolbar" role="toolbar" aria-label={title}>
          <h2 class="tt-scope-title">{title}</h2>
          <button type="button" class="tt-button" disabled={p.busy || !p.observations} onClick={() => p.onExport('har', raw)}>
            {t('exportHar')}
          </button>
          <button type="button" class="tt-button" disabled={p.busy || !p.observations} onClick={() => p.onExport('json', raw)}>
            {t('exportJson')}
          </button>
          <button type="button" class="tt-button" disabled={p.busy || !p.observations} onClick={() => p.onExport('csv', raw)}>
            {t('exportCsv')}
          </button>
          {p.rawAvailable && (
            <label title={t('exportRawHint')}>
              <input type="checkbox" checked={raw} onChange={(e) => setRaw((e.currentTarget as HTMLInputElement).checked)} /> {t('exportRaw')}
            </label>
          )}
        </div>
        {p.status && (
          <p class={p.status.kind === 'error' ? 'tt-status tt-status--error' : 'tt-status'} role={p.status.kind === 'error' ? 'alert' : 'status'}>
            {p.status.text}
          </p>
        )}
        {!p.observations ? (
          <p class="tt-muted">{t('loading')}</p>
        ) : (
          <>
            <div class="tt-overview">
              <Timeline policy={p.policy} rows={line.rows} start={line.start} end={line.end} onPick={setSelectedIndex} />
              <FlowChart policy={p.policy} graph={graph} />
              <Conformance policy={p.policy} data={conf} />
            </div>
            <div class="tt-detail">
              <RequestTable
                policy={p.policy}
                rows={shown}
                total={rows.length}
                facets={menu}
                filter={filter}
                sort={sort}
                selected={selectedPos}
                height={p.tableHeight ?? 420}
                onFilter={setFilter}
                onSort={setSort}
                onSelect={(pos) => setSelectedIndex(shown[pos]?.index ?? -1)}
                now={p.now}
              />
              <EvidencePane policy={p.policy} observation={selected} />
            </div>
          </>
        )}
      </main>
    </div>
  );
}
