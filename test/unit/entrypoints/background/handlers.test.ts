/**
 * The background's `state/get` handler: a page that asks for the state reads the store itself next, so the
 * records the writer holds (it waits for a pause in the traffic, up to 2 s) are written shortly after, and not
 * before the answer, which would compete with the page's first paint.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../../entrypoints/background/handlers';
import type { RequestPipeline } from '../../../../entrypoints/background/pipeline';
import { openTelltaleDB } from '../../../../lib/store/db';

function pipelineWithWriter() {
  const flush = vi.fn(async () => undefined);
  const db = openTelltaleDB(`handlers-${Math.random()}`);
  const pipeline = {
    writer: { flush },
    settings: { paused: false, customOrigins: [] },
    recording: undefined,
    merger: { size: 3 },
    database: () => db,
  } as unknown as RequestPipeline;
  return { pipeline, flush };
}

afterEach(() => vi.useRealTimers());

describe('state/get', () => {
  it('answers at once, and has the queued records written shortly after', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const { pipeline, flush } = pipelineWithWriter();
    const handlers = createHandlers(pipeline, () => undefined);
    const state = await handlers['state/get'](undefined as never);
    expect(state).toMatchObject({ paused: false, recording: null, pending: 3, customOrigins: [] });
    expect(flush).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(flush).toHaveBeenCalledTimes(1);
  });
});

describe('store/flush', () => {
  it('answers once what the writer holds is written', async () => {
    const { pipeline, flush } = pipelineWithWriter();
    let written = false;
    flush.mockImplementation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      written = true;
    });
    const handlers = createHandlers(pipeline, () => undefined);
    await expect(handlers['store/flush'](undefined as never)).resolves.toEqual({ flushed: true });
    expect(written).toBe(true);
  });
});
