/**
 * classify(): one normalized request in, one annotation out.
 *
 *   URL ──parse once──► catalogue ──► features (+ error-reporting when telemetry events are errors)
 *   body ──decodeBody──► detect ──► signals ──signalInfo──► items ──disclosureFor × features──► verdicts
 *                                  contents ─────────────► findings ─────────────────────────► verdicts
 *   features ──purposesFor──► purposes
 *
 * It never throws: the service worker annotates every request it sees, and one odd request must not cost
 * the others. On an internal error the annotation says the body was undecodable and carries what was known.
 */
import type { Annotation, BrowserProfile, Evidence, Finding, ItemFlow, NormalizedRequest } from '../types';
import { ITEM_IDS, VERDICTS, type FeatureId, type Policy, type Verdict } from '../policy/types';
import { decodeBody } from '../decode/index';
import { detect, IP_CONNECTION_VALUE } from '../detect/index';
import { loadPolicy } from '../policy/load';
import { disclosureFor, itemById, purposesFor, signalInfo } from '../policy/lookup';
import { loadCatalogue, type EndpointCatalogue, type EndpointMatch, type EndpointRule } from '../catalogue/index';
import { parseUrl, type ParsedUrl } from '../util/url';
import { applyFieldRules } from './field-rules';
import { fingerprintContent, maskIdentifier, previewValue } from './redact';
import type { CustomRules } from './rules';

export interface ClassifyOptions {
  /** This browser's own values, for detection by value. */
  profile?: BrowserProfile;
  /** Defaults to the shipped policy. */
  policy?: Policy;
  /** Keep evidence values verbatim (only when the user asked for raw evidence). */
  raw?: boolean;
  /** Custom endpoint and field rules. */
  rules?: CustomRules;
}

/** Purpose the policy ties to geolocation derived from the IP address. */
const REGION_PURPOSE = 'tailor-to-region';
/** Content kinds that make telemetry an error report. */
const ERROR_KINDS = new Set(['error-report', 'memory-dump']);
const VERDICT_RANK = new Map<Verdict, number>(VERDICTS.map((v, i) => [v, i]));

let defaultPolicy: Policy | undefined;
function shippedPolicy(): Policy {
  defaultPolicy ??= loadPolicy();
  return defaultPolicy;
}

const catalogues = new WeakMap<CustomRules, EndpointCatalogue>();
function catalogueFor(rules: CustomRules | undefined): EndpointCatalogue {
  if (!rules?.endpoints?.length) return loadCatalogue();
  let catalogue = catalogues.get(rules);
  if (!catalogue) {
    const custom: EndpointRule[] = rules.endpoints.map((e) => ({ ...e, family: e.family ?? 'custom' }));
    catalogue = loadCatalogue(custom);
    catalogues.set(rules, catalogue);
  }
  return catalogue;
}

/** The catalogue entry for a URL: feature, family, and whether events there may be error reports. */
export function matchEndpoint(url: string, rules?: CustomRules): EndpointMatch {
  return catalogueFor(rules).match(url);
}

function worse(a: Verdict, b: Verdict): boolean {
  return (VERDICT_RANK.get(a) ?? 0) > (VERDICT_RANK.get(b) ?? 0);
}

/** Features for a request: the catalogue's, then error-reporting for error events on a telemetry endpoint. */
function featuresFor(match: EndpointMatch, errors: number, total: number, errorContent: boolean): FeatureId[] {
  if (!match.telemetry || (errors === 0 && !errorContent)) return [match.feature];
  // Only error events: the request is an error report. A batch that mixes errors and other events is both.
  if (total > 0 && errors >= total) return ['error-reporting'];
  return match.feature === 'error-reporting' ? [match.feature] : [match.feature, 'error-reporting'];
}

function evidenceKey(e: Evidence): string {
  return `${e.where}\u0000${e.path}\u0000${e.matchedBy}\u0000${e.signal ?? ''}\u0000${e.value}`;
}

interface Resolved {
  verdict: Verdict;
  clause: string;
}

/**
 * Least favourable disclosure of `subject` over all features. Evidence of a broad signal (a screen resolution,
 * covered only by "maskinvaru-ID") makes a clear flow vague, justified by the item's own clause where the
 * broad term stands: each piece of evidence is judged, and the worst one sets the verdict.
 */
function resolve(policy: Policy, subject: string, features: readonly FeatureId[], broad: boolean): Resolved {
  let result: Resolved | undefined;
  for (const feature of features) {
    const d = disclosureFor(policy, subject, feature);
    const downgrade = broad && d.verdict === 'clear';
    const verdict: Verdict = downgrade ? 'vague' : d.verdict;
    const clause = downgrade ? (itemById(policy, subject)?.clause ?? d.clause) : d.clause;
    if (!result || worse(verdict, result.verdict)) result = { verdict, clause };
  }
  return result ?? { verdict: 'omitted', clause: '' };
}

/** Per-policy tables derived once (the policy object is immutable once loaded). */
interface PolicyTables {
  /** Signal id → index of its item in ITEM_IDS, and whether the policy covers it only broadly. */
  signals: Map<string, { item: number; broad: boolean }>;
  identifiers: Set<string>;
  kindOrder: Map<string, number>;
  hasRegionPurpose: boolean;
  /** Purpose ids per feature list, keyed by the joined feature ids. */
  purposes: Map<string, string[]>;
}
const tables = new WeakMap<Policy, PolicyTables>();
function tablesFor(policy: Policy): PolicyTables {
  let t = tables.get(policy);
  if (!t) {
    t = {
      signals: new Map(),
      identifiers: new Set(policy.contentKinds.filter((k) => k.kind === 'identifier').map((k) => k.id)),
      kindOrder: new Map(policy.contentKinds.map((k, i) => [k.id, i])),
      hasRegionPurpose: policy.purposes.some((p) => p.id === REGION_PURPOSE),
      purposes: new Map(),
    };
    for (const signal of policy.signals) {
      const info = signalInfo(policy, signal.id);
      const item = info?.item ? ITEM_IDS.indexOf(info.item) : -1;
      if (item >= 0) t.signals.set(signal.id, { item, broad: info!.precision === 'broad' });
    }
    tables.set(policy, t);
  }
  return t;
}

function emptyAnnotation(policyId: string, features: FeatureId[]): Annotation {
  return {
    policy: policyId,
    features,
    purposes: [],
    items: [],
    findings: [],
    body: { format: 'none', gzip: false, truncated: false, undecodable: true, size: 0 },
  };
}

export function classify(request: NormalizedRequest, options: ClassifyOptions = {}): Annotation {
  let policyId = 'unknown';
  let features: FeatureId[] = [];
  try {
    const policy = options.policy ?? shippedPolicy();
    policyId = policy.id;
    const url: ParsedUrl = parseUrl(request.url);
    const match = catalogueFor(options.rules).match(url);
    features = [match.feature];

    const decoded = decodeBody(request.body);
    const detection = detect(request, decoded, options.profile, url);
    let signals: Evidence[] = detection.signals;
    let contents = detection.contents;
    // Custom field rules can find what detection found too; only then is evidence deduplicated.
    let dedupe = false;
    if (options.rules?.fields?.length) {
      const hits = applyFieldRules(options.rules.fields, url, decoded.value);
      signals = [...signals, ...hits.signals];
      contents = [...contents, ...hits.contents];
      dedupe = true;
    }
    // The IP address leaves with the connection itself, whatever the request carries.
    if (!signals.some((e) => e.signal === 'ip-address' && e.where === 'connection')) {
      signals = [{ where: 'connection', path: 'connection', value: IP_CONNECTION_VALUE, matchedBy: 'value', signal: 'ip-address' }, ...signals];
    }
    const t = tablesFor(policy);

    const errorContent = contents.some((c) => ERROR_KINDS.has(c.kind));
    features = featuresFor(match, detection.events.errors, detection.events.total, errorContent);

    const items = itemFlows(policy, t, features, signals, options.raw === true, dedupe);
    // Error content that turned telemetry into error reporting is judged as error reporting: in a mixed batch
    // the exception events are the error report, the other events are the telemetry.
    const errorFeatures: FeatureId[] = match.telemetry && features.includes('error-reporting') ? ['error-reporting'] : features;
    const findings = contents.length ? contentFindings(policy, t, features, errorFeatures, contents, options.raw === true, dedupe) : [];

    const regionFlows = items.some((i) => i.item === 'ip-address' || i.evidence.some((e) => e.signal === 'location'));
    const purposes = purposesOf(policy, t, features, regionFlows && t.hasRegionPurpose);

    return {
      policy: policy.id,
      features,
      purposes,
      items,
      findings,
      body: {
        format: decoded.format,
        gzip: decoded.gzip,
        truncated: decoded.truncated,
        // Part of the body could not be read (invalid or too deeply nested JSON, broken gzip, a body the
        // browser did not hand over): the annotation says so, or it would claim a clean read of a body
        // whose contents were never inspected. A cut-off document is `truncated` instead.
        undecodable: decoded.undecodable || (decoded.reason !== undefined && decoded.reason !== 'truncated-json'),
        size: decoded.size,
      },
    };
  } catch {
    return emptyAnnotation(policyId, features.length ? features : ['third-party']);
  }
}

/** Purpose ids for the features (cached per feature list), plus region tailoring when asked. */
function purposesOf(policy: Policy, t: PolicyTables, features: readonly FeatureId[], region: boolean): string[] {
  const key = features.join(' ') + (region ? ' +region' : '');
  let ids = t.purposes.get(key);
  if (!ids) {
    ids = purposesFor(policy, features).map((p) => p.id);
    if (region && !ids.includes(REGION_PURPOSE)) ids.push(REGION_PURPOSE);
    t.purposes.set(key, ids);
  }
  return [...ids];
}

interface Group {
  evidence: Evidence[];
  seen: Set<string> | undefined;
  broad: boolean;
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

function itemFlows(
  policy: Policy,
  t: PolicyTables,
  features: readonly FeatureId[],
  signals: readonly Evidence[],
  raw: boolean,
  dedupe: boolean,
): ItemFlow[] {
  const groups: Array<Group | undefined> = new Array(ITEM_IDS.length);
  for (const e of signals) {
    const info = e.signal ? t.signals.get(e.signal) : undefined;
    if (!info) continue;
    const group = (groups[info.item] ??= { evidence: [], seen: undefined, broad: false });
    if (!addEvidence(group, e, dedupe)) continue;
    if (info.broad) group.broad = true;
    group.evidence.push(raw ? { ...e } : { ...e, value: previewValue(e.value) });
  }
  const flows: ItemFlow[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    if (!group) continue;
    const item = ITEM_IDS[i]!;
    const { verdict, clause } = resolve(policy, item, features, group.broad);
    flows.push({ item, verdict, clause, evidence: group.evidence });
  }
  return flows;
}

function contentFindings(
  policy: Policy,
  t: PolicyTables,
  features: readonly FeatureId[],
  errorFeatures: readonly FeatureId[],
  contents: readonly { kind: string; evidence: Evidence }[],
  raw: boolean,
  dedupe: boolean,
): Finding[] {
  const byKind = new Map<string, Group>();
  for (const { kind, evidence } of contents) {
    let group = byKind.get(kind);
    if (!group) {
      group = { evidence: [], seen: undefined, broad: false };
      byKind.set(kind, group);
    }
    if (!addEvidence(group, evidence, dedupe)) continue;
    let value = evidence.value;
    if (!raw) value = t.identifiers.has(kind) ? maskIdentifier(value) : fingerprintContent(kind, value);
    group.evidence.push({ ...evidence, value });
  }
  return [...byKind.entries()]
    .sort(([a], [b]) => (t.kindOrder.get(a) ?? 1e9) - (t.kindOrder.get(b) ?? 1e9) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([kind, group]) => {
      const { verdict, clause } = resolve(policy, kind, ERROR_KINDS.has(kind) ? errorFeatures : features, false);
      return { kind, verdict, clause, evidence: group.evidence };
    });
}
