/**
 * Production code stays readable in one sitting: no file over 300 lines and no function over 80, apart
 * from the exemptions below, each named with its reason. A new long file or function fails here.
 */
import { describe, expect, it } from 'vitest';
import { measure, productionFiles } from './measure';

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;

/** Data tables: one entry per row, read by lookup, not as code. */
const LONG_FILES: Record<string, string> = {
  'lib/detect/field-rules.ts': 'the field-name table, one rule per field name',
  'components/common/strings/en.ts': 'the English string table, one key per line',
  'components/common/strings/sv.ts': 'the Swedish string table, one key per line',
};

/**
 * `file:function` → why it may be longer. Empty: every function is within the limit. Only a Preact view that
 * is one list of markup may be named here, with its reason.
 */
const LONG_FUNCTIONS: Record<string, string> = {};

const measured = productionFiles(['lib', 'entrypoints', 'components']).map((file) => measure(file));

describe('code size', () => {
  it('reads the production tree', () => {
    expect(measured.length).toBeGreaterThan(100);
    expect(measured.some((m) => m.functions.length > 0)).toBe(true);
  });

  it(`no production file is over ${MAX_FILE_LINES} lines`, () => {
    const long = measured.filter((m) => m.lines > MAX_FILE_LINES && !(m.file in LONG_FILES)).map((m) => `${m.file}: ${m.lines}`);
    expect(long).toEqual([]);
  });

  it(`no production function is over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = measured.flatMap((m) =>
      m.functions
        .filter((f) => f.lines > MAX_FUNCTION_LINES && !(`${m.file}:${f.name}` in LONG_FUNCTIONS))
        .map((f) => `${m.file}:${f.name} (line ${f.line}): ${f.lines}`),
    );
    expect(long).toEqual([]);
  });

  it('every exemption still names something long, so none outlives its reason', () => {
    const files = new Map(measured.map((m) => [m.file, m]));
    const staleFiles = Object.keys(LONG_FILES).filter((f) => (files.get(f)?.lines ?? 0) <= MAX_FILE_LINES);
    const staleFunctions = Object.keys(LONG_FUNCTIONS).filter((key) => {
      const [file, name] = key.split(':') as [string, string];
      return !files.get(file)?.functions.some((f) => f.name === name && f.lines > MAX_FUNCTION_LINES);
    });
    expect([...staleFiles, ...staleFunctions]).toEqual([]);
  });
});

describe('measure', () => {
  it('counts a function from its first to its last line, arrows and methods included', () => {
    const m = measure('test/unit/code-size/sample.fixture.ts');
    expect(m.functions).toEqual([
      { name: 'declared', line: 2, lines: 3 },
      { name: 'arrow', line: 6, lines: 4 },
      { name: 'method', line: 12, lines: 4 },
      { name: 'inner', line: 13, lines: 1 },
    ]);
    expect(m.lines).toBe(16);
  });
});
