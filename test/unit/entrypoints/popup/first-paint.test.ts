// @vitest-environment happy-dom
/**
 * The benchmark's mark (entrypoints/popup/first-paint.ts): set once, at the paint time the browser reports for
 * the data element when it reports element timing, and after the next frame when it does not; the later work
 * starts even when no frame comes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type FirstPaint = typeof import('../../../../entrypoints/popup/first-paint');

async function fresh(): Promise<FirstPaint> {
  vi.resetModules();
  return import('../../../../entrypoints/popup/first-paint');
}

const marks = (name: string) => performance.getEntriesByName(name, 'mark');

beforeEach(() => performance.clearMarks());
afterEach(() => vi.unstubAllGlobals());

describe('first-paint mark', () => {
  it('without element timing, marks once after the next frame, however often it is asked', async () => {
    vi.stubGlobal(
      'PerformanceObserver',
      Object.assign(function () {}, { supportedEntryTypes: ['mark', 'measure'] }),
    );
    const m = await fresh();
    const before = performance.now();
    const painted = m.markFirstPaint();
    expect(m.markFirstPaint()).toBe(painted);
    expect(marks(m.FIRST_PAINT_MARK)).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const set = marks(m.FIRST_PAINT_MARK);
    expect(set).toHaveLength(1);
    expect(set[0]!.startTime).toBeGreaterThanOrEqual(before);
    await expect(painted).resolves.toBeUndefined();
  });

  it('with element timing, takes the render time of the data element and ignores other elements', async () => {
    const observers: Array<{ cb: (list: { getEntries(): unknown[] }) => void; options?: unknown; off: boolean }> = [];
    class FakeObserver {
      static supportedEntryTypes = ['element', 'mark'];
      private readonly self: (typeof observers)[number];
      constructor(cb: (list: { getEntries(): unknown[] }) => void) {
        this.self = { cb, off: false };
        observers.push(this.self);
      }
      observe(options: unknown) {
        this.self.options = options;
      }
      disconnect() {
        this.self.off = true;
      }
    }
    vi.stubGlobal('PerformanceObserver', FakeObserver);
    const m = await fresh();
    let painted = false;
    void m.markFirstPaint().then(() => (painted = true));
    expect(observers).toHaveLength(1);
    expect(observers[0]!.options).toEqual({ type: 'element', buffered: true });
    const entry = (identifier: string, renderTime: number) => ({ identifier, renderTime, loadTime: 0, startTime: 0 });
    observers[0]!.cb({ getEntries: () => [entry('something-else', 5)] });
    expect(marks(m.FIRST_PAINT_MARK)).toHaveLength(0);
    await Promise.resolve();
    expect(painted).toBe(false);
    observers[0]!.cb({ getEntries: () => [entry(m.DATA_ELEMENT, 42.5)] });
    // The popup's later work starts once the paint is reported.
    await Promise.resolve();
    expect(painted).toBe(true);
    expect(observers[0]!.off).toBe(true);
    const set = marks(m.FIRST_PAINT_MARK);
    expect(set).toHaveLength(1);
    expect(set[0]!.startTime).toBe(42.5);
    // The fallback after the frame does not add a second mark.
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(marks(m.FIRST_PAINT_MARK)).toHaveLength(1);
  });

  it('a page that gets no animation frames (not on screen) still starts its later work', async () => {
    vi.stubGlobal(
      'PerformanceObserver',
      Object.assign(function () {}, { supportedEntryTypes: ['mark', 'measure'] }),
    );
    vi.stubGlobal('requestAnimationFrame', () => 0);
    const m = await fresh();
    let painted = false;
    void m.markFirstPaint().then(() => (painted = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(painted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(painted).toBe(true);
    // No frame was produced, so there is no paint to mark.
    expect(marks(m.FIRST_PAINT_MARK)).toHaveLength(0);
  });
});
