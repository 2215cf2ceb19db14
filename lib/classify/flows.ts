/**
 * Evidence → item flows and findings with their verdicts, and features → purposes: the policy lookups of
 * classify(), with the per-policy tables that remember their results.
 */
import type { Evidence, Finding, ItemFlow } from '../model';
import { ITEM_IDS, VERDICTS, type FeatureId, type Policy, type Verdict } from '../policy/types';
import { disclosureFor, itemVerdict, purposesFor, type DisclosureVerdict } from '../policy/lookup';

/** Purpose the policy ties to geolocation derived from the IP address. */
const REGION_PURPOSE = 'tailor-to-region';
/** Content kinds that make telemetry an error report. */
export const ERROR_KINDS = new Set(['error-report', 'memory-dump']);
const VERDICT_RANK = new Map<Verdict, number>(VERDICTS.map((v, i) => [v, i]));

function worse(a: Verdict, b: Verdict): boolean {
  return (VERDICT_RANK.get(a) ?? 0) > (VERDICT_RANK.get(b) ?? 0);
}

function evidenceKey(e: Evidence): string {
  return `${e.where}\u0000${e.path}\u0000${e.matchedBy}\u0000${e.signal ?? ''}\u0000${e.value}`;
}

/**
 * Least favourable verdict of an item flow over all features. Each feature's verdict is the policy's own
 * `itemVerdict` for the signals that showed the item (one broadly covered signal, such as a screen resolution
 * under "maskinvaru-ID", makes a clear flow vague), remembered per feature and signal set.
 */
function resolveItem(policy: Policy, t: PolicyTables, item: string, features: readonly FeatureId[], group: Group): DisclosureVerdict {
  let result: DisclosureVerdict | undefined;
  for (let i = 0; i < features.length; i++) {
    const feature = features[i]!;
    let d: DisclosureVerdict;
    if (group.mask >= 0) {
      let byMask = t.itemVerdicts.get(feature);
      if (!byMask) t.itemVerdicts.set(feature, (byMask = new Map()));
      let cached = byMask.get(group.mask);
      if (!cached) byMask.set(group.mask, (cached = itemVerdict(policy, item, feature, group.signals)));
      d = cached;
    } else {
      d = itemVerdict(policy, item, feature, group.signals);
    }
    if (!result || worse(d.verdict, result.verdict)) result = d;
  }
  return result ?? { verdict: 'omitted', clause: '' };
}

/** Least favourable disclosure of a content kind or identifier over all features, remembered per feature. */
function resolveContent(policy: Policy, t: PolicyTables, kind: string, features: readonly FeatureId[]): DisclosureVerdict {
  let result: DisclosureVerdict | undefined;
  for (let i = 0; i < features.length; i++) {
    const feature = features[i]!;
    let byKind = t.contentVerdicts.get(feature);
    if (!byKind) t.contentVerdicts.set(feature, (byKind = new Map()));
    let d = byKind.get(kind);
    if (!d) byKind.set(kind, (d = disclosureFor(policy, kind, feature)));
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
  /** disclosureFor results of content kinds and identifiers, by feature, then kind. */
  contentVerdicts: Map<string, Map<string, DisclosureVerdict>>;
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

interface Group {
  evidence: Evidence[];
  seen: Set<string> | undefined;
  /** The distinct signal ids seen (items only), for itemVerdict. */
  signals: string[];
  /** Their bits OR-ed together, or -1 when one has no bit (then the verdict is not remembered). */
  mask: number;
}

function newGroup(): Group {
  return { evidence: [], seen: undefined, signals: [], mask: 0 };
}

function addEvidence(group: Group, e: Evidence, dedupe: boolean): boolean {
  if (dedupe) {
    const key = evidenceKey(e);
    group.seen ??= new Set();
    if (group.seen.has(key)) return false;
    group.seen.add(key);
  }
  return true;
}

/** Evidence grouped by item, each with its verdict. */
export function itemFlows(
  policy: Policy,
  t: PolicyTables,
  features: readonly FeatureId[],
  signals: readonly Evidence[],
  dedupe: boolean,
): ItemFlow[] {
  const groups: Array<Group | undefined> = new Array(ITEM_IDS.length);
  for (let i = 0; i < signals.length; i++) {
    const e = signals[i]!;
    const signal = e.signal;
    const info = signal ? t.signals.get(signal) : undefined;
    if (!info || !signal) continue;
    const group = (groups[info.item] ??= newGroup());
    if (!addEvidence(group, e, dedupe)) continue;
    if (!group.signals.includes(signal)) {
      group.signals.push(signal);
      group.mask = info.bit === 0 || group.mask < 0 ? -1 : group.mask | info.bit;
    }
    group.evidence.push(e);
  }
  const flows: ItemFlow[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    if (!group) continue;
    const item = ITEM_IDS[i]!;
    const { verdict, clause } = resolveItem(policy, t, item, features, group);
    flows.push({ item, verdict, clause, evidence: group.evidence });
  }
  return flows;
}

export function contentFindings(
  policy: Policy,
  t: PolicyTables,
  features: readonly FeatureId[],
  errorFeatures: readonly FeatureId[],
  contents: readonly { kind: string; evidence: Evidence }[],
  dedupe: boolean,
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
      const { verdict, clause } = resolveContent(policy, t, kind, ERROR_KINDS.has(kind) ? errorFeatures : features);
      return { kind, verdict, clause, evidence: group.evidence };
    });
}
