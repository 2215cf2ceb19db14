/** When each item and content kind left: SVG, time on x, one row per item; a mark per request, coloured by verdict. */
import type { Policy } from '../../lib/policy/types';
import { useI18n } from '../common/i18n';
import { contentName, itemName } from '../common/policy-view';
import { formatTime } from '../common/format';
import type { TimelineRow } from './model';

export interface TimelineProps {
  policy: Policy;
  rows: TimelineRow[];
  start: number;
  end: number;
  width?: number;
  /** A mark was activated: the request's index. */
  onPick?: (index: number) => void;
  /** At most this many marks per row are drawn (evenly thinned) so 100k requests stay light. */
  maxMarks?: number;
}

const LABEL = 170;
const ROW = 22;

export function Timeline({ policy, rows, start, end, width = 760, onPick, maxMarks = 400 }: TimelineProps) {
  const { lang, t } = useI18n();
  const plot = width - LABEL - 10;
  const span = Math.max(1, end - start);
  const x = (time: number) => LABEL + ((time - start) / span) * plot;
  const height = rows.length * ROW + 24;
  return (
    <section class="tt-timeline" aria-labelledby="tt-timeline-title">
      <h2 id="tt-timeline-title">{t('timeline')}</h2>
      <p class="tt-muted">{t('timelineHint')}</p>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="tt-timeline-title">
        {rows.map((r, i) => {
          const y = i * ROW + ROW / 2;
          const name = r.kind === 'item' ? itemName(policy, r.id, lang) : contentName(policy, r.id, lang);
          const step = Math.max(1, Math.ceil(r.points.length / maxMarks));
          const marks = r.points.filter((_p, k) => k % step === 0);
          return (
            <g class="tt-timeline__row" data-row={r.id}>
              <text x={LABEL - 8} y={y + 4} text-anchor="end" class="tt-svg-text">
                {name}
              </text>
              <line x1={LABEL} x2={LABEL + plot} y1={y} y2={y} class="tt-svg-grid" />
              {marks.map((p) => (
                <circle cx={x(p.time)} cy={y} r={4} class={`tt-mark tt-mark--${p.verdict}`} onClick={() => onPick?.(p.index)}>
                  <title>{`${name} · ${formatTime(p.time, lang)} · ${p.verdict}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
        <text x={LABEL} y={height - 6} class="tt-svg-text">
          {formatTime(start, lang)}
        </text>
        <text x={LABEL + plot} y={height - 6} text-anchor="end" class="tt-svg-text">
          {formatTime(end, lang)}
        </text>
      </svg>
    </section>
  );
}
