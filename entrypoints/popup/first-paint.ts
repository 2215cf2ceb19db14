/**
 * performance.mark('telltale:first-paint') for test/bench/popup-paint.mjs: when the first view with data
 * reached the screen. Called once that view is committed to the DOM.
 *
 * Where the browser reports element timing (Chromium), the mark takes the paint time of the element marked
 * `elementtiming="telltale-data"` (the items heading, shown only with data), so it measures the frame itself
 * rather than whenever a later task gets to run on a busy machine. Elsewhere, or when no entry comes (element
 * timing only reports what is painted inside the viewport), the mark is the end of the next frame.
 *
 * It also says when the popup's later work may start (the rest of the first screen below the summary, the
 * third-party and host access checks, the workers' aggregate, the policy model): on two busy cores that work,
 * in this page, in the browser and in the background, competes with the style, raster and display of the very
 * frame that shows the answer.
 */
export const FIRST_PAINT_MARK = 'telltale:first-paint';
/** When the rest of the first screen (the items table, content list, controls) was committed after the summary. */
export const FIRST_SCREEN_MARK = 'telltale:first-screen';
export const DATA_ELEMENT = 'telltale-data';
const FALLBACK_WAIT_MS = 1000;
/** The later work waits for the reported paint, but never longer than this after the first frame. */
const SETTLE_AFTER_FRAME_MS = 150;
/**
 * A page that is not on screen (a popup opened as a background tab, or framed in a hidden page) gets no
 * animation frames at all, so the later work must not wait for one: it starts at the latest this long after
 * the first view was committed.
 */
const SETTLE_WITHOUT_FRAME_MS = 500;

/** The fields of PerformanceElementTiming used here (not in every TypeScript DOM library). */
interface ElementTiming extends PerformanceEntry {
  identifier: string;
  renderTime: number;
  loadTime: number;
}

let painted: Promise<void> | undefined;
let settle: () => void = () => undefined;
let marked = false;

function mark(startTime: number): void {
  if (marked) return;
  marked = true;
  performance.mark(FIRST_PAINT_MARK, { startTime });
  settle();
}

/** Resolves with the time after the next frame has been produced. */
function afterNextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));
}

/**
 * Marks the first paint (once, however often it is called) and resolves when it is on screen: at the mark, or
 * shortly after the first frame when the browser reports no paint.
 */
export function markFirstPaint(): Promise<void> {
  if (painted) return painted;
  painted = new Promise((resolve) => (settle = resolve));
  setTimeout(settle, SETTLE_WITHOUT_FRAME_MS);
  const frame = afterNextFrame();
  void frame.then(() => setTimeout(settle, SETTLE_AFTER_FRAME_MS));
  if (!PerformanceObserver.supportedEntryTypes?.includes('element')) {
    void frame.then(mark);
    return painted;
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
  return painted;
}

let screenMarked = false;

/** Marks, once, the commit of the whole first screen (the benchmark reports it beside the first paint). */
export function markFirstScreen(): void {
  if (screenMarked) return;
  screenMarked = true;
  performance.mark(FIRST_SCREEN_MARK);
}
