import { describe, expect, it } from 'vitest';
import { buildCsvExport, csvCell, csvRecord, neutralizeCell, parseCsv, CSV_COLUMNS } from '../../../../lib/export/csv';
import { verifyExport } from '../../../../lib/export/verify';
import type { Observation } from '../../../../lib/model';
import { context, observations } from './helpers';

describe('CSV cells', () => {
  it('quotes cells with quotes, commas and newlines, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
  });

  it('neutralises formula prefixes but leaves plain numbers', () => {
    for (const danger of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")']) {
      expect(neutralizeCell(danger)).toBe(`'${danger}`);
    }
    expect(neutralizeCell('-1')).toBe('-1');
    expect(neutralizeCell('200')).toBe('200');
    expect(neutralizeCell('-0.5')).toBe('-0.5');
    expect(neutralizeCell('https://x/?a=1')).toBe('https://x/?a=1');
  });

  it('parses what it writes, record for record', () => {
    const records = [
      ['a', 'b,c', 'd"e', 'f\r\ng', ''],
      ['', '', '"', ',', '\n'],
    ];
    expect(parseCsv(records.map(csvRecord).join('\r\n') + '\r\n')).toEqual(records);
    expect(parseCsv('a,"b"x\r\n')).toBeUndefined();
    expect(parseCsv('a,"b\r\n')).toBeUndefined();
  });
});

describe('CSV export', () => {
  const base = observations(3);
  const nasty: Observation = {
    ...base[1]!,
    url: 'https://support.office.com/client/results?q="quoted",comma&x=1',
    method: '=cmd|/C calc',
    headers: [],
  };
  const obs = [base[0]!, nasty, base[2]!];
  const { text } = buildCsvExport(obs, context());
  const records = parseCsv(text)!;

  it('has the header, one row per request and the manifest record', () => {
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(1 + 3 + 1);
    expect(records[4]![0]).toBe('#telltale-manifest');
    expect(JSON.parse(records[4]![1]!).entryCount).toBe(3);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('keeps quotes and commas inside cells and neutralises a formula', () => {
    const row = records[2]!;
    expect(row[CSV_COLUMNS.indexOf('url')]).toBe(nasty.url);
    expect(row[CSV_COLUMNS.indexOf('method')]).toBe(`'=cmd|/C calc`);
    expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('lists features, items with verdicts and evidence paths', () => {
    const row = records[1]!;
    const items = row[CSV_COLUMNS.indexOf('items')]!;
    for (const i of base[0]!.annotation.items) expect(items).toContain(`${i.item}:${i.verdict}`);
    expect(row[CSV_COLUMNS.indexOf('features')]).toBe(base[0]!.annotation.features.join(';'));
    expect(row[CSV_COLUMNS.indexOf('evidence')]).toContain('header:user-agent');
  });

  it('verifies, and a changed cell names its row', () => {
    expect(verifyExport(text).status).toBe('valid');
    const edited = text.replace(`'=cmd|/C calc`, `'=cmd|/C calx`);
    expect(verifyExport(edited).message).toBe('entry 1 was changed');
  });
});
