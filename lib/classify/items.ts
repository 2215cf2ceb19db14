/**
 * Evidence → items and hints (lib/detect/RULES.md):
 *
 *   evidence of a value signal (os-version, language, …) ──► its item leaves; every hint of that item
 *                                                            joins the item's evidence
 *   evidence of hint signals only (os-name, browser-name, device-class) ──► no item; one hint per signal
 *
 * So `sec-ch-ua-platform: "Windows"` beside a Windows NT 10.0 User-Agent is more evidence of os-version, while
 * `X11; Linux x86_64` and `sec-ch-ua-platform: "Linux"` alone are the hint "the OS family left: Linux".
 */
import type { Evidence, Hint, ItemFlow } from '../model';
import { ITEM_IDS, VERDICTS, type FeatureId, type Policy, type Verdict } from '../policy/types';
import { itemVerdict, type DisclosureVerdict } from '../policy/lookup';
import { isHintSignal } from '../detect/hints';

/** The per-policy tables items need (a subset of classify's PolicyTables). */
export interface ItemTables {
  /** Signal id → index of its item in ITEM_IDS, and its bit in a group's signal mask (0 past 30 signals). */
  signals: Map<string, { item: number; bit: number }>;
  /** itemVerdict results by feature, then by the mask of the signals seen (a mask implies its item). */
  itemVerdicts: Map<string, Map<number, DisclosureVerdict>>;
}

export interface Group {
  evidence: Evidence[];
  seen: Set<string> | undefined;
  /** The distinct signal ids seen (items only), for itemVerdict. */
  signals: string[];
  /** Their bits OR-ed together, or -1 when one has no bit (then the verdict is not remembered). */
  mask: number;
  /** Some evidence shows a value of the item, not only a hint. */
  hasValue: boolean;
}

export function newGroup(): Group {
  return { evidence: [], seen: undefined, signals: [], mask: 0, hasValue: false };
}

function evidenceKey(e: Evidence): string {
  return `${e.where}\u0000${e.path}\u0000${e.matchedBy}\u0000${e.signal ?? ''}\u0000${e.value}`;
}

/** Whether `e` is new to the group (checked only when evidence may repeat, i.e. with custom field rules). */
export function addEvidence(group: Group, e: Evidence, dedupe: boolean): boolean {
  if (dedupe) {
    const key = evidenceKey(e);
    group.seen ??= new Set();
    if (group.seen.has(key)) return false;
    group.seen.add(key);
  }
  return true;
}

const VERDICT_RANK = new Map<Verdict, number>(VERDICTS.map((v, i) => [v, i]));

export function worse(a: Verdict, b: Verdict): boolean {
  return (VERDICT_RANK.get(a) ?? 0) > (VERDICT_RANK.get(b) ?? 0);
}

/**
 * Least favourable verdict of an item flow over all features. Each feature's verdict is the policy's own
 * `itemVerdict` for the signals that showed the item (one broadly covered signal, such as a screen resolution
 * under "maskinvaru-ID", makes a clear flow vague), remembered per feature and signal set.
 */
function resolveItem(policy: Policy, t: ItemTables, item: string, features: readonly FeatureId[], group: Group): DisclosureVerdict {
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

/** Hints of an item that did not leave, one per signal, in the order their evidence came. */
function hintsOf(group: Group): Hint[] {
  const bySignal = new Map<string, Evidence[]>();
  for (const e of group.evidence) {
    const signal = e.signal!;
    let list = bySignal.get(signal);
    if (!list) bySignal.set(signal, (list = []));
    list.push(e);
  }
  return [...bySignal].map(([signal, evidence]) => ({ signal, evidence }));
}

/** Evidence grouped by item, each with its verdict; hint evidence of items that did not leave, as hints. */
export function itemsAndHints(
  policy: Policy,
  t: ItemTables,
  features: readonly FeatureId[],
  signals: readonly Evidence[],
  dedupe: boolean,
): { items: ItemFlow[]; hints: Hint[] } {
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
    if (!group.hasValue && !isHintSignal(signal)) group.hasValue = true;
    group.evidence.push(e);
  }
  const items: ItemFlow[] = [];
  let hints: Hint[] | undefined;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    if (!group) continue;
    if (!group.hasValue) {
      (hints ??= []).push(...hintsOf(group));
      continue;
    }
    const item = ITEM_IDS[i]!;
    const { verdict, clause } = resolveItem(policy, t, item, features, group);
    items.push({ item, verdict, clause, evidence: group.evidence });
  }
  return { items, hints: hints ?? [] };
}
