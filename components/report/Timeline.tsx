/**
 * When each item and content kind left: SVG, time on x, one row per item. Requests are binned into columns
 * a few pixels wide; a column shows its worst verdict and, on hover or focus, how many requests fell in it, so
 * 100k requests draw at most a few hundred marks per row without hiding a bad verdict. A legend names the
 * colours; the chart is one tab stop whose arrow keys move between marks and whose Enter opens the request.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { Policy, Verdict } from '../../lib/policy/types';
import { VERDICTS } from '../../lib/policy/types';
import { useI18n } from '../common/i18n';
import { contentName, itemName } from '../common/policy-view';
import { verdictLabel } from '../common/VerdictBadge';
import type { TimelineRow } from './model';

export interface TimelineProps {
  policy: Policy;
  rows: TimelineRow[];
  start: number;
  end: number;
  width?: number;
  /** A mark was activated: the index of the first request in it. */
  onPick?: (index: number) => void;
}

const LABEL = 170;
const ROW = 22;
const BIN_PX = 4;

export interface Bin {
  x: number;
  count: number;
  worst: Verdict;
  first: number;
  from: number;
  to: number;
}

const RANK = new Map<Verdict, number>(VERDICTS.map((v, i) => [v, i]));

/** Groups a row's points into columns `BIN_PX` wide over [start, end]. */
export function binPoints(points: TimelineRow['points'], start: number, end: number, plot: number): Bin[] {
  const bins = Math.max(1, Math.floor(plot / BIN_PX));
  const span = Math.max(1, end - start);
  const out = new Map<number, Bin>();
  for (const p of points) {
    const b = Math.min(bins - 1, Math.floor(((p.time - start) / span) * bins));
    const bin = out.get(b);
    if (!bin) out.set(b, { x: LABEL + ((b + 0.5) / bins) * plot, count: 1, worst: p.verdict, first: p.index, from: p.time, to: p.time });
    else {
      bin.count++;
      if (RANK.get(p.verdict)! > RANK.get(bin.worst)!) bin.worst = p.verdict;
      if (p.time < bin.from) bin.from = p.time;
      if (p.time > bin.to) bin.to = p.time;
    }
  }
  return [...out.values()];
}

/** Which mark holds the keyboard focus: row and bin position (a roving tabindex, one tab stop for the chart). */
interface Cursor {
  row: number;
  bin: number;
}

function move(c: Cursor, key: string, binned: Bin[][]): Cursor | undefined {
  const last = (row: number) => binned[row]!.length - 1;
  switch (key) {
    case 'ArrowRight':
      return { row: c.row, bin: Math.min(last(c.row), c.bin + 1) };
    case 'ArrowLeft':
      return { row: c.row, bin: Math.max(0, c.bin - 1) };
    case 'Home':
      return { row: c.row, bin: 0 };
    case 'End':
      return { row: c.row, bin: last(c.row) };
    case 'ArrowDown':
    case 'ArrowUp': {
      const row = key === 'ArrowDown' ? Math.min(binned.length - 1, c.row + 1) : Math.max(0, c.row - 1);
      // The mark nearest in time on the next row.
      const x = binned[c.row]![c.bin]!.x;
      let bin = 0;
      binned[row]!.forEach((b, i) => {
        if (Math.abs(b.x - x) < Math.abs(binned[row]![bin]!.x - x)) bin = i;
      });
      return { row, bin };
    }
  }
  return undefined;
}

function Legend() {
  const { t } = useI18n();
  return (
    <ul class="tt-legend" aria-label={t('legend')}>
      {VERDICTS.map((v) => (
        <li data-verdict={v}>
          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
            <circle cx="6" cy="6" r="4.5" class={`tt-mark tt-mark--${v}`} />
          </svg>{' '}
          {verdictLabel(t, v)}
        </li>
      ))}
      <li class="tt-muted">{t('legendSize')}</li>
    </ul>
  );
}

export function Timeline({ policy, rows, start, end, width = 760, onPick }: TimelineProps) {
  const { lang, locale, t } = useI18n();
  const plot = width - LABEL - 10;
  const binned = useMemo(() => rows.map((r) => binPoints(r.points, start, end, plot).sort((a, b) => a.x - b.x)), [rows, start, end, plot]);
  const [cursor, setCursor] = useState<Cursor>({ row: 0, bin: 0 });
  const svg = useRef<SVGSVGElement>(null);
  const at = binned[cursor.row]?.[cursor.bin] ? cursor : { row: 0, bin: 0 };
  const fmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const height = rows.length * ROW + 24;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      const b = binned[at.row]?.[at.bin];
      if (b) onPick?.(b.first);
      e.preventDefault();
      return;
    }
    const next = move(at, e.key, binned);
    if (!next) return;
    e.preventDefault();
    setCursor(next);
    svg.current?.querySelector<SVGElement>(`[data-mark="${next.row}-${next.bin}"]`)?.focus();
  };
  if (rows.length === 0) {
    return (
      <section class="tt-timeline" aria-labelledby="tt-timeline-title">
        <h2 id="tt-timeline-title">{t('timeline')}</h2>
        <p class="tt-muted">{t('nothingLeft')}</p>
      </section>
    );
  }
  return (
    <section class="tt-timeline" aria-labelledby="tt-timeline-title">
      <h2 id="tt-timeline-title">{t('timeline')}</h2>
      <p class="tt-muted" id="tt-timeline-hint">
        {t('timelineHint')}
      </p>
      <Legend />
      <svg ref={svg} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-labelledby="tt-timeline-title" aria-describedby="tt-timeline-hint" onKeyDown={onKey}>
        {rows.map((r, i) => {
          const y = i * ROW + ROW / 2;
          const name = r.kind === 'item' ? itemName(policy, r.id, lang) : contentName(policy, r.id, lang);
          return (
            <g class="tt-timeline__row" data-row={r.id} data-requests={r.points.length}>
              <text x={LABEL - 8} y={y + 4} text-anchor="end" class="tt-svg-text" aria-hidden="true">
                {name}
              </text>
              <line x1={LABEL} x2={LABEL + plot} y1={y} y2={y} class="tt-svg-grid" />
              {binned[i]!.map((b, j) => {
                const label = `${name} · ${fmt.format(b.from)}${b.to > b.from ? ` – ${fmt.format(b.to)}` : ''} · ${t('markCount', b.count)} · ${verdictLabel(t, b.worst)}`;
                return (
                  <circle
                    cx={b.x}
                    cy={y}
                    r={b.count > 1 ? 5 : 4}
                    class={`tt-mark tt-mark--${b.worst}`}
                    data-count={b.count}
                    data-mark={`${i}-${j}`}
                    role="button"
                    tabindex={at.row === i && at.bin === j ? 0 : -1}
                    aria-label={label}
                    onClick={() => (setCursor({ row: i, bin: j }), onPick?.(b.first))}
                  >
                    <title>{label}</title>
                  </circle>
                );
              })}
            </g>
          );
        })}
        <text x={LABEL} y={height - 6} class="tt-svg-text">
          {fmt.format(start)}
        </text>
        <text x={LABEL + plot} y={height - 6} text-anchor="end" class="tt-svg-text">
          {fmt.format(end)}
        </text>
      </svg>
    </section>
  );
}
