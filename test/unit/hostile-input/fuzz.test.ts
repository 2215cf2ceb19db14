/**
 * The engine under generated input: arbitrary bytes, JSON-like documents (plain, NDJSON, gzip), header lists
 * and URLs, and objects built from prototype keys. classify() must never throw, must always return a
 * well-formed annotation with bounded evidence, and must never touch a built-in prototype.
 * 95,000 cases in this file (plus 20,000 in messages.test.ts); fast-check prints the seed of a failure.
 */
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { classify } from '../../../lib/classify/index';
import { decodeBody } from '../../../lib/decode/index';
import { FEATURE_IDS, ITEM_IDS, VERDICTS } from '../../../lib/policy/types';
import type { Annotation, Header, NormalizedRequest } from '../../../lib/model';
import { AI_TRACK, COLLECTOR, FEEDBACK, prototypeSnapshot } from './hostile';

const FORMATS = ['none', 'form', 'json', 'ndjson', 'urlencoded', 'text', 'binary'];
/** Longest evidence value an annotation may carry (detect caps at 512 characters plus an ellipsis). */
const MAX_VALUE = 513;
const URLS = [COLLECTOR, AI_TRACK, FEEDBACK, 'https://support.office.com/client/results?lcid=1053', 'https://example.net/x'];
const snapshot = prototypeSnapshot();
let cases = 0;

/** Plain checks, not expect(): at 100k cases the matcher machinery would cost more than the engine. */
function check(ok: boolean, what: string, a: unknown): void {
  if (!ok) throw new Error(`${what}: ${JSON.stringify(a).slice(0, 2000)}`);
}

const FEATURES = new Set<string>(FEATURE_IDS);
const ITEMS = new Set<string>(ITEM_IDS);
const VERDICT_SET = new Set<string>(VERDICTS);

function wellFormed(a: Annotation): void {
  cases++;
  check(FORMATS.includes(a.body.format), 'body format', a);
  check(typeof a.body.truncated === 'boolean' && typeof a.body.undecodable === 'boolean', 'body flags', a);
  check(Number.isFinite(a.body.size) && a.body.size >= 0, 'body size', a);
  check(a.features.length > 0 && a.features.every((f) => FEATURES.has(f)), 'features', a);
  check(new Set(a.items.map((i) => i.item)).size === a.items.length && a.items.every((i) => ITEMS.has(i.item)), 'items', a);
  for (const f of [...a.items, ...a.findings]) {
    check(VERDICT_SET.has(f.verdict), 'verdict', f);
    for (const e of f.evidence) check(typeof e.value === 'string' && e.value.length <= MAX_VALUE, 'evidence value', e);
  }
  // The annotation is stored in IndexedDB and sent between pages: it must survive a structured clone.
  check(JSON.stringify(structuredClone(a)) === JSON.stringify(a), 'structured clone', a);
}

function request(url: string, body: NormalizedRequest['body'], headers: Header[] = []): NormalizedRequest {
  return { url, method: 'POST', headers, body, initiator: 'https://outlook.office.com', type: 'xmlhttprequest', time: 1_700_000_000_000 };
}

const url = fc.constantFrom(...URLS);
const raw = fc.boolean();

afterAll(() => {
  console.log(`fuzz: ${cases} generated requests classified`);
  expect(prototypeSnapshot()).toEqual(snapshot);
});

describe('classify under generated input', () => {
  it('arbitrary bytes, as raw bodies of any MIME type (25k)', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(url, fc.uint8Array({ maxLength: 300 }), fc.constantFrom(undefined, 'application/json', 'application/x-json-stream', 'text/plain', 'application/x-www-form-urlencoded'), raw, (u, bytes, mime, r) => {
        wellFormed(classify(request(u, { raw: bytes, mimeType: mime }), { raw: r }));
      }),
      { numRuns: 25_000 },
    );
  });

  it('JSON-like documents, plain, as NDJSON lines or gzip: decoded to what JSON.parse gives (20k)', { timeout: 120_000 }, () => {
    const doc = fc.jsonValue({ maxDepth: 4 });
    // gzip costs a fresh deflater and inflater per body (~2 ms): one case in sixteen is enough to cover it.
    const shapes = fc.oneof({ arbitrary: fc.constantFrom('json', 'ndjson', 'cut'), weight: 15 }, { arbitrary: fc.constant('gzip'), weight: 1 });
    fc.assert(
      fc.property(url, fc.array(doc, { minLength: 1, maxLength: 4 }), shapes, raw, (u, docs, shape, r) => {
        const text = shape === 'ndjson' ? docs.map((d) => JSON.stringify(d)).join('\n') : JSON.stringify(docs);
        const bytes = new TextEncoder().encode(shape === 'cut' ? text.slice(0, Math.max(1, text.length - 1)) : text);
        const body = { raw: shape === 'gzip' ? gzipSync(bytes) : bytes, mimeType: shape === 'ndjson' ? 'application/x-json-stream' : 'application/json' };
        const decoded = decodeBody(body);
        const expected = shape === 'json' || shape === 'gzip' ? text : shape === 'ndjson' ? JSON.stringify(docs) : undefined;
        if (expected !== undefined) check(JSON.stringify(decoded.value) === expected, 'decoded value', { text, decoded: decoded.value });
        const a = classify(request(u, body), { raw: r });
        wellFormed(a);
        check(a.body.gzip === (shape === 'gzip'), 'gzip flag', a.body);
      }),
      { numRuns: 20_000 },
    );
  });

  it('arbitrary header lists, names and values of any characters (20k)', { timeout: 120_000 }, () => {
    const name = fc.oneof(fc.constantFrom('User-Agent', 'Accept-Language', 'Sec-CH-UA-Platform', 'Sec-CH-UA', 'Content-Type', 'Referer', 'x-ms-client-request-id', '__proto__', 'constructor'), fc.string({ maxLength: 20 }));
    const value = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('"Windows";v="10"', 'sv-SE,sv;q=0.9', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)'));
    fc.assert(
      fc.property(url, fc.array(fc.record({ name, value }), { maxLength: 12 }), raw, (u, headers, r) => {
        wellFormed(classify(request(u, undefined, headers), { raw: r }));
      }),
      { numRuns: 20_000 },
    );
  });

  it('arbitrary URLs, web URLs with query strings and strings that are no URL at all (15k)', { timeout: 120_000 }, () => {
    const anyUrl = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true, validSchemes: ['https', 'http'] }),
      fc.string({ maxLength: 120 }),
      fc.tuple(url, fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 })), { maxLength: 20 })).map(
        ([base, params]) => `${base}${base.includes('?') ? '&' : '?'}${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`,
      ),
    );
    fc.assert(
      fc.property(anyUrl, raw, (u, r) => {
        wellFormed(classify({ ...request(u, undefined), method: 'GET' }, { raw: r }));
      }),
      { numRuns: 15_000 },
    );
  });

  it('objects built from prototype keys and telemetry field names pollute nothing (15k)', { timeout: 120_000 }, () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'ext', 'os', 'ver', 'locale', 'data', 'tags', 'ai.device.osVersion', 'DeviceInfo', 'OsVersion', 'valueOf', 'length');
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.string({ maxLength: 12 }), fc.integer(), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(url, tree, fc.boolean(), raw, (u, value, asForm, r) => {
        const text = JSON.stringify(value) ?? 'null';
        // JSON text with "__proto__" keys: JSON.parse makes them own keys, which is what a hostile body does.
        const body = asForm
          ? { formData: JSON.parse(`{"__proto__":[${JSON.stringify(text)}],"constructor":["x"]}`) as Record<string, string[]> }
          : { raw: new TextEncoder().encode(text), mimeType: 'application/json' };
        wellFormed(classify(request(u, body), { raw: r }));
        check(({} as Record<string, unknown>).ver === undefined, 'Object.prototype polluted', value);
      }),
      { numRuns: 15_000 },
    );
    expect(prototypeSnapshot()).toEqual(snapshot);
  });
});
