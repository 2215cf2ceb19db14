/** Choosing the two sides of a comparison: a recording or import, or the passive log with an optional time range. */
import type { Recording } from '../../lib/model';
import { useI18n } from '../common/i18n';
import type { CompareSide } from './sides';
import { compareText } from './strings';

export interface ComparePickerProps {
  recordings: ReadonlyArray<{ recording: Recording }>;
  which: 'before' | 'after';
  side: CompareSide;
  onSide: (side: CompareSide) => void;
}

/** `datetime-local` shows local time; the URL keeps UTC. */
function localInput(t: number | undefined): string {
  if (t === undefined) return '';
  const d = new Date(t);
  return new Date(t - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function fromInput(text: string): number | undefined {
  if (!text) return undefined;
  const t = new Date(text).getTime();
  return Number.isFinite(t) ? t : undefined;
}

export function ComparePicker({ recordings, which, side, onSide }: ComparePickerProps) {
  const { lang } = useI18n();
  const id = `tt-compare-${which}`;
  const value = side.kind === 'recording' ? `rec:${side.id}` : 'log';
  const range = (patch: { from?: number | undefined; to?: number | undefined }) => {
    if (side.kind !== 'log') return;
    const next: CompareSide = { kind: 'log' };
    const from = 'from' in patch ? patch.from : side.from;
    const to = 'to' in patch ? patch.to : side.to;
    if (from !== undefined) next.from = from;
    if (to !== undefined) next.to = to;
    onSide(next);
  };
  return (
    <fieldset class="tt-compare__side" data-side={which}>
      <legend>{compareText(lang, which)}</legend>
      <select
        id={id}
        aria-label={compareText(lang, which)}
        value={value}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          onSide(v === 'log' ? { kind: 'log' } : { kind: 'recording', id: Number(v.slice(4)) });
        }}
      >
        <option value="log">{compareText(lang, 'passiveLog')}</option>
        {recordings.map(({ recording: r }) => (
          <option value={`rec:${r.id}`}>{r.title}</option>
        ))}
      </select>
      {side.kind === 'log' && (
        <span class="tt-compare__range">
          <label>
            {compareText(lang, 'from')}{' '}
            <input type="datetime-local" value={localInput(side.from)} onChange={(e) => range({ from: fromInput((e.currentTarget as HTMLInputElement).value) })} />
          </label>
          <label>
            {compareText(lang, 'to')}{' '}
            <input type="datetime-local" value={localInput(side.to)} onChange={(e) => range({ to: fromInput((e.currentTarget as HTMLInputElement).value) })} />
          </label>
        </span>
      )}
    </fieldset>
  );
}
