import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { decodeBody, MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../../../lib/decode/index';
import { payloadBytes, payloadText } from '../../../fixtures/requests/payloads/index';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeBody: formats', () => {
  it('reports no body as none', () => {
    expect(decodeBody(undefined)).toMatchObject({ format: 'none', size: 0, truncated: false, undecodable: false });
    expect(decodeBody({ error: 'Unknown error.' })).toMatchObject({ format: 'none', reason: 'body-error' });
  });

  it('flags a body the browser could not hand over as undecodable, unlike no body at all', () => {
    expect(decodeBody({ error: 'Unknown error.' })).toMatchObject({ format: 'none', undecodable: true, reason: 'body-error' });
    expect(decodeBody({})).toMatchObject({ format: 'none', undecodable: false });
    expect(decodeBody({}).reason).toBeUndefined();
  });

  it('copies webRequest formData into a null-prototype record', () => {
    const d = decodeBody({ formData: { lcid: ['1053'], q: ['kalender', 'dela'] } });
    expect(d.format).toBe('form');
    expect(Object.getPrototypeOf(d.value)).toBeNull();
    expect(d.value).toEqual(Object.assign(Object.create(null), { lcid: ['1053'], q: ['kalender', 'dela'] }));
  });

  it('parses a 1DS x-json-stream batch into one value per line', () => {
    const d = decodeBody({ raw: payloadBytes('1ds-teams-batch.ndjson'), mimeType: 'application/x-json-stream' });
    expect(d.format).toBe('ndjson');
    expect(Array.isArray(d.value)).toBe(true);
    const events = d.value as { name: string }[];
    expect(events).toHaveLength(3);
    expect(events[2]?.name).toBe('Microsoft.Teams.UnhandledError');
  });

  it('recognises NDJSON sent as text/plain (1DS beacons)', () => {
    const d = decodeBody({ text: '{"name":"a"}\n{"name":"b"}\n', mimeType: 'text/plain;charset=UTF-8' });
    expect(d.format).toBe('ndjson');
    expect(d.value).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('keeps a line that is not JSON as its text and says why', () => {
    const d = decodeBody({ text: '{"a":1}\nnot json\n{"b":2}', mimeType: 'application/x-json-stream' });
    expect(d.value).toEqual([{ a: 1 }, 'not json', { b: 2 }]);
    expect(d.reason).toBe('invalid-json');
  });

  it('parses an Application Insights envelope array as JSON', () => {
    const d = decodeBody({ raw: payloadBytes('ai-track-envelopes.json'), mimeType: 'application/json' });
    expect(d.format).toBe('json');
    expect((d.value as unknown[]).length).toBe(2);
  });

  it('parses urlencoded bodies by MIME type and by shape', () => {
    const byMime = decodeBody({ text: 'a=1&b=x%20y&a=2', mimeType: 'application/x-www-form-urlencoded' });
    expect(byMime.format).toBe('urlencoded');
    expect({ ...(byMime.value as object) }).toEqual({ a: ['1', '2'], b: ['x y'] });
    const byShape = decodeBody({ raw: utf8('lcid=1053&omkt=sv-SE') });
    expect(byShape.format).toBe('urlencoded');
  });

  it('keeps anything else as text', () => {
    const d = decodeBody({ text: 'Kalendern laddar långsamt', mimeType: 'text/plain' });
    expect(d).toMatchObject({ format: 'text', text: 'Kalendern laddar långsamt', size: 26 });
  });

  it('marks invalid JSON that looks like JSON, keeping the text', () => {
    const d = decodeBody({ text: '{"a": [1, 2', mimeType: 'application/json' });
    expect(d).toMatchObject({ format: 'json', reason: 'invalid-json', text: '{"a": [1, 2' });
    expect(d.value).toBeUndefined();
  });
});

describe('decodeBody: bytes', () => {
  it('reads invalid UTF-8 leniently with replacement characters', () => {
    const bytes = new Uint8Array([...utf8('{"name":"caf'), 0xc3, 0x28, ...utf8('"}')]);
    const d = decodeBody({ raw: bytes });
    expect(d.undecodable).toBe(false);
    expect(d.text).toContain('\ufffd');
    expect(d.format).toBe('json');
    expect((d.value as { name: string }).name).toBe('caf\ufffd(');
  });

  it('flags binary bytes as undecodable but keeps a lossy text', () => {
    const dump = new Uint8Array(512);
    dump.set(utf8('MDMP'), 0);
    dump.set([0x93, 0xa7, 0x00, 0x00], 4);
    const d = decodeBody({ raw: dump });
    expect(d).toMatchObject({ format: 'binary', undecodable: true, size: 512 });
    expect(d.text?.startsWith('MDMP')).toBe(true);
  });

  it('calls bytes binary whatever their first character or MIME type says', () => {
    // JSON-looking or JSON-labelled, but with NUL bytes, controls hidden in a comment, or mostly invalid UTF-8.
    const nul = new Uint8Array([...utf8('{"a":1}\n'), 0, 0, 0, 1, 2, 3]);
    expect(decodeBody({ raw: nul, mimeType: 'application/x-json-stream' }).format).toBe('binary');
    const comment = new Uint8Array([...utf8('{"a":1 /* '), ...new Uint8Array(40).map((_, i) => 1 + (i % 7)), ...utf8(' */}')]);
    expect(decodeBody({ raw: comment, mimeType: 'application/json' }).format).toBe('binary');
    const invalid = new Uint8Array([...utf8('["'), ...new Uint8Array(200).fill(0xff), ...utf8('"]')]);
    expect(decodeBody({ raw: invalid }).format).toBe('binary');
    // And a clean 1DS batch is NDJSON, read whole.
    const clean = decodeBody({ raw: utf8('{"name":"a"}\n{"name":"b"}\n'), mimeType: 'application/x-json-stream' });
    expect(clean).toMatchObject({ format: 'ndjson', undecodable: false, value: [{ name: 'a' }, { name: 'b' }] });
  });

  it('flags many invalid sequences as binary', () => {
    const junk = new Uint8Array(400).map((_, i) => 0x80 + (i % 60));
    expect(decodeBody({ raw: junk }).format).toBe('binary');
  });

  it('inflates gzip (magic 1F 8B) and reports the inflated size', () => {
    const text = payloadText('1ds-teams-batch.ndjson');
    const d = decodeBody({ raw: gzipSync(utf8(text)), mimeType: 'application/x-json-stream' });
    expect(d).toMatchObject({ format: 'ndjson', gzip: true, truncated: false, size: utf8(text).length });
    expect(d.text).toBe(text);
  });

  it('inflates multi-member gzip', () => {
    const joined = new Uint8Array([...gzipSync(utf8('{"a":1}\n')), ...gzipSync(utf8('{"b":2}\n'))]);
    expect(decodeBody({ raw: joined, mimeType: 'application/x-json-stream' }).value).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('stops a gzip bomb at the cap without inflating it all', () => {
    // 200 members of 1 MiB of zeros each: ~200 KB that inflate to 200 MiB.
    const member = gzipSync(new Uint8Array(1024 * 1024), { level: 9 });
    const bomb = new Uint8Array(member.length * 200);
    for (let i = 0; i < 200; i++) bomb.set(member, i * member.length);
    const before = process.memoryUsage().arrayBuffers;
    const d = decodeBody({ raw: bomb });
    const grew = process.memoryUsage().arrayBuffers - before;
    expect(d.gzip).toBe(true);
    expect(d.truncated).toBe(true);
    expect(d.text?.length).toBe(MAX_BODY_BYTES);
    expect(d.size).toBeGreaterThan(MAX_BODY_BYTES);
    expect(d.size).toBeLessThan(8 * MAX_BODY_BYTES);
    expect(grew).toBeLessThan(32 * 1024 * 1024);
  });

  it('reports corrupt or cut-off gzip without throwing', () => {
    const full = gzipSync(utf8('{"a":"' + 'x'.repeat(5000) + '"}'));
    const cut = decodeBody({ raw: full.subarray(0, full.length - 20) });
    expect(cut.gzip).toBe(true);
    expect(cut.reason).toBe('gzip-error');
    const corrupt = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]);
    expect(decodeBody({ raw: corrupt })).toMatchObject({ gzip: true, undecodable: true, reason: 'gzip-error' });
  });
});

describe('decodeBody: caps', () => {
  it('truncates raw bytes at maxBytes without splitting a UTF-8 sequence', () => {
    const d = decodeBody({ raw: utf8('ååååå') }, { maxBytes: 5 });
    expect(d).toMatchObject({ truncated: true, size: 10, text: 'åå' });
  });

  it('truncates text at maxBytes and keeps complete NDJSON lines', () => {
    const d = decodeBody({ text: '{"a":1}\n{"b":2}\n{"c":3}', mimeType: 'application/x-json-stream' }, { maxBytes: 20 });
    expect(d.truncated).toBe(true);
    expect(d.value).toEqual([{ a: 1 }, { b: 2 }, '{"c"']);
    expect(d.reason).toBe('truncated-json');
  });

  it('does not parse JSON nested deeper than MAX_JSON_DEPTH (100k levels)', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const d = decodeBody({ text: deep, mimeType: 'application/json' });
    expect(d).toMatchObject({ format: 'json', reason: 'json-too-deep' });
    expect(d.value).toBeUndefined();
    const objects = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(decodeBody({ text: objects }).reason).toBe('json-too-deep');
  });

  it('parses JSON exactly MAX_JSON_DEPTH deep', () => {
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(decodeBody({ text: ok }).value).toBeDefined();
  });

  it('counts brackets inside strings as text, not nesting', () => {
    const text = JSON.stringify({ s: '['.repeat(500) + '\\"{{{' });
    expect(decodeBody({ text }).value).toEqual(JSON.parse(text));
  });
});

describe('decodeBody: no prototype pollution', () => {
  it('keeps __proto__ and constructor as plain keys', () => {
    const json = decodeBody({ text: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}' });
    expect(Object.keys(json.value as object)).toEqual(['__proto__', 'constructor']);
    const form = decodeBody({ text: '__proto__=1&constructor=2', mimeType: 'application/x-www-form-urlencoded' });
    expect(Object.keys(form.value as object)).toEqual(['__proto__', 'constructor']);
    const fd = decodeBody({ formData: JSON.parse('{"__proto__":["x"]}') });
    expect(Object.keys(fd.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
