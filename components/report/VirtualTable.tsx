/**
 * A virtualized list of fixed-height rows: only the rows in view (plus a few either side) are in the DOM,
 * so 100 000 rows cost as much as 30. Keyboard: arrows, Page Up/Down, Home/End move the selection; the
 * container is one tab stop with aria-activedescendant pointing at the selected row.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface VirtualTableProps {
  rowCount: number;
  /** Pixels; every row has exactly this height. */
  rowHeight: number;
  /** Height of the scrolling viewport in pixels. */
  height: number;
  renderRow: (index: number) => ComponentChildren;
  /** Index of the selected row, or -1. */
  selected: number;
  onSelect: (index: number) => void;
  label: string;
  /** Prefix of row element ids (for aria-activedescendant). */
  idPrefix: string;
  overscan?: number;
  /** Column header cells: drawn as the grid's first row, sticky while the rows scroll. */
  header?: ComponentChildren;
}

export function visibleRange(scrollTop: number, height: number, rowHeight: number, rowCount: number, overscan: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return [first, Math.max(first, last)];
}

type Ref<T> = { current: T | null };

/**
 * The viewport's scroll position, kept following the table: the selected row stays in view when the keyboard
 * moves it, and a shorter list (a new filter) does not leave the view scrolled past its end.
 */
function useScrollTop(box: Ref<HTMLDivElement>, head: Ref<HTMLDivElement>, selected: number, rowCount: number, rowHeight: number, height: number) {
  const [scrollTop, setScrollTop] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el || selected < 0) return;
    const h = head.current?.offsetHeight ?? 0;
    const top = h + selected * rowHeight;
    // Visible means below the sticky header and above the bottom edge.
    if (top - h < el.scrollTop) el.scrollTop = top - h;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
    setScrollTop(el.scrollTop);
  }, [selected]);

  useEffect(() => {
    const el = box.current;
    if (el && scrollTop > Math.max(0, rowCount * rowHeight - height)) {
      el.scrollTop = Math.max(0, rowCount * rowHeight - height);
      setScrollTop(el.scrollTop);
    }
  }, [rowCount]);
  return [scrollTop, setScrollTop] as const;
}

export function VirtualTable({ rowCount, rowHeight, height, renderRow, selected, onSelect, label, idPrefix, overscan = 6, header }: VirtualTableProps) {
  const box = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useScrollTop(box, head, selected, rowCount, rowHeight, height);
  // The header row sits inside the grid (sticky on top), so rows start below it.
  const headHeight = head.current?.offsetHeight ?? 0;
  const [first, last] = visibleRange(Math.max(0, scrollTop - headHeight), height, rowHeight, rowCount, overscan);

  function onKeyDown(e: KeyboardEvent) {
    if (rowCount === 0) return;
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: selected + 1,
      ArrowUp: selected - 1,
      PageDown: selected + page,
      PageUp: selected - page,
      Home: 0,
      End: rowCount - 1,
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onSelect(Math.min(rowCount - 1, Math.max(0, next)));
  }

  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div
        key={i}
        id={`${idPrefix}-${i}`}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={i === selected ? 'true' : 'false'}
        class={`tt-vrow${i === selected ? ' tt-vrow--selected' : ''}`}
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}
        onClick={() => onSelect(i)}
      >
        {renderRow(i)}
      </div>,
    );
  }

  return (
    <div
      ref={box}
      class="tt-vtable"
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount + 1}
      tabIndex={0}
      aria-activedescendant={selected >= first && selected < last ? `${idPrefix}-${selected}` : undefined}
      style={{ height: `${height}px` }}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      onKeyDown={onKeyDown}
    >
      {header && (
        <div ref={head} class="tt-vhead" role="row" aria-rowindex={1}>
          {header}
        </div>
      )}
      <div class="tt-vtable__space" style={{ height: `${rowCount * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
