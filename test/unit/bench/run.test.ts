/**
 * The benchmark report's summary (test/bench/run.mjs): figures read from the benchmarks' own markdown tables,
 * compared with their targets; a failed benchmark and a figure missing from its table are said so, never
 * shown as met.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM benchmark runner
import { FIGURES, numberIn, rowCells, summarize } from '../../bench/run.mjs';

const engineOut = [
  '| measurement | median | p99 | vs Ghostery (median) |',
  '|---|---|---|---|',
  '| Telltale classify, URL + headers, with profile | 0.0061 | 0.0712 | 0.87 |',
  '',
  '| NDJSON body (1DS) | bytes | classify median | classify p99 | decodeBody median | detect median | classify MB/s | JSON.parse MB/s | ratio |',
  '|---|---|---|---|---|---|---|---|---|',
  '| 1 KB | 1024 | 0.010 | 0.020 | 0.001 | 0.002 | 97.0 | 300.0 | 0.32× |',
  '| 64 KB | 65536 | 0.50 | 0.70 | 0.1 | 0.2 | 125.0 | 210.0 | 0.60× |',
  '| 1 MB | 1048576 | 8.0 | 9.0 | 1 | 2 | 125.0 | 200.0 | 0.63× |',
].join('\n');

const popupOut = [
  '| measure | value |',
  '|---|---|',
  '| **popup first paint with data, median (ms)** | **312.0** |',
  '| trivial extension page first paint, median (ms) | 150.5 |',
  '| **ratio popup / trivial page** | **2.07** |',
].join('\n');

type Row = { figure: string; measured: string; ok: string; missing?: boolean };
const byFigure = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.figure, r]));

describe('bench summary', () => {
  it('reads cells by row label, without emphasis, and numbers with separators and units', () => {
    expect(rowCells(popupOut, /^ratio popup/)).toEqual(['ratio popup / trivial page', '2.07']);
    expect(rowCells(popupOut, /^nothing like this/)).toBeUndefined();
    expect(numberIn('1,234.5 ms')).toBe(1234.5);
    expect(numberIn('0.63×')).toBe(0.63);
    expect(numberIn('n/a')).toBeNaN();
  });

  it('compares each figure with its target, column by column', () => {
    const rows = byFigure(summarize({ 'engine.mjs': engineOut, 'popup-paint.mjs': popupOut }));
    expect(rows['engine: URL + headers, median vs Ghostery']).toMatchObject({ measured: '0.87', ok: 'yes' });
    expect(rows['engine: URL + headers, p99 (ms)']).toMatchObject({ measured: '0.0712', ok: 'no' });
    expect(rows['engine: 1 KB NDJSON body, throughput vs JSON.parse']).toMatchObject({ measured: '0.32×', ok: 'no' });
    expect(rows['engine: 64 KB NDJSON body, throughput vs JSON.parse']).toMatchObject({ ok: 'yes' });
    expect(rows['popup: first paint with data, 100k observations, median (ms)']).toMatchObject({ measured: '312.0', ok: 'no' });
    expect(rows['popup: ratio popup / trivial page']).toMatchObject({ measured: '2.07', ok: 'no' });
    // Context figures carry no verdict.
    expect(rows['popup: trivial extension page first paint, same run (ms)']).toMatchObject({ ok: '—' });
    // Only the benchmarks that ran are summarised.
    expect(Object.keys(rows).some((f) => f.startsWith('page load') || f.startsWith('burst'))).toBe(false);
  });

  it('reads the overhead ratios against no extension and against the do-nothing extension, wall time and CPU side by side', () => {
    const overheadOut = [
      '| overhead figure | ratio of medians (wall) | browser CPU | target | met? (wall) |',
      '|---|---|---|---|---|',
      '| page load: Telltale / no extension | 1.080 | 1.120 | ≤ 1.1 | yes |',
      '| burst: Telltale / no extension | 1.400 | 1.300 | ≤ 1.25 | no |',
      '| page load: Telltale / do-nothing | 1.010 | 1.020 | ≤ 1.05 | yes |',
      '| burst: Telltale / do-nothing | 1.060 | 1.040 | ≤ 1.05 | no |',
      '| page load: do-nothing / no extension (Chromium\'s own cost of the listeners) | 1.070 | 1.090 | — | — |',
    ].join('\n');
    const rows = byFigure(summarize({ 'overhead.mjs': overheadOut }));
    expect(rows['page load (100 CDN assets + 20 POSTs): Telltale / no extension']).toMatchObject({ measured: '1.080', ok: 'yes' });
    expect(rows['page load (100 CDN assets + 20 POSTs): Telltale / no extension (browser CPU)']).toMatchObject({ measured: '1.120', ok: 'no' });
    expect(rows['burst (1,000 POSTs): Telltale / no extension']).toMatchObject({ measured: '1.400', ok: 'no' });
    expect(rows['page load: Telltale / do-nothing extension, same listeners']).toMatchObject({ measured: '1.010', ok: 'yes' });
    expect(rows['burst: Telltale / do-nothing extension, same listeners']).toMatchObject({ measured: '1.060', ok: 'no' });
    expect(rows['burst: Telltale / do-nothing extension, same listeners (browser CPU)']).toMatchObject({ measured: '1.040', ok: 'yes' });
    expect(rows["page load: do-nothing / no extension (Chromium's cost of the listeners)"]).toMatchObject({ measured: '1.070', ok: '—' });
    expect(rows['page load: do-nothing / no extension (browser CPU)']).toMatchObject({ measured: '1.090', ok: '—' });
    expect(rows["burst: do-nothing / no extension (Chromium's cost of the listeners)"]).toMatchObject({ ok: 'no', missing: true });
  });

  it('says a benchmark failed, and that a figure is missing when its table changed', () => {
    const rows = byFigure(summarize({ 'overhead.mjs': undefined, 'popup-paint.mjs': '| something else | 1 |' }));
    expect(rows['burst (1,000 POSTs): Telltale / no extension']).toMatchObject({
      measured: 'benchmark failed',
      ok: 'no',
    });
    const popup = rows['popup: first paint with data, 100k observations, median (ms)'];
    expect(popup).toMatchObject({ ok: 'no', missing: true });
  });

  it('has a target or an explicit dash for every figure', () => {
    for (const f of FIGURES) expect(typeof f.target === 'string' && f.target.length > 0, f.figure).toBe(true);
  });
});
