import { describe, expect, it } from 'vitest';
import { applyRetention } from '../../../../lib/store/retention';
import { ObservationWriter } from '../../../../lib/store/writer';
import { listObservations } from '../../../../lib/store/queries';
import { freshDb, observation } from './helpers';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;

async function seed(times: { time: number; recordingId?: number }[]) {
  const db = await freshDb();
  const writer = new ObservationWriter(() => db);
  for (const t of times) writer.add(observation(t));
  await writer.flush();
  return db;
}

describe('applyRetention', () => {
  it('deletes passive-log observations older than the age limit, keeping recordings', async () => {
    const db = await seed([
      { time: NOW - 10 * DAY },
      { time: NOW - 8 * DAY, recordingId: 1 },
      { time: NOW - 6 * DAY },
      { time: NOW - 1 },
    ]);
    const result = await applyRetention(db, { retentionDays: 7, retentionMaxObservations: 1000 }, NOW);
    expect(result).toEqual({ byAge: 1, byCount: 0 });
    const left = (await listObservations(db)).map((o) => o.time).sort();
    expect(left).toEqual([NOW - 8 * DAY, NOW - 6 * DAY, NOW - 1]);
  });

  it('deletes the oldest passive-log observations beyond the count limit; recordings do not count', async () => {
    const times = Array.from({ length: 10 }, (_, i) => ({ time: NOW - 1000 + i }));
    const db = await seed([...times, { time: NOW - 5000, recordingId: 2 }, { time: NOW - 4000, recordingId: 2 }]);
    const result = await applyRetention(db, { retentionDays: 7, retentionMaxObservations: 4 }, NOW);
    expect(result).toEqual({ byAge: 0, byCount: 6 });
    const left = await listObservations(db);
    expect(left.filter((o) => o.recordingId === undefined).map((o) => o.time).sort()).toEqual(
      [NOW - 994, NOW - 993, NOW - 992, NOW - 991],
    );
    expect(left.filter((o) => o.recordingId === 2)).toHaveLength(2);
  });

  it('does nothing when within limits', async () => {
    const db = await seed([{ time: NOW - 1 }, { time: NOW - 2 }]);
    expect(await applyRetention(db, { retentionDays: 7, retentionMaxObservations: 2 }, NOW)).toEqual({ byAge: 0, byCount: 0 });
    expect(await listObservations(db)).toHaveLength(2);
  });
});
