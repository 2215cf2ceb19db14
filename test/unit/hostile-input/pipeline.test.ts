/**
 * Hostile requests through the whole pipeline the background runs (classify → observation → batching writer →
 * aggregates), then the views' models and the exports: nothing throws, each hostile request is stored with the
 * flag that says what happened to its body, what was stored before is unchanged, and no prototype is touched.
 */
import { describe, expect, it } from 'vitest';
import { ObservationWriter } from '../../../lib/store/writer';
import { getAggregate, listObservations } from '../../../lib/store/queries';
import { applyObservation } from '../../../lib/store/aggregate';
import { buildCsvExport, buildHar, buildJsonExport, parseCsv } from '../../../lib/export/index';
import { classify } from '../../../lib/classify/index';
import { MAX_EVIDENCE_VALUE } from '../../../lib/detect/limits';
import { MAX_STORED_CHARS } from '../../../lib/redact/stored-request';
import { toRows, conformance, flowGraph } from '../../../components/report/model';
import { context, observations as normalObservations } from '../lib/export/helpers';
import { freshDb } from '../lib/store/helpers';
import { COLLECTOR, hostileRequests, observe, post, prototypeSnapshot, XSS } from './hostile';

describe('hostile requests through classify → writer → aggregates', () => {
  it('stores every hostile request with its flag and keeps what was stored before', { timeout: 60_000 }, async () => {
    const db = await freshDb();
    const writer = new ObservationWriter(() => db);
    const before = normalObservations(6).map(({ id: _id, recordingId: _rec, ...o }) => o);
    for (const o of before) writer.add(o);
    await writer.flush();
    const stored = await listObservations(db);
    const logBefore = await getAggregate(db, 'log');
    expect(stored).toHaveLength(6);

    const cases = hostileRequests();
    const timings: string[] = [];
    const added = new Map<string, string>();
    for (const c of cases) {
      const t0 = performance.now();
      const obs = observe(c.request);
      added.set(c.name, obs.requestId);
      timings.push(`${c.name}: ${(performance.now() - t0).toFixed(0)} ms`);
      if (c.flag) expect(obs.annotation.body[c.flag], c.name).toBe(true);
      writer.add(obs);
    }
    await writer.flush();
    console.log(`classify of hostile requests: ${timings.join(', ')}`);

    const after = await listObservations(db, { limit: 1000 });
    expect(after).toHaveLength(6 + cases.length);
    // The earlier records are unchanged, field for field.
    for (const o of stored) expect(after.find((a) => a.id === o.id)).toEqual(o);
    const hostile = after.filter((a) => !stored.some((o) => o.id === a.id));
    for (const c of cases) {
      const o = hostile.find((h) => h.requestId === added.get(c.name) && h.requestSize === (c.request.body?.raw?.byteLength ?? -1));
      expect(o, c.name).toBeDefined();
      // A huge URL or header value is stored cut at the cap, saying how long it was; a short one as sent.
      for (const [stored, sent] of [[o!.url, c.request.url], ...o!.headers.map((h) => [h.value, c.request.headers.find((s) => s.name === h.name)!.value])] as const) {
        if (sent.length <= MAX_STORED_CHARS) expect(stored, c.name).toBe(sent);
        else expect(stored, c.name).toBe(`${sent.slice(0, MAX_STORED_CHARS)}…[cut, ${sent.length} chars]`);
      }
      if (c.name === 'a 1 MB header value') expect(o!.headersOmitted, 'X-Junk is counted, not kept').toBe(1);
    }
    // The log aggregate counted each request once, on top of what it had.
    const log = await getAggregate(db, 'log');
    expect(log!.requests).toBe(logBefore!.requests + cases.length);
  });

  it('keeps evidence values short whatever the size of the field they came from', () => {
    const huge = 'Windows NT 10.0; ' + 'A'.repeat(2_000_000);
    const raw = classify(post(COLLECTOR, JSON.stringify({ ext: { os: { ver: huge } } }) + '\n', 'application/x-json-stream'), { raw: true });
    const redacted = classify(post(COLLECTOR, JSON.stringify({ ext: { os: { ver: huge } } }) + '\n', 'application/x-json-stream'));
    const values = [raw, redacted].flatMap((a) => [...a.items, ...a.findings].flatMap((f) => f.evidence.map((e) => e.value)));
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v.length).toBeLessThanOrEqual(MAX_EVIDENCE_VALUE + 1);
  });
});

describe('prototype pollution', () => {
  it('leaves every built-in prototype untouched after classify, aggregate, report model and export', () => {
    const snapshot = prototypeSnapshot();
    const observations = hostileRequests().map((c, i) => ({ ...observe(c.request, { raw: i % 2 === 0 }), id: i + 1, recordingId: 3 }));
    let agg;
    for (const o of observations) agg = applyObservation(agg, o, 'rec:3');
    const rows = toRows(observations);
    conformance(rows);
    flowGraph(rows);
    const har = JSON.stringify(buildHar(observations, context()));
    const json = JSON.stringify(buildJsonExport(observations, context()));
    const csv = buildCsvExport(observations, context());
    JSON.parse(har);
    JSON.parse(json);
    expect(parseCsv(typeof csv === 'string' ? csv : (csv as { text: string }).text)).toBeDefined();

    expect(prototypeSnapshot()).toEqual(snapshot);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).ext).toBeUndefined();
    expect(Object.getPrototypeOf(agg)).toBe(Object.prototype);
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('still reads the real fields next to the prototype keys', () => {
    const proto = hostileRequests().find((c) => c.name === '__proto__ and constructor keys')!;
    const a = classify(proto.request, { raw: true });
    const os = a.items.find((i) => i.item === 'os-version');
    expect(os?.evidence.map((e) => e.value)).toContain('10.0.19045');
  });

  it('carries markup through the engine as plain text', () => {
    const a = classify(hostileRequests().find((c) => c.name === 'markup in every field')!.request, { raw: true });
    const values = [...a.items, ...a.findings].flatMap((f) => f.evidence.map((e) => e.value));
    expect(values.some((v) => XSS.some((x) => v.includes(x)))).toBe(true);
  });
});
