/**
 * Findings with their verdicts, and features → purposes: the policy lookups of classify(), with the per-policy
 * tables that remember their results. Items and hints are items.ts's.
 */
import type { Destination, Evidence, Finding } from '../model';
import { ITEM_IDS, type FeatureId, type Policy } from '../policy/types';
import { disclosureFor, purposesFor, type DisclosureVerdict } from '../policy/lookup';
import { addEvidence, newGroup, worse, type Group } from './items';

/** Purpose the policy ties to geolocation derived from the IP address. */
const REGION_PURPOSE = 'tailor-to-region';
/** Content kinds that make telemetry an error report. */
export const ERROR_KINDS = new Set(['error-report', 'memory-dump']);

/**
 * Least favourable disclosure of a content kind or identifier over all features, at the request's destination,
 * remembered per destination and feature.
 */
function resolveContent(
  policy: Policy,
  t: PolicyTables,
  kind: string,
  features: readonly FeatureId[],
  destination: Destination | undefined,
): DisclosureVerdict {
  let byFeature = t.contentVerdicts.get(destination);
  if (!byFeature) t.contentVerdicts.set(destination, (byFeature = new Map()));
  let result: DisclosureVerdict | undefined;
  for (let i = 0; i < features.length; i++) {
    const feature = features[i]!;
    let byKind = byFeature.get(feature);
    if (!byKind) byFeature.set(feature, (byKind = new Map()));
    let d = byKind.get(kind);
    if (!d) byKind.set(kind, (d = disclosureFor(policy, kind, feature, destination)));
    if (!result || worse(d.verdict, result.verdict)) result = d;
  }
  return result ?? { verdict: 'omitted', clause: '' };
}

/** Per-policy tables derived once (the policy object is immutable once loaded). */
export interface PolicyTables {
  /** Signal id → index of its item in ITEM_IDS, and its bit in a group's signal mask (0 past 30 signals). */
  signals: Map<string, { item: number; bit: number }>;
  identifiers: Set<string>;
  kindOrder: Map<string, number>;
  hasRegionPurpose: boolean;
  /** Purpose ids per feature list, keyed by the joined feature ids; with region tailoring added. */
  purposes: Map<string, string[]>;
  purposesWithRegion: Map<string, string[]>;
  /** itemVerdict results by feature, then by the mask of the signals seen (a mask implies its item). */
  itemVerdicts: Map<string, Map<number, DisclosureVerdict>>;
  /** disclosureFor results of content kinds and identifiers, by destination, then feature, then kind. */
  contentVerdicts: Map<Destination | undefined, Map<string, Map<string, DisclosureVerdict>>>;
}
const tables = new WeakMap<Policy, PolicyTables>();
export function tablesFor(policy: Policy): PolicyTables {
  let t = tables.get(policy);
  if (!t) {
    t = {
      signals: new Map(),
      identifiers: new Set(policy.contentKinds.filter((k) => k.kind === 'identifier').map((k) => k.id)),
      kindOrder: new Map(policy.contentKinds.map((k, i) => [k.id, i])),
      hasRegionPurpose: policy.purposes.some((p) => p.id === REGION_PURPOSE),
      purposes: new Map(),
      purposesWithRegion: new Map(),
      itemVerdicts: new Map(),
      contentVerdicts: new Map(),
    };
    policy.signals.forEach((signal, i) => {
      const item = signal.item ? ITEM_IDS.indexOf(signal.item) : -1;
      if (item >= 0) t!.signals.set(signal.id, { item, bit: i < 30 ? 1 << i : 0 });
    });
    tables.set(policy, t);
  }
  return t;
}

/** Purpose ids for the features (cached per feature list), plus region tailoring when asked. */
export function purposesOf(policy: Policy, t: PolicyTables, features: readonly FeatureId[], region: boolean): string[] {
  // Two tables rather than a '+region' suffix: a key built per request would be hashed per request.
  const table = region ? t.purposesWithRegion : t.purposes;
  const key = features.length === 1 ? features[0]! : features.join(' ');
  let ids = table.get(key);
  if (!ids) {
    ids = purposesFor(policy, features).map((p) => p.id);
    if (region && !ids.includes(REGION_PURPOSE)) ids.push(REGION_PURPOSE);
    table.set(key, ids);
  }
  return ids.slice();
}

export function contentFindings(
  policy: Policy,
  t: PolicyTables,
  features: readonly FeatureId[],
  errorFeatures: readonly FeatureId[],
  contents: readonly { kind: string; evidence: Evidence }[],
  dedupe: boolean,
  destination?: Destination,
): Finding[] {
  const byKind = new Map<string, Group>();
  for (const { kind, evidence } of contents) {
    let group = byKind.get(kind);
    if (!group) {
      group = newGroup();
      byKind.set(kind, group);
    }
    if (!addEvidence(group, evidence, dedupe)) continue;
    group.evidence.push(evidence);
  }
  return [...byKind.entries()]
    .sort(([a], [b]) => (t.kindOrder.get(a) ?? 1e9) - (t.kindOrder.get(b) ?? 1e9) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([kind, group]) => {
      const { verdict, clause } = resolveContent(policy, t, kind, ERROR_KINDS.has(kind) ? errorFeatures : features, destination);
      return { kind, verdict, clause, evidence: group.evidence };
    });
}
