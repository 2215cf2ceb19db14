import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHar } from '../../../../lib/export/har';
import { buildJsonExport } from '../../../../lib/export/json';
import { buildCsvExport, csvRecord, parseCsv } from '../../../../lib/export/csv';
import { serializeJson } from '../../../../lib/export/manifest';
import { canonicalJson } from '../../../../lib/export/canonical';
import { verifyExport } from '../../../../lib/export/verify';
import { runCli } from '../../../../lib/cli/run';
import { runVerify } from '../../../../lib/cli/verify';
import { context, observations } from './helpers';

const N = 50;
const obs = observations(N);
const harText = serializeJson(buildHar(obs, context()));
const jsonText = serializeJson(buildJsonExport(obs, context()));
const csvText = buildCsvExport(obs, context()).text;

type Doc = Record<string, any>;
const editJson = (text: string, edit: (doc: Doc) => void) => {
  const doc = JSON.parse(text);
  edit(doc);
  return serializeJson(doc);
};
const editCsv = (text: string, edit: (rows: string[][]) => void) => {
  const records = parseCsv(text)!;
  const rows = records.slice(1, -1);
  edit(rows);
  return [records[0]!, ...rows, records[records.length - 1]!].map(csvRecord).join('\r\n') + '\r\n';
};

/** A different byte of the same class where there is one (digit for digit, letter for letter), so the file often stays parseable. */
const otherByte = (b: number) =>
  b >= 0x30 && b <= 0x39 ? 0x30 + ((b - 0x30 + 1) % 10) : b >= 0x61 && b <= 0x7a ? 0x61 + ((b - 0x61 + 1) % 26) : b === 0x41 ? 0x42 : 0x41;
const harEntries = (d: Doc) => d.log.entries as Doc[];

describe('canonical JSON', () => {
  it('sorts keys recursively and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe.each([
  ['HAR', harText],
  ['JSON', jsonText],
  ['CSV', csvText],
])('verify %s', (kind, text) => {
  const isCsv = kind === 'CSV';
  const change = (i: number) =>
    isCsv
      ? editCsv(text, (rows) => (rows[i]![4] = rows[i]![4] + 'x'))
      : kind === 'HAR'
        ? editJson(text, (d) => (harEntries(d)[i]!.request.url += 'x'))
        : editJson(text, (d) => (d.entries[i].url += 'x'));
  const remove = (i: number) =>
    isCsv ? editCsv(text, (rows) => rows.splice(i, 1)) : editJson(text, (d) => (kind === 'HAR' ? harEntries(d) : d.entries).splice(i, 1));
  const insertCopy = (at: number, from: number) =>
    isCsv
      ? editCsv(text, (rows) => rows.splice(at, 0, [...rows[from]!]))
      : editJson(text, (d) => {
          const list = kind === 'HAR' ? harEntries(d) : d.entries;
          list.splice(at, 0, structuredClone(list[from]));
          if (kind === 'JSON') d.integrity.chain.splice(at, 0, d.integrity.chain[from]);
        });

  it('accepts the untouched export', () => {
    const r = verifyExport(text);
    expect(r.status).toBe('valid');
    if (r.status === 'valid') expect(r.entries).toBe(N);
  });

  it('names a changed entry', () => {
    expect(verifyExport(change(17)).message).toBe('entry 17 was changed');
    expect(verifyExport(change(0)).message).toBe('entry 0 was changed');
    expect(verifyExport(change(N - 1)).message).toBe(`entry ${N - 1} was changed`);
  });

  it('names a removed entry, also at the end', () => {
    expect(verifyExport(remove(40)).message).toBe('entry 40 is missing (removed)');
    expect(verifyExport(remove(0)).message).toBe('entry 0 is missing (removed)');
    expect(verifyExport(remove(N - 1)).message).toBe(`entry ${N - 1} is missing (removed)`);
  });

  it('names an inserted entry', () => {
    expect(verifyExport(insertCopy(12, 30)).message).toBe('an entry was inserted at 12');
    expect(verifyExport(insertCopy(12, 11)).message).toBe('an entry was inserted at 12');
    expect(verifyExport(insertCopy(N, 3)).message).toBe(`an entry was inserted at ${N}`);
  });

  it('catches a changed manifest and changed content outside the entries', () => {
    const manifestEdit = isCsv
      ? text.replace('"title"":""Outlook audit', '"title"":""Outlook audiT')
      : editJson(text, (d) => ((kind === 'HAR' ? d.log._telltale.manifest : d.integrity.manifest).source.title = 'Outlook audiT'));
    expect(manifestEdit).not.toBe(text);
    expect(verifyExport(manifestEdit).message).toBe('the manifest was changed');
    if (kind === 'HAR') expect(verifyExport(editJson(text, (d) => (d.log.creator.version = '9'))).message).toMatch(/outside its entries/);
    if (kind === 'JSON') expect(verifyExport(editJson(text, (d) => (d.summary.entries = 1))).message).toMatch(/outside its entries/);
    if (isCsv) expect(verifyExport(text.replace('index,time', 'index,tijd')).message).toMatch(/outside its entries/);
  });

  it('catches an edit that leaves the parsed content alike (layout)', () => {
    const edited = isCsv ? text.replace(/\r\n(\d)/, '\n$1') : text.replace('\n  ', '\n\t ');
    expect(edited).not.toBe(text);
    expect(verifyExport(edited)).toMatchObject({ status: 'tampered', problem: { kind: 'layout' } });
  });

  it('fails on every sampled single changed byte', () => {
    const bytes = Buffer.from(text, 'utf8');
    // A fixed spread of positions over the whole file, including the first and last byte.
    const positions = [0, bytes.length - 1, ...Array.from({ length: 150 }, (_, k) => Math.floor(((k + 0.5) * bytes.length) / 150))];
    let tampered = 0;
    for (const p of positions) {
      const copy = Buffer.from(bytes);
      copy[p] = otherByte(copy[p]!);
      const r = verifyExport(copy.toString('utf8'));
      expect(r.status, `byte ${p}`).not.toBe('valid');
      if (r.status === 'tampered') tampered++;
    }
    // Changes in indentation break the JSON (unreadable, exit 2); a good share must still be read and named as tampering.
    expect(tampered).toBeGreaterThan(positions.length / 4);
  });
});

describe('unreadable input', () => {
  it('reports non-exports and broken files as unreadable', () => {
    expect(verifyExport('').status).toBe('unreadable');
    expect(verifyExport('{"log": {"entries": []}}').status).toBe('unreadable');
    expect(verifyExport(harText.slice(0, 500)).status).toBe('unreadable');
    expect(verifyExport('hello').status).toBe('unreadable');
  });
});

describe('telltale verify FILE', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'telltale-verify-'));
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
  };
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('exits 0 for an intact export', async () => {
    const o = io();
    expect(await runVerify({ command: 'verify', inputs: [file('ok.har', harText)] }, o.io)).toBe(0);
    expect(o.out.join('')).toMatch(/valid: 50 entries/);
  });

  it('exits 1 naming the entry for a tampered export', async () => {
    const o = io();
    const tampered = editJson(harText, (d) => (harEntries(d)[17]!.request.headers[0].value = 'x'));
    expect(await runVerify({ command: 'verify', inputs: [file('bad.har', tampered)] }, o.io)).toBe(1);
    expect(o.err.join('')).toMatch(/entry 17 was changed/);
  });

  it('exits 2 for an unreadable or missing file', async () => {
    expect(await runVerify({ command: 'verify', inputs: [file('junk.har', '{not json')] }, io().io)).toBe(2);
    expect(await runVerify({ command: 'verify', inputs: [path.join(dir, 'missing.har')] }, io().io)).toBe(2);
  });

  it('is reachable through the CLI entry (telltale verify)', async () => {
    const o = io();
    const code = await runCli(['verify', file('cli.csv', csvText)], o.io);
    expect(code).toBe(0);
  });
});
