/**
 * Pure derivations for the report: table rows, filtering and sorting, the timeline, the flow graph and the
 * conformance counts, all from observations. Computed once per scope (rows) or per filter change; the table
 * then only slices.
 */
import type { FeatureId, Verdict } from '../../lib/policy/types';
import { VERDICTS } from '../../lib/policy/types';
import type { Observation } from '../../lib/model';

export interface RequestRow {
  /** Position in the scope's observations (oldest first). */
  index: number;
  obs: Observation;
  time: number;
  host: string;
  features: FeatureId[];
  /** Item ids, then content-kind and identifier ids. */
  flows: string[];
  /** The distinct verdicts of the row's flows, worst first. */
  verdicts: Verdict[];
  worst: Verdict | null;
  /** Lower-case text the free-text filter searches; '' until first needed. */
  haystack: string;
}

const RANK = new Map<Verdict, number>(VERDICTS.map((v, i) => [v, i]));
/** Every subset of VERDICTS by bit set, worst first, shared by all rows (rows never modify it). */
const VERDICT_SETS: Verdict[][] = Array.from({ length: 1 << VERDICTS.length }, (_x, bits) => VERDICTS.filter((_v, i) => bits & (1 << i)).reverse());

/** Host of a URL without a URL parse (100k rows): scheme://[userinfo@]host[:port] up to the path. */
export function hostOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(url);
  return m ? m[1]!.toLowerCase() : url;
}

export function toRows(observations: readonly Observation[]): RequestRow[] {
  const rows: RequestRow[] = new Array(observations.length);
  for (let index = 0; index < observations.length; index++) {
    const obs = observations[index]!;
    const a = obs.annotation;
    const flows: string[] = [];
    // Verdicts as a bit set: one pass, no Set per row.
    let bits = 0;
    for (const i of a.items) {
      flows.push(i.item);
      bits |= 1 << RANK.get(i.verdict)!;
    }
    for (const f of a.findings) {
      flows.push(f.kind);
      bits |= 1 << RANK.get(f.verdict)!;
    }
    const verdicts = VERDICT_SETS[bits]!;
    rows[index] = {
      index,
      obs,
      time: obs.time,
      host: hostOf(obs.url),
      features: a.features,
      flows,
      verdicts,
      worst: verdicts[0] ?? null,
      haystack: '',
    };
  }
  return rows;
}

/** The lower-case text the free-text filter searches, made on first use. */
function haystackOf(r: RequestRow): string {
  if (!r.haystack) r.haystack = `${r.obs.method} ${r.obs.url} ${r.features.join(' ')} ${r.flows.join(' ')}`.toLowerCase();
  return r.haystack;
}

export interface RowFilter {
  text: string;
  feature: string;
  /** Item, content-kind or identifier id. */
  flow: string;
  verdict: string;
}

export const NO_FILTER: RowFilter = { text: '', feature: '', flow: '', verdict: '' };

export type SortKey = 'time' | 'host' | 'features' | 'flows' | 'verdict';
export interface RowSort {
  key: SortKey;
  descending: boolean;
}

export function filterRows(rows: readonly RequestRow[], f: RowFilter): RequestRow[] {
  const text = f.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!text || haystackOf(r).includes(text)) &&
      (!f.feature || r.features.includes(f.feature as FeatureId)) &&
      (!f.flow || r.flows.includes(f.flow)) &&
      (!f.verdict || r.verdicts.includes(f.verdict as Verdict)),
  );
}

function compare(a: RequestRow, b: RequestRow, key: SortKey): number {
  switch (key) {
    case 'time':
      return a.time - b.time;
    case 'host':
      return a.host < b.host ? -1 : a.host > b.host ? 1 : 0;
    case 'features':
      return a.features.join(',').localeCompare(b.features.join(','));
    case 'flows':
      return a.flows.length - b.flows.length;
    case 'verdict':
      return (a.worst === null ? -1 : RANK.get(a.worst)!) - (b.worst === null ? -1 : RANK.get(b.worst)!);
  }
}

/** Stable: ties keep their time order. */
export function sortRows(rows: readonly RequestRow[], s: RowSort): RequestRow[] {
  const sign = s.descending ? -1 : 1;
  return [...rows].sort((a, b) => sign * compare(a, b, s.key) || a.index - b.index);
}

/** Distinct values present in the rows, for the filter menus. */
export function facets(rows: readonly RequestRow[]): { features: string[]; flows: string[] } {
  const features = new Set<string>();
  const flows = new Set<string>();
  for (const r of rows) {
    for (const f of r.features) features.add(f);
    for (const f of r.flows) flows.add(f);
  }
  return { features: [...features].sort(), flows: [...flows].sort() };
}

/** Timeline: one row per item / content kind, with the times it left and the worst verdict each time. */
export interface TimelineRow {
  id: string;
  kind: 'item' | 'content';
  points: { time: number; verdict: Verdict; index: number }[];
}

export function timeline(rows: readonly RequestRow[]): { rows: TimelineRow[]; start: number; end: number } {
  const byId = new Map<string, TimelineRow>();
  let start = Infinity;
  let end = -Infinity;
  for (const r of rows) {
    const a = r.obs.annotation;
    const add = (id: string, kind: TimelineRow['kind'], verdict: Verdict) => {
      let row = byId.get(id);
      if (!row) byId.set(id, (row = { id, kind, points: [] }));
      row.points.push({ time: r.time, verdict, index: r.index });
      if (r.time < start) start = r.time;
      if (r.time > end) end = r.time;
    };
    for (const i of a.items) add(i.item, 'item', i.verdict);
    for (const f of a.findings) add(f.kind, 'content', f.verdict);
  }
  const list = [...byId.values()].sort((x, y) => (x.kind === y.kind ? x.id.localeCompare(y.id) : x.kind === 'item' ? -1 : 1));
  return { rows: list, start: Number.isFinite(start) ? start : 0, end: Number.isFinite(end) ? end : 0 };
}

/**
 * Flow graph: item/content → feature → purpose, weighted by the number of requests. Each link carries the
 * worst verdict of the flows on it, so undisclosed links stand out; a feature → purpose link takes the worst
 * verdict of the flows that reached the feature.
 */
export interface FlowGraph {
  nodes: { id: string; kind: 'flow' | 'feature' | 'purpose'; ref: string }[];
  links: { source: string; target: string; value: number; verdict: Verdict }[];
}

/** Each flow of a request with its worst verdict in that request. */
function flowVerdicts(r: RequestRow): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  const a = r.obs.annotation;
  for (const [id, v] of [...a.items.map((i) => [i.item, i.verdict] as const), ...a.findings.map((f) => [f.kind, f.verdict] as const)]) {
    const had = out.get(id);
    if (!had || RANK.get(v)! > RANK.get(had)!) out.set(id, v);
  }
  return out;
}

const worse = (a: Verdict, b: Verdict): Verdict => (RANK.get(b)! > RANK.get(a)! ? b : a);

export function flowGraph(rows: readonly RequestRow[]): FlowGraph {
  // Requests repeat a handful of shapes; count each shape once, then expand (100k rows → a few dozen shapes).
  const shapes = new Map<string, { row: RequestRow; count: number }>();
  for (const r of rows) {
    if (!r.flows.length) continue;
    const a = r.obs.annotation;
    const verdicts = [...a.items.map((i) => i.verdict), ...a.findings.map((f) => f.verdict)].join(',');
    const key = `${r.features.join(',')}|${r.flows.join(',')}|${verdicts}|${a.purposes.join(',')}`;
    const shape = shapes.get(key);
    if (shape) shape.count++;
    else shapes.set(key, { row: r, count: 1 });
  }
  const nodes = new Map<string, FlowGraph['nodes'][number]>();
  const links = new Map<string, FlowGraph['links'][number]>();
  const node = (kind: FlowGraph['nodes'][number]['kind'], ref: string) => {
    const id = `${kind}:${ref}`;
    if (!nodes.has(id)) nodes.set(id, { id, kind, ref });
    return id;
  };
  const link = (source: string, target: string, n: number, verdict: Verdict) => {
    const key = `${source}>${target}`;
    const l = links.get(key);
    if (l) {
      l.value += n;
      l.verdict = worse(l.verdict, verdict);
    } else links.set(key, { source, target, value: n, verdict });
  };
  for (const { row: r, count } of shapes.values()) {
    const features = r.features.map((f) => node('feature', f));
    const verdicts = flowVerdicts(r);
    let worst: Verdict = 'clear';
    for (const [flow, verdict] of verdicts) {
      worst = worse(worst, verdict);
      const from = node('flow', flow);
      for (const f of features) link(from, f, count, verdict);
    }
    // A feature's purposes, once per request that reached it with any flow.
    for (const f of features) for (const p of r.obs.annotation.purposes) link(f, node('purpose', p), count, worst);
  }
  return { nodes: [...nodes.values()], links: [...links.values()] };
}

/** Conformance: per feature, how many flows (item or content per request) were clear, vague, omitted, incorrect. */
export type Conformance = Array<{ feature: string; counts: Record<Verdict, number> }>;

export function conformance(rows: readonly RequestRow[]): Conformance {
  const byFeature = new Map<string, Record<Verdict, number>>();
  for (const r of rows) {
    const a = r.obs.annotation;
    for (const feature of a.features) {
      let counts = byFeature.get(feature);
      if (!counts) byFeature.set(feature, (counts = { clear: 0, vague: 0, omitted: 0, incorrect: 0 }));
      for (const i of a.items) counts[i.verdict]++;
      for (const f of a.findings) counts[f.verdict]++;
    }
  }
  return [...byFeature.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([feature, counts]) => ({ feature, counts }));
}
