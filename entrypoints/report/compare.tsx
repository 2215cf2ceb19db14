/**
 * The report page's comparison adapter: reads the two sides from IndexedDB, computes their difference with
 * lib/diff (the computation `telltale diff` uses) and hands it to components/diff/Compare.
 */
import { useEffect, useState } from 'preact/hooks';
import { diffObservations } from '../../lib/diff/observations';
import type { FlowDiff } from '../../lib/diff/compare';
import type { Policy } from '../../lib/policy/types';
import type { StoreReader } from '../../lib/store/read';
import type { Observation, Recording } from '../../lib/model';
import { Compare } from '../../components/diff/Compare';
import { formatSide, type CompareSide, type Comparison } from '../../components/diff/sides';
import { MAX_ROWS } from './data';

/** A side's observations: a recording's (or import's), or the passive log's within the range, imports left out. */
export async function loadSide(db: StoreReader, side: CompareSide): Promise<Observation[]> {
  if (side.kind === 'recording') return db.observations({ recordingId: side.id, limit: MAX_ROWS });
  const query = side.from === undefined ? { limit: MAX_ROWS } : { since: side.from, limit: MAX_ROWS };
  const to = side.to ?? Infinity;
  return (await db.observations(query)).filter((o) => !o.requestId.startsWith('har:') && o.time <= to);
}

export interface CompareAppProps {
  db: StoreReader;
  policy: Policy;
  recordings: ReadonlyArray<{ recording: Recording }>;
  comparison: Comparison;
  onComparison: (comparison: Comparison) => void;
  onClose: () => void;
}

export function CompareApp(p: CompareAppProps) {
  const [result, setResult] = useState<{ diff: FlowDiff<number>; byId: Map<number, Observation> } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const key = `${formatSide(p.comparison.before)} ${formatSide(p.comparison.after)}`;

  useEffect(() => {
    let live = true;
    setResult(undefined);
    setError(undefined);
    Promise.all([loadSide(p.db, p.comparison.before), loadSide(p.db, p.comparison.after)]).then(
      ([before, after]) => {
        if (!live) return;
        const byId = new Map<number, Observation>();
        for (const o of [...before, ...after]) if (o.id !== undefined) byId.set(o.id, o);
        setResult({ diff: diffObservations(before, after), byId });
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [key]);

  return (
    <Compare
      policy={p.policy}
      recordings={p.recordings}
      comparison={p.comparison}
      diff={result?.diff}
      observation={(id) => result?.byId.get(id)}
      error={error}
      onComparison={p.onComparison}
      onClose={p.onClose}
    />
  );
}
