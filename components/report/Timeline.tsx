/**
 * When each item and content kind left: SVG, time on x, one row per item. Requests are binned into columns
 * a few pixels wide; a column shows its worst verdict and, on hover, how many requests fell in it, so 100k
 * requests draw at most a few hundred marks per row without hiding a bad verdict.
 */
import { useMemo } from 'preact/hooks';
import type { Policy, Verdict } from '../../lib/policy/types';
import { VERDICTS } from '../../lib/policy/types';
import { useI18n } from '../common/i18n';
import { contentName, itemName } from '../common/policy-view';
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

export function Timeline({ policy, rows, start, end, width = 760, onPick }: TimelineProps) {
  const { lang, locale, t } = useI18n();
  const plot = width - LABEL - 10;
  const binned = useMemo(() => rows.map((r) => binPoints(r.points, start, end, plot)), [rows, start, end, plot]);
  const fmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const height = rows.length * ROW + 24;
  return (
    <section class="tt-timeline" aria-labelledby="tt-timeline-title">
      <h2 id="tt-timeline-title">{t('timeline')}</h2>
      <p class="tt-muted">{t('timelineHint')}</p>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="tt-timeline-title">
        {rows.map((r, i) => {
          const y = i * ROW + ROW / 2;
          const name = r.kind === 'item' ? itemName(policy, r.id, lang) : contentName(policy, r.id, lang);
          return (
            <g class="tt-timeline__row" data-row={r.id} data-requests={r.points.length}>
              <text x={LABEL - 8} y={y + 4} text-anchor="end" class="tt-svg-text">
                {name}
              </text>
              <line x1={LABEL} x2={LABEL + plot} y1={y} y2={y} class="tt-svg-grid" />
              {binned[i]!.map((b) => (
                <circle cx={b.x} cy={y} r={b.count > 1 ? 5 : 4} class={`tt-mark tt-mark--${b.worst}`} data-count={b.count} onClick={() => onPick?.(b.first)}>
                  <title>{`${name} · ${fmt.format(b.from)}${b.to > b.from ? ` – ${fmt.format(b.to)}` : ''} · ${b.count} · ${b.worst}`}</title>
                </circle>
              ))}
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
