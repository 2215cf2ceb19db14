// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'preact/hooks';
import { VirtualTable, visibleRange } from '../../../../components/report/VirtualTable';
import { fire, key, mount } from './render';

const ROWS = 100_000;
const mounted: Array<{ unmount(): void }> = [];
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount();
});

function Harness({ rowCount }: { rowCount: number }) {
  const [selected, setSelected] = useState(-1);
  return (
    <VirtualTable
      rowCount={rowCount}
      rowHeight={28}
      height={280}
      selected={selected}
      onSelect={setSelected}
      label="requests"
      idPrefix="r"
      overscan={5}
      renderRow={(i) => <span class="cell">{`row ${i}`}</span>}
    />
  );
}

describe('virtualized table', () => {
  it('computes the visible range with overscan', () => {
    expect(visibleRange(0, 280, 28, ROWS, 5)).toEqual([0, 15]);
    expect(visibleRange(28 * 1000, 280, 28, ROWS, 5)).toEqual([995, 1015]);
    expect(visibleRange(28 * ROWS, 280, 28, ROWS, 5)).toEqual([ROWS - 5, ROWS]);
  });

  it('renders only the rows in view out of 100 000, with the full scroll height', () => {
    const t0 = performance.now();
    const view = mount(<Harness rowCount={ROWS} />);
    mounted.push(view);
    const ms = performance.now() - t0;
    const rows = view.qa('[role="row"]');
    expect(rows.length).toBe(15);
    expect(rows[0]!.textContent).toBe('row 0');
    expect(view.q('.tt-vtable__space').style.height).toBe(`${ROWS * 28}px`);
    expect(view.q('[role="grid"]').getAttribute('aria-rowcount')).toBe(String(ROWS + 1));
    // Not a benchmark: only a guard against rendering every row (which takes seconds).
    expect(ms).toBeLessThan(1500);
  });

  it('shows other rows after scrolling, still only a window of them', () => {
    const view = mount(<Harness rowCount={ROWS} />);
    mounted.push(view);
    const grid = view.q<HTMLDivElement>('[role="grid"]');
    grid.scrollTop = 28 * 50_000;
    fire(grid, new Event('scroll'));
    const texts = view.qa('[role="row"]').map((r) => r.textContent);
    expect(texts).toContain('row 50000');
    expect(texts).not.toContain('row 0');
    expect(texts.length).toBeLessThanOrEqual(21);
  });

  it('moves the selection with the keyboard and keeps it in view', () => {
    const view = mount(<Harness rowCount={ROWS} />);
    mounted.push(view);
    const grid = view.q<HTMLDivElement>('[role="grid"]');
    fire(grid, key('ArrowDown'));
    expect(view.q('[aria-selected="true"]').textContent).toBe('row 0');
    fire(grid, key('ArrowDown'));
    expect(grid.getAttribute('aria-activedescendant')).toBe('r-1');
    fire(grid, key('End'));
    expect(view.q('[aria-selected="true"]').textContent).toBe(`row ${ROWS - 1}`);
    expect(view.qa('[role="row"]').length).toBeLessThanOrEqual(21);
    fire(grid, key('Home'));
    expect(view.q('[aria-selected="true"]').textContent).toBe('row 0');
  });
});
