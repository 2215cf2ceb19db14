/**
 * Flows: what a capture sends, reduced to what stays the same between two captures of the same client.
 *
 * A flow is one item, content kind or identifier going to one feature at one destination, with its verdict.
 * The destination is the request's host, or the catalogue's endpoint family where the catalogue marks a
 * family's hosts as pooled (Trouter edges, Lync pools change from session to session). Timestamps, request
 * order, ids, counts and the values themselves never enter a flow's key, so two captures of one client made
 * at different times give the same flows.
 *
 * Pure and incremental: FlowCounter takes one request's result at a time and keeps one record per flow, so a
 * capture of any size costs memory in proportion to its distinct flows. The CLI (`telltale diff`) and the
 * report page's comparison both count with it.
 */
import { loadCatalogue, type EndpointCatalogue } from '../catalogue/index';
import { VERDICTS, type Verdict } from '../policy/types';
import { parseUrl } from '../util/url';
import type { Flow, FlowExample } from '../formats/diff-output';

export type { Flow, FlowExample };

/** One request's result, as both an Annotation (plus its URL) and a `check --json` entry carry it. */
export interface FlowEntry {
  url: string;
  features: readonly string[];
  items: ReadonlyArray<{ item: string; verdict: Verdict; evidence: ReadonlyArray<{ path: string; value: string }> }>;
  findings: ReadonlyArray<{ kind: string; verdict: Verdict; evidence: ReadonlyArray<{ path: string; value: string }> }>;
}

/** A flow with where its example came from (an observation id, `file#index`), for links to evidence. */
export interface CountedFlow<Ref> {
  flow: Flow;
  ref: Ref;
}

/** The key that identifies a flow across captures. */
export function flowKey(flow: Pick<Flow, 'item' | 'kind' | 'feature' | 'host'>): string {
  const subject = flow.item !== undefined ? `item:${flow.item}` : `kind:${flow.kind}`;
  // "|" appears in no item, kind, feature id or host name, and is safe in an HTML attribute.
  return `${subject}|${flow.feature}|${flow.host}`;
}

export function verdictRank(verdict: Verdict): number {
  return VERDICTS.indexOf(verdict);
}

/** The smallest (path, value, url) wins, so the example does not depend on request order. */
function earlier(a: FlowExample, b: FlowExample): boolean {
  if (a.path !== b.path) return a.path < b.path;
  if (a.value !== b.value) return a.value < b.value;
  return a.url < b.url;
}

let builtin: EndpointCatalogue | undefined;

/** Destination of a request: its host, or the endpoint family when the catalogue pools that family's hosts. */
export function destinationOf(url: string, catalogue: EndpointCatalogue = (builtin ??= loadCatalogue())): string {
  const parsed = parseUrl(url);
  const match = catalogue.match(parsed);
  if (match.rule?.pooledHosts) return match.family;
  return parsed.host;
}

export class FlowCounter<Ref = undefined> {
  private readonly flows = new Map<string, CountedFlow<Ref>>();
  /** Requests added, with or without flows. */
  requests = 0;

  constructor(private readonly catalogue?: EndpointCatalogue) {}

  add(entry: FlowEntry, ref: Ref): void {
    this.requests++;
    if (entry.items.length === 0 && entry.findings.length === 0) return;
    const host = destinationOf(entry.url, this.catalogue);
    for (const feature of entry.features) {
      for (const i of entry.items) this.count({ item: i.item }, feature, host, i.verdict, i.evidence, entry.url, ref);
      for (const f of entry.findings) this.count({ kind: f.kind }, feature, host, f.verdict, f.evidence, entry.url, ref);
    }
  }

  private count(
    subject: { item: string } | { kind: string },
    feature: string,
    host: string,
    verdict: Verdict,
    evidence: ReadonlyArray<{ path: string; value: string }>,
    url: string,
    ref: Ref,
  ): void {
    let example: FlowExample | undefined;
    for (const e of evidence) {
      const candidate = { url, path: e.path, value: e.value };
      if (!example || earlier(candidate, example)) example = candidate;
    }
    example ??= { url, path: '', value: '' };
    const key = flowKey({ ...subject, feature, host });
    const known = this.flows.get(key);
    if (!known) {
      this.flows.set(key, { flow: { ...subject, feature, host, verdict, requests: 1, example }, ref });
      return;
    }
    known.flow.requests++;
    if (verdictRank(verdict) > verdictRank(known.flow.verdict)) known.flow.verdict = verdict;
    if (earlier(example, known.flow.example)) {
      known.flow.example = example;
      known.ref = ref;
    }
  }

  /** Every flow, keyed by flowKey. */
  result(): Map<string, CountedFlow<Ref>> {
    return this.flows;
  }
}
