/**
 * Incremental scope aggregates. Each stored observation updates the aggregates of its scopes (its tab, the
 * passive log, the running recording) once, so a view reads one small record instead of scanning
 * observations. Samples are bounded (MAX_SAMPLES per flow, MAX_SAMPLE_EVIDENCE per sample) so an aggregate
 * stays small however long a scope lives.
 */
import type { Evidence } from '../model';
import type { FeatureId, Verdict } from '../policy/types';
import { VERDICTS } from '../policy/types';
import {
  MAX_SAMPLES,
  type EvidenceSample,
  type FlowAggregate,
  type Observation,
  type ScopeAggregate,
  type ScopeKey,
} from '../model';
import { notePageNavigation, pageBefore } from './pages';
import { displayParts } from '../util/url';

export const MAX_SAMPLE_EVIDENCE = 8;
/** Purposes per flow are a small closed set in practice; the bound only guards against a broken policy. */
const MAX_PURPOSES = 32;

export function emptyAggregate(key: ScopeKey, time: number): ScopeAggregate {
  return {
    key,
    requests: 0,
    features: {},
    items: {},
    contents: {},
    undisclosedSeen: false,
    firstSeen: time,
    lastSeen: time,
    gaps: 0,
  };
}

export function verdictRank(v: Verdict): number {
  return VERDICTS.indexOf(v);
}

export function isUndisclosed(v: Verdict): boolean {
  return v === 'omitted' || v === 'incorrect';
}

/** True when the observation lost a phase that could have carried information (its body or headers). */
export function isGap(obs: Pick<Observation, 'incomplete'>): boolean {
  return !!obs.incomplete?.some((p) => p === 'body' || p === 'headers');
}

const STATIC_TYPES = new Set(['script', 'image']);

/**
 * A CORS preflight or a static file (script, image) in which nothing was found beyond what the browser sends
 * with every request (headers, the connection): nothing in its URL or body, no content or identifier. An image
 * whose query string carries telemetry (JSLL pixels) is not one.
 */
export function isBackground(obs: Pick<Observation, 'method' | 'type' | 'annotation'>): boolean {
  if (obs.method !== 'OPTIONS' && !STATIC_TYPES.has(obs.type)) return false;
  const { items, findings } = obs.annotation;
  return findings.length === 0 && !items.some((f) => f.evidence.some((e) => e.where === 'url' || e.where === 'body'));
}

function addCount<K extends string>(counts: Partial<Record<K, number>>, key: K, n = 1): Partial<Record<K, number>> {
  return { ...counts, [key]: (counts[key] ?? 0) + n };
}

/** One more request for a flow; `verdict` undefined for a hint, which has none. */
function updateFlow(
  flow: FlowAggregate | undefined,
  id: string,
  verdict: Verdict | undefined,
  clause: string,
  evidence: Evidence[],
  obs: Observation,
  where: { host: string; path: string },
): FlowAggregate {
  const features = obs.annotation.features;
  const next: FlowAggregate = flow
    ? { ...flow, features: { ...flow.features }, verdicts: { ...flow.verdicts } }
    : {
        id,
        requests: 0,
        features: {},
        verdicts: {},
        worst: verdict ?? 'clear',
        clause,
        purposes: [],
        firstSeen: obs.time,
        lastSeen: obs.time,
        samples: [],
      };
  next.requests += 1;
  for (const f of features) next.features[f] = (next.features[f] ?? 0) + 1;
  if (verdict !== undefined) next.verdicts[verdict] = (next.verdicts[verdict] ?? 0) + 1;
  if (verdict !== undefined && verdictRank(verdict) > verdictRank(next.worst)) {
    next.worst = verdict;
    next.clause = clause;
  }
  // Nearly always every purpose is known already: then the list is kept as it is.
  if (!obs.annotation.purposes.every((p) => next.purposes.includes(p))) {
    const purposes = new Set(next.purposes);
    for (const p of obs.annotation.purposes) if (purposes.size < MAX_PURPOSES) purposes.add(p);
    next.purposes = [...purposes];
  }
  next.firstSeen = Math.min(next.firstSeen, obs.time);
  next.lastSeen = Math.max(next.lastSeen, obs.time);
  const { host, path } = where;
  const sample: EvidenceSample = {
    observationId: obs.id ?? -1,
    time: obs.time,
    host,
    path,
    features: [...features],
    evidence: evidence.slice(0, MAX_SAMPLE_EVIDENCE),
  };
  // Keep the most recent samples: the newest is last.
  const kept = next.samples.length >= MAX_SAMPLES ? next.samples.slice(next.samples.length - MAX_SAMPLES + 1) : next.samples.slice();
  kept.push(sample);
  next.samples = kept;
  return next;
}

/**
 * Host and path for the samples, parsed once per URL: an observation is applied to two or three scopes, with a
 * sample for each of its flows, and parsing the URL for each was most of the cost of aggregating a burst.
 */
let lastParts: { url: string; parts: { host: string; path: string } } | undefined;
function partsOf(url: string): { host: string; path: string } {
  if (lastParts?.url !== url) lastParts = { url, parts: displayParts(url) };
  return lastParts.parts;
}

/**
 * Returns the aggregate after one more observation; does not modify `agg`.
 * `obs.id` should be set (the stored key), so samples can point back at the observation.
 */
export function applyObservation(
  agg: ScopeAggregate | undefined,
  obs: Observation,
  key: ScopeKey,
): ScopeAggregate {
  const base = pageBefore(agg, key, obs) ?? emptyAggregate(key, obs.time);
  const gap = isGap(obs);
  const losses = { gaps: base.gaps + (gap ? 1 : 0), incomplete: (base.incomplete ?? 0) + (gap ? 1 : 0) };
  if (isBackground(obs)) {
    return {
      ...base,
      key,
      ...losses,
      background: (base.background ?? 0) + 1,
      firstSeen: Math.min(base.firstSeen, obs.time),
      lastSeen: Math.max(base.lastSeen, obs.time),
    };
  }
  const a = obs.annotation;
  const where = partsOf(obs.url);
  let features = base.features;
  for (const f of a.features) features = addCount<FeatureId>(features, f);
  const items = { ...base.items };
  for (const flow of a.items) {
    items[flow.item] = updateFlow(items[flow.item], flow.item, flow.verdict, flow.clause, flow.evidence, obs, where);
  }
  const contents = { ...base.contents };
  for (const finding of a.findings) {
    contents[finding.kind] = updateFlow(
      contents[finding.kind],
      finding.kind,
      finding.verdict,
      finding.clause,
      finding.evidence,
      obs,
      where,
    );
  }
  // Annotations stored before hints existed have none; aggregates keep no `hints` key until one is seen.
  let hints = base.hints;
  for (const hint of a.hints ?? []) {
    hints = { ...hints, [hint.signal]: updateFlow(hints?.[hint.signal], hint.signal, undefined, '', hint.evidence, obs, where) };
  }
  const undisclosed =
    a.items.some((f) => isUndisclosed(f.verdict)) || a.findings.some((f) => isUndisclosed(f.verdict));
  const page = notePageNavigation(base.page, obs);
  return {
    ...base,
    ...(page ? { page } : {}),
    key,
    requests: base.requests + 1,
    features,
    items,
    contents,
    ...(hints ? { hints } : {}),
    undisclosedSeen: base.undisclosedSeen || undisclosed,
    firstSeen: Math.min(base.firstSeen, obs.time),
    lastSeen: Math.max(base.lastSeen, obs.time),
    ...losses,
  };
}

/**
 * Adds requests the browser reported but that could not be stored at all: `gaps` (e.g. a failed write) or
 * `dropped` (over the per-page third-party cap).
 */
export function addGaps(
  agg: ScopeAggregate | undefined,
  key: ScopeKey,
  n: number,
  time: number,
  counter: 'gaps' | 'dropped' = 'gaps',
): ScopeAggregate {
  const base = agg ?? emptyAggregate(key, time);
  return { ...base, [counter]: (base[counter] ?? 0) + n, lastSeen: Math.max(base.lastSeen, time) };
}

/**
 * The scopes an observation counts in: the passive log, its tab (if any) and its recording (if any). A
 * request with no tab (a client's service worker or web worker) counts for its client origin instead, so the
 * popup of a tab on that origin can show it.
 */
export function scopesOf(obs: Pick<Observation, 'tabId' | 'recordingId'> & { clientOrigin?: string }): ScopeKey[] {
  const keys: ScopeKey[] = ['log'];
  if (obs.tabId >= 0) keys.push(`tab:${obs.tabId}`);
  else if (obs.clientOrigin) keys.push(`worker:${obs.clientOrigin}`);
  if (obs.recordingId !== undefined) keys.push(`rec:${obs.recordingId}`);
  return keys;
}

/** Number of the six standard-computer-information items seen in a scope (the toolbar badge). */
export function itemCount(agg: ScopeAggregate | undefined): number {
  return agg ? Object.keys(agg.items).length : 0;
}
