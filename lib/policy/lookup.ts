/**
 * Fast lookups over a loaded policy. The indexes are built once per policy object and kept in a WeakMap,
 * so the engine can call these for every request without rebuilding anything and a replaced policy is
 * simply garbage-collected with its index.
 */
import type {
  Clause,
  ContentKind,
  Destination,
  Feature,
  FeatureId,
  Item,
  Lang,
  Policy,
  Purpose,
  Signal,
  Text,
  Verdict,
} from './types';

export interface DisclosureVerdict {
  verdict: Verdict;
  /** Clause id justifying the verdict. */
  clause: string;
}

interface Index {
  clauses: Map<string, Clause>;
  features: Map<string, Feature>;
  items: Map<string, Item>;
  purposes: Map<string, Purpose>;
  signals: Map<string, Signal>;
  contentKinds: Map<string, ContentKind>;
  /** Disclosure statements by subject, then feature (nested maps: no key string built per lookup). */
  disclosures: Map<string, Map<string, DisclosureVerdict>>;
  /** Statements for one destination only, by destination, then subject, then feature. */
  byDestination: Map<string, Map<string, Map<string, DisclosureVerdict>>>;
}

const indexes = new WeakMap<Policy, Index>();

function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((entry) => [entry.id, entry]));
}

function bySubjectAndFeature(policy: Policy, destination?: string): Map<string, Map<string, DisclosureVerdict>> {
  const out = new Map<string, Map<string, DisclosureVerdict>>();
  for (const d of policy.disclosures) {
    if (d.destination !== destination) continue;
    let forSubject = out.get(d.subject);
    if (!forSubject) out.set(d.subject, (forSubject = new Map()));
    forSubject.set(d.feature, { verdict: d.verdict, clause: d.clause });
  }
  return out;
}

function indexOf(policy: Policy): Index {
  let index = indexes.get(policy);
  if (!index) {
    index = {
      clauses: byId(policy.clauses),
      features: byId(policy.features),
      items: byId(policy.items),
      purposes: byId(policy.purposes),
      signals: byId(policy.signals),
      contentKinds: byId(policy.contentKinds),
      disclosures: bySubjectAndFeature(policy),
      byDestination: new Map(
        [...new Set(policy.disclosures.map((d) => d.destination).filter((d) => d !== undefined))].map((d) => [d, bySubjectAndFeature(policy, d)]),
      ),
    };
    indexes.set(policy, index);
  }
  return index;
}

/**
 * The verdict for `subject` (an item, content-kind or identifier id) flowing to `feature`, with its clause.
 * Lookup order, as documented on `Disclosure`: (subject, feature), (subject, '*'), ('*', feature), ('*', '*').
 * The '*' subject stands for "every item" only: a content kind or identifier never inherits an item's
 * verdict (message content sent to telemetry must not become `clear` because standard information is).
 * Given the request's `destination`, that destination's own statements for the subject come first (the
 * organisation's own server is not Microsoft, and the policy's statements say so there).
 * No statement: `omitted`, justified by the feature's first `collects` clause.
 */
export function disclosureFor(policy: Policy, subject: string, feature: FeatureId, destination?: Destination): DisclosureVerdict {
  const index = indexOf(policy);
  if (destination !== undefined) {
    const there = index.byDestination.get(destination)?.get(subject);
    const found = there?.get(feature) ?? there?.get('*');
    if (found) return found;
  }
  const own = index.disclosures.get(subject);
  const any = index.items.has(subject) ? index.disclosures.get('*') : undefined;
  const found = own?.get(feature) ?? own?.get('*') ?? any?.get(feature) ?? any?.get('*');
  if (found) return found;
  const f = index.features.get(feature);
  if (!f) throw new Error(`policy '${policy.id}' has no feature '${feature}'`);
  return { verdict: 'omitted', clause: f.collects[0] ?? '' };
}

/**
 * The verdict for an item flow shown by the given signals. A statement that makes the item `clear` is only
 * as clear as the words that cover what was seen: as `Signal` documents, one `broad` signal in the flow (a
 * screen resolution under "maskinvaru-ID", even beside a named device model) makes it `vague`, justified by
 * the item's own clause where the broad term stands. Unknown signal ids count as broad. With no signals the
 * item's verdict stands as is.
 */
export function itemVerdict(
  policy: Policy,
  item: string,
  feature: FeatureId,
  signalIds: readonly string[] = [],
): DisclosureVerdict {
  const base = disclosureFor(policy, item, feature);
  if (base.verdict !== 'clear') return base;
  const index = indexOf(policy);
  const broad = signalIds.some((id) => index.signals.get(id)?.precision !== 'named');
  if (!broad) return base;
  return { verdict: 'vague', clause: index.items.get(item)?.clause ?? base.clause };
}

export function signalInfo(policy: Policy, signalId: string): Signal | undefined {
  return indexOf(policy).signals.get(signalId);
}

export function clauseById(policy: Policy, id: string): Clause | undefined {
  return indexOf(policy).clauses.get(id);
}

export function featureById(policy: Policy, id: string): Feature | undefined {
  return indexOf(policy).features.get(id);
}

export function itemById(policy: Policy, id: string): Item | undefined {
  return indexOf(policy).items.get(id);
}

export function purposeById(policy: Policy, id: string): Purpose | undefined {
  return indexOf(policy).purposes.get(id);
}

export function contentKindById(policy: Policy, id: string): ContentKind | undefined {
  return indexOf(policy).contentKinds.get(id);
}

/** The purposes of the given features, in feature order, each once. Unknown feature ids are skipped. */
export function purposesFor(policy: Policy, featureIds: readonly string[]): Purpose[] {
  const index = indexOf(policy);
  const seen = new Set<string>();
  const out: Purpose[] = [];
  for (const featureId of featureIds) {
    for (const purposeId of index.features.get(featureId)?.purposes ?? []) {
      const purpose = index.purposes.get(purposeId);
      if (purpose && !seen.has(purposeId)) {
        seen.add(purposeId);
        out.push(purpose);
      }
    }
  }
  return out;
}

/** The text in `lang`, falling back to the other language when one is empty. */
/** The heading a clause stands under, in `lang`: the English rendering from `sections`, or the Swedish. */
export function sectionHeading(policy: Policy, clause: Clause, lang: Lang): string {
  if (lang === 'sv') return clause.section;
  return policy.sections?.find((s) => s.sv === clause.section)?.en ?? clause.section;
}

export function text(t: Text, lang: Lang): string {
  return t[lang] || (lang === 'sv' ? t.en : t.sv);
}
