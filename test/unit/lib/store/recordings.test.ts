import { describe, expect, it } from 'vitest';
import {
  deleteRecording,
  getRunningRecording,
  listRecordings,
  RecordingError,
  startRecording,
  stopRecording,
  updateRecording,
} from '../../../../lib/store/recordings';
import { ObservationWriter } from '../../../../lib/store/writer';
import { getAggregate, listObservations } from '../../../../lib/store/queries';
import { freshDb, observation } from './helpers';

const meta = { browser: 'Chromium 156', extensionVersion: '0.1.0', policyId: 'lync-2012' };

describe('recordings', () => {
  it('runs a lifecycle: start, record, stop, edit, delete with its observations and aggregate', async () => {
    const db = await freshDb();
    const rec = await startRecording(db, { title: '  Outlook audit ', notes: 'sv-SE profile', ...meta }, 100);
    expect(rec).toMatchObject({ id: expect.any(Number), title: 'Outlook audit', notes: 'sv-SE profile', startedAt: 100, rawEvidence: false, policyId: 'lync-2012' });
    expect((await getRunningRecording(db))?.id).toBe(rec.id);

    const writer = new ObservationWriter(() => db);
    writer.add(observation({ recordingId: rec.id }));
    writer.add(observation({ recordingId: rec.id }));
    writer.add(observation());
    await writer.flush();
    expect((await getAggregate(db, `rec:${rec.id!}`))!.requests).toBe(2);

    const stopped = await stopRecording(db, 200);
    expect(stopped).toMatchObject({ id: rec.id, endedAt: 200 });
    expect(await getRunningRecording(db)).toBeUndefined();
    expect(await stopRecording(db, 300)).toBeUndefined();

    const edited = await updateRecording(db, rec.id!, { notes: 'done' });
    expect(edited).toMatchObject({ title: 'Outlook audit', notes: 'done', endedAt: 200 });

    expect(await deleteRecording(db, rec.id!)).toBe(2);
    expect(await listRecordings(db)).toEqual([]);
    expect(await getAggregate(db, `rec:${rec.id!}`)).toBeUndefined();
    const left = await listObservations(db);
    expect(left).toHaveLength(1);
    expect(left[0]!.recordingId).toBeUndefined();
  });

  it('allows one running recording at a time and requires a title', async () => {
    const db = await freshDb();
    await expect(startRecording(db, { title: '  ', ...meta })).rejects.toBeInstanceOf(RecordingError);
    await startRecording(db, { title: 'first', rawEvidence: true, ...meta }, 1);
    await expect(startRecording(db, { title: 'second', ...meta })).rejects.toThrow(/already running/);
    await stopRecording(db, 2);
    await startRecording(db, { title: 'second', ...meta }, 3);
    const list = await listRecordings(db);
    expect(list.map((r) => r.title)).toEqual(['second', 'first']);
    expect(list[1]!.rawEvidence).toBe(true);
  });

  it('refuses to edit a recording that does not exist or to clear its title', async () => {
    const db = await freshDb();
    await expect(updateRecording(db, 99, { title: 'x' })).rejects.toThrow(/no recording/);
    const rec = await startRecording(db, { title: 't', ...meta });
    await expect(updateRecording(db, rec.id!, { title: ' ' })).rejects.toThrow(/title/);
  });
});
