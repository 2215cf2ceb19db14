/**
 * The report page: scope list (tab, passive log, recordings, imports) with HAR import, then for the chosen
 * scope its heading (edit, delete, exports), the timeline, the flow chart, the conformance summary, the
 * request table and the evidence pane. Pure: data in through props, user intent out through callbacks; only
 * view state (filter, sort, selection) lives here.
 */
import './report.css';
import '../common/common.css';
import '../common/page.css';
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
import { ScopeHeader, type ExportKind } from './ScopeHeader';
import { ScopeList, type ImportProgress, type Scope, type TabScope } from './ScopeList';
import { Timeline } from './Timeline';

export type { ExportKind } from './ScopeHeader';

export interface ReportStatus {
  kind: 'info' | 'error';
  text: string;
}

export interface ReportProps {
  policy: Policy;
  recordings: Array<{ recording: Recording; requests: number }>;
  logRequests?: number;
  scope: Scope;
  /** The tab the page was opened on from the popup, with its label (the page's origin). */
  tab?: TabScope;
  /** Oldest first; undefined while loading. */
  observations: Observation[] | undefined;
  /** The chosen scope kept raw evidence, so a raw export is possible. */
  rawAvailable: boolean;
  status?: ReportStatus;
  busy?: boolean;
  progress?: ImportProgress;
  tableHeight?: number;
  now?: number;
  onScope: (scope: Scope) => void;
  onExport: (kind: ExportKind, raw: boolean) => void;
  onImport: (file: File) => void;
  onUpdate?: (id: number, patch: { title: string; notes: string }) => void;
  onDelete?: (id: number) => void;
  /** Copies an evidence value; absent where the page cannot write to the clipboard. */
  onCopy?: (text: string) => void;
  /** Extra controls in the page header (the comparison's entry point). */
  headerActions?: ComponentChildren;
}

/**
 * The table's view state over a scope's rows: filter, sort and selection. A selection the filter hides is no
 * selection, so the evidence pane never shows a row the table does not.
 */
function useRowView(observations: Observation[] | undefined) {
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [sort, setSort] = useState<RowSort>({ key: 'time', descending: false });
  const [selectedIndex, setSelectedIndex] = useState(-1);
  const rows = useMemo(() => toRows(observations ?? []), [observations]);
  const shown = useMemo(() => sortRows(filterRows(rows, filter), sort), [rows, filter, sort]);
  const menu = useMemo(() => facets(rows), [rows]);
  const selectedPos = useMemo(() => shown.findIndex((r) => r.index === selectedIndex), [shown, selectedIndex]);
  const selected = selectedPos >= 0 ? rows[selectedIndex]?.obs : undefined;

  function onFilter(next: RowFilter) {
    setFilter(next);
    if (selectedIndex >= 0 && !filterRows([rows[selectedIndex]!], next).length) setSelectedIndex(-1);
  }
  function onPick(index: number) {
    // A timeline mark names a request; show it even when the filter hid it.
    if (rows[index] && !filterRows([rows[index]], filter).length) setFilter(NO_FILTER);
    setSelectedIndex(index);
  }
  function reset() {
    setSelectedIndex(-1);
    setFilter(NO_FILTER);
  }
  const onSelect = (pos: number) => setSelectedIndex(shown[pos]?.index ?? -1);
  return { rows, shown, menu, filter, sort, selectedPos, selected, onFilter, onPick, onSort: setSort, onSelect, reset };
}

type RowView = ReturnType<typeof useRowView>;

/** The scope's requests: timeline, flow chart and conformance above, the table and the evidence pane below. */
function ScopeRequests({ p, view }: { p: ReportProps; view: RowView }) {
  const line = useMemo(() => timeline(view.rows), [view.rows]);
  const graph = useMemo(() => flowGraph(view.rows), [view.rows]);
  const conf = useMemo(() => conformance(view.rows), [view.rows]);
  return (
    <>
      <div class="tt-overview">
        <Timeline policy={p.policy} rows={line.rows} start={line.start} end={line.end} onPick={view.onPick} />
        <FlowChart policy={p.policy} graph={graph} />
        <Conformance policy={p.policy} data={conf} />
      </div>
      <div class="tt-detail">
        <RequestTable
          policy={p.policy}
          rows={view.shown}
          total={view.rows.length}
          facets={view.menu}
          filter={view.filter}
          sort={view.sort}
          selected={view.selectedPos}
          height={p.tableHeight ?? 420}
          onFilter={view.onFilter}
          onSort={view.onSort}
          onSelect={view.onSelect}
          now={p.now}
        />
        <EvidencePane policy={p.policy} observation={view.selected} onCopy={p.onCopy} />
      </div>
    </>
  );
}

export function Report(p: ReportProps) {
  const { t } = useI18n();
  const view = useRowView(p.observations);
  const recording = typeof p.scope === 'number' ? p.recordings.find((r) => r.recording.id === p.scope) : undefined;
  const title = p.scope === 'log' ? t('passiveLog') : recording ? recording.recording.title : p.tab?.scope === p.scope ? p.tab.label : '';
  const empty = p.observations !== undefined && p.observations.length === 0;

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
        tab={p.tab}
        onScope={(s) => {
          view.reset();
          p.onScope(s);
        }}
        onImport={p.onImport}
        busy={p.busy}
        progress={p.progress}
        now={p.now}
      />
      <main class="tt-report__main">
        <ScopeHeader
          key={String(p.scope)}
          title={title}
          recording={recording?.recording}
          requests={recording?.requests ?? p.observations?.length ?? 0}
          canExport={!p.busy && !!p.observations && !empty}
          rawAvailable={p.rawAvailable}
          onExport={p.onExport}
          onUpdate={p.onUpdate}
          onDelete={p.onDelete}
        />
        {p.status && (
          <p class={p.status.kind === 'error' ? 'tt-status tt-status--error' : 'tt-status'} role={p.status.kind === 'error' ? 'alert' : 'status'}>
            {p.status.text}
          </p>
        )}
        {!p.observations ? (
          <p class="tt-muted">{t('loading')}</p>
        ) : empty ? (
          <p class="tt-empty">{t('emptyScope')}</p>
        ) : (
          <ScopeRequests p={p} view={view} />
        )}
      </main>
    </div>
  );
}
