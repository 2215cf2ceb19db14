/**
 * The DevTools panel: the inspected tab's requests as a live list (features, items and content with their
 * verdicts), a filter to the flows that are vague or undisclosed, clear, HAR export, and the selected
 * request's evidence in the report's evidence pane.
 * Pure: observations in through props, intent out through callbacks; the filter and the selection are view
 * state and live here. Values come from web traffic and are rendered as text only.
 */
import '../common/common.css';
import '../report/report.css';
import './devtools.css';
import { useMemo, useState } from 'preact/hooks';
import type { Policy } from '../../lib/policy/types';
import type { Observation } from '../../lib/model';
import { formatTime, isoTime } from '../common/format';
import { useI18n, type StringKey } from '../common/i18n';
import { featureName, flowName } from '../common/policy-view';
import { VerdictBadge, verdictLabel } from '../common/VerdictBadge';
import { EvidencePane } from '../report/EvidencePane';
import { CONCERNS, hostAndPath, visibleRows, worstVerdict, type Concern } from './model';

export interface PanelStatus {
  kind: 'info' | 'error';
  text: string;
}

export interface PanelProps {
  policy: Policy;
  /** The inspected tab; null when there is none (the page was opened without one). */
  tabId: number | null;
  /** The inspected page's title, shown instead of the tab id when known. */
  pageTitle?: string;
  /** The tab's latest read, any order; undefined while the first read is running. */
  observations: Observation[] | undefined;
  /** The read's bound: when it is reached, the list says it shows only the newest requests. */
  limit: number;
  /** Observations with an id up to this one were cleared from the view (see model.afterClear). */
  clearedThrough?: number;
  status?: PanelStatus;
  now?: number;
  initialConcern?: Concern;
  onClear: () => void;
  onExport: () => void;
}

const CONCERN_LABEL: Record<Concern, StringKey> = { all: 'panelShowAll', vague: 'panelShowVague', omitted: 'panelShowOmitted' };
const rowId = (o: Observation) => `tt-req-${o.id ?? o.requestId}`;

/** The selected row, kept by id so it survives re-reads, moved with the arrow keys, Home and End. */
function useRowSelection(rows: Observation[]) {
  const [selectedId, setSelectedId] = useState<number | undefined>(undefined);
  const selectedPos = rows.findIndex((o) => o.id === selectedId);
  const selected = selectedPos >= 0 ? rows[selectedPos] : undefined;

  const select = (pos: number) => {
    const o = rows[Math.max(0, Math.min(rows.length - 1, pos))];
    if (!o) return;
    setSelectedId(o.id);
    document.getElementById(rowId(o))?.scrollIntoView?.({ block: 'nearest' });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: selectedPos < 0 ? 0 : selectedPos + 1,
      ArrowUp: selectedPos < 0 ? rows.length - 1 : selectedPos - 1,
      Home: 0,
      End: rows.length - 1,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    select(moves[e.key]!);
  };
  return { selectedPos, selected, select, onKeyDown };
}

interface PanelBarProps {
  p: PanelProps;
  concern: Concern;
  onConcern: (concern: Concern) => void;
  shown: number;
  total: number;
}

/** The bar: the page, the concern filter, clear, HAR export and the count. */
function PanelBar({ p, concern, onConcern, shown, total }: PanelBarProps) {
  const { t } = useI18n();
  return (
    <header class="tt-panel__bar">
      <h1 class="tt-panel__title">
        {t('panelTitle')}{' '}
        <span class="tt-muted tt-panel__page" data-tab={p.tabId ?? ''} title={p.pageTitle}>
          {p.tabId === null ? t('panelNoTab') : p.pageTitle || t('panelTab', String(p.tabId))}
        </span>
      </h1>
      <label class="tt-panel__filter">
        {t('panelShow')}{' '}
        <select data-filter value={concern} onChange={(e) => onConcern((e.currentTarget as HTMLSelectElement).value as Concern)}>
          {CONCERNS.map((c) => (
            <option key={c} value={c}>
              {t(CONCERN_LABEL[c])}
            </option>
          ))}
        </select>
      </label>
      <button type="button" class="tt-button" data-action="clear" title={t('panelClearHint')} onClick={p.onClear}>
        {t('panelClear')}
      </button>
      <button type="button" class="tt-button" data-action="export-har" title={t('panelExportHint')} disabled={total === 0} onClick={p.onExport}>
        {t('panelExportHar')}
      </button>
      <span class="tt-muted" data-count={shown}>
        {t('panelCount', [shown, total])}
      </span>
    </header>
  );
}

export function Panel(p: PanelProps) {
  const { t } = useI18n();
  const [concern, setConcern] = useState<Concern>(p.initialConcern ?? 'all');
  const unfiltered = useMemo(() => visibleRows(p.observations ?? [], p.clearedThrough, 'all'), [p.observations, p.clearedThrough]);
  const rows = useMemo(
    () => (concern === 'all' ? unfiltered : visibleRows(unfiltered, undefined, concern)),
    [unfiltered, concern],
  );
  const { selectedPos, selected, select, onKeyDown } = useRowSelection(rows);
  const limited = (p.observations?.length ?? 0) >= p.limit;

  return (
    <div class="tt-panel">
      <PanelBar p={p} concern={concern} onConcern={setConcern} shown={rows.length} total={unfiltered.length} />
      <p class={`tt-status${p.status?.kind === 'error' ? ' tt-status--error' : ''}`} role="status" aria-live="polite">
        {p.status?.text ?? ''}
      </p>
      {limited && <p class="tt-muted tt-small">{t('panelLimit', p.limit)}</p>}
      <div class="tt-panel__split">
        <section class="tt-panel__list" aria-label={t('panelList')}>
          {p.observations === undefined ? (
            <p class="tt-muted">{t('loading')}</p>
          ) : rows.length === 0 ? (
            <p class="tt-muted" data-empty>
              {unfiltered.length === 0 ? t('panelEmpty') : t('panelEmptyFiltered')}
            </p>
          ) : (
            <ul
              class="tt-reqlist"
              role="listbox"
              tabIndex={0}
              aria-label={t('panelList')}
              aria-activedescendant={selected ? rowId(selected) : undefined}
              onKeyDown={onKeyDown}
            >
              {rows.map((o, pos) => (
                <RequestRow key={rowId(o)} policy={p.policy} obs={o} selected={pos === selectedPos} now={p.now} onSelect={() => select(pos)} />
              ))}
            </ul>
          )}
        </section>
        {/* A scrolling region must be reachable from the keyboard, so the evidence scrolls in a focusable box. */}
        <div class="tt-panel__evidence" tabIndex={0} role="region" aria-label={t('evidence')}>
          <EvidencePane policy={p.policy} observation={selected} />
        </div>
      </div>
    </div>
  );
}

/**
 * One line per request: time, method, host and path, worst verdict, number of flows. The features and one chip
 * per flow show only for the selected row, so a screen holds many requests.
 */
function RequestRow({ policy, obs, selected, now, onSelect }: { policy: Policy; obs: Observation; selected: boolean; now?: number; onSelect: () => void }) {
  const { locale, t } = useI18n();
  const { host, path } = hostAndPath(obs.url);
  const worst = worstVerdict(obs);
  const flowCount = obs.annotation.items.length + obs.annotation.findings.length;
  return (
    <li
      id={rowId(obs)}
      class={`tt-reqrow${selected ? ' tt-reqrow--selected' : ''}`}
      role="option"
      aria-selected={selected ? 'true' : 'false'}
      data-request-id={obs.requestId}
      data-worst={worst ?? 'none'}
      onClick={onSelect}
    >
      <div class="tt-reqrow__line">
        <time class="tt-reqrow__time" dateTime={isoTime(obs.time)}>
          {formatTime(obs.time, locale, now)}
        </time>
        <span class="tt-reqrow__method">{obs.method}</span>
        <span class="tt-reqrow__url" title={obs.url}>
          <span class="tt-reqrow__host">{host}</span>
          <span class="tt-reqrow__path">{path}</span>
        </span>
        {worst && <VerdictBadge verdict={worst} />}
        <span class="tt-reqrow__count tt-muted" data-flow-count={flowCount}>
          {flowCount === 0 ? t('panelNoFlows') : flowCount === 1 ? t('panelFlowsOne') : t('panelFlowsMany', flowCount)}
        </span>
      </div>
      {selected && <RowChips policy={policy} obs={obs} />}
    </li>
  );
}

function RowChips({ policy, obs }: { policy: Policy; obs: Observation }) {
  const { lang, t } = useI18n();
  const flows = [
    ...obs.annotation.items.map((i) => ({ id: i.item as string, verdict: i.verdict })),
    ...obs.annotation.findings.map((f) => ({ id: f.kind, verdict: f.verdict })),
  ];
  const features = obs.annotation.features.map((f) => featureName(policy, f, lang));
  return (
    <div class="tt-reqrow__chips tt-small">
      <span class="tt-reqrow__features" data-features={obs.annotation.features.join(' ')}>
        {features.length ? features.join(', ') : t('panelNoFeature')}
      </span>
      <span class="tt-reqrow__flows">
        {flows.map((f) => (
          <span key={f.id} class={`tt-reqrow__flow tt-verdict--${f.verdict}`} data-flow={f.id} data-verdict={f.verdict}>
            {flowName(policy, f.id, lang)}
            <span class="tt-visually-hidden"> ({verdictLabel(t, f.verdict)})</span>
          </span>
        ))}
      </span>
    </div>
  );
}
