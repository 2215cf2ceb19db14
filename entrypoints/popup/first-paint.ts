/**
 * performance.mark('telltale:first-paint') for test/bench/popup-paint.mjs: when the first view with data
 * reached the screen. Called once that view is committed to the DOM.
 *
 * Where the browser reports element timing (Chromium), the mark takes the paint time of the element marked
 * `elementtiming="telltale-data"` (the items heading, shown only with data), so it measures the frame itself
 * rather than whenever a later task gets to run on a busy machine. Elsewhere, or when no entry comes (element
 * timing only reports what is painted inside the viewport), the mark is the end of the next frame.
 */
export const FIRST_PAINT_MARK = 'telltale:first-paint';
export const DATA_ELEMENT = 'telltale-data';
const FALLBACK_WAIT_MS = 1000;

/** The fields of PerformanceElementTiming used here (not in every TypeScript DOM library). */
interface ElementTiming extends PerformanceEntry {
  identifier: string;
  renderTime: number;
  loadTime: number;
}

let started = false;
let marked = false;

function mark(startTime: number): void {
  if (marked) return;
  marked = true;
  performance.mark(FIRST_PAINT_MARK, { startTime });
}

/** Resolves with the time after the next frame has been produced. */
function afterNextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));
}

export function markFirstPaint(): void {
  if (started) return;
  started = true;
  const frame = afterNextFrame();
  if (!PerformanceObserver.supportedEntryTypes?.includes('element')) {
    void frame.then(mark);
    return;
  }
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as ElementTiming[]) {
      if (entry.identifier !== DATA_ELEMENT) continue;
      observer.disconnect();
      mark(entry.renderTime || entry.loadTime || entry.startTime);
    }
  });
  observer.observe({ type: 'element', buffered: true });
  void frame.then((end) =>
    setTimeout(() => {
      observer.disconnect();
      mark(end);
    }, FALLBACK_WAIT_MS),
  );
}
