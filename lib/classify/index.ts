/**
 * classify(): one normalized request in, one annotation out.
 *
 *   URL ──parse once──► catalogue ──► features (+ error-reporting when telemetry events are errors)
 *   body ──decodeBody──► detect ──► signals ──► items ──itemVerdict (lib/policy) × features──► verdicts
 *                                  contents ─────────────► findings ─────────────────────────► verdicts
 *   features ──purposesFor──► purposes
 *
 * It never throws: the service worker annotates every request it sees, and one odd request must not cost
 * the others. On an internal error the annotation says the body was undecodable and carries what was known.
 */
import type { Annotation, BrowserProfile, Evidence, Finding, ItemFlow, NormalizedRequest, ObservationBody, RequestBody } from '../model';
import { ITEM_IDS, VERDICTS, type FeatureId, type Policy, type Verdict } from '../policy/types';
import { decodeBody } from '../decode/index';
import { detect, IP_CONNECTION_VALUE } from '../detect/index';
import { loadPolicy } from '../policy/load';
import { disclosureFor, itemVerdict, purposesFor, type DisclosureVerdict } from '../policy/lookup';
import { loadCatalogue, type EndpointCatalogue, type EndpointMatch, type EndpointRule } from '../catalogue/index';
import { parseUrl, queryParams, type ParsedUrl } from '../util/url';
import { applyFieldRules } from './custom-fields';
import type { CustomRules } from './rules';
import { BodyHits, type KeepBody } from '../redact/body';
import { redactAnnotation } from '../redact/annotation';
import { redactClassified, type Classified } from '../redact/classified';

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
let builtinCatalogue: EndpointCatalogue | undefined;
function catalogueFor(rules: CustomRules | undefined): EndpointCatalogue {
  if (!rules?.endpoints?.length) return (builtinCatalogue ??= loadCatalogue());
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

// Clients post to the same few URLs over and over; each is split once (a ParsedUrl is plain read-only data,
// shared by the catalogue lookup, detection and the custom field rules). Bounded: the oldest goes first.
const parsedUrls = new Map<string, ParsedUrl>();
const MAX_PARSED_URLS = 256;
const MAX_PARSED_URL_CHARS = 2048;

function parsedUrlOf(href: unknown): ParsedUrl {
  if (typeof href !== 'string' || href.length > MAX_PARSED_URL_CHARS) return parseUrl(href as string);
  let url = parsedUrls.get(href);
  if (!url) {
    url = parseUrl(href);
    if (parsedUrls.size >= MAX_PARSED_URLS) parsedUrls.delete(parsedUrls.keys().next().value!);
    parsedUrls.set(href, url);
  }
  return url;
}

/**
 * The body with the content type the URL's query names when no header did: 1DS beacons move their headers into
 * the query (`content-type=application/x-json-stream`), and without it a one-event batch would read as one
 * JSON document instead of NDJSON.
 */
function bodyWithQueryMime(body: RequestBody | undefined, url: ParsedUrl): RequestBody | undefined {
  if (!body || body.mimeType || !url.query || url.query.toLowerCase().indexOf('content-type=') < 0) return body;
  for (const [name, value] of queryParams(url.query)) {
    if (name.toLowerCase() === 'content-type' && value) return { ...body, mimeType: value };
  }
  return body;
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
interface PolicyTables {
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
function tablesFor(policy: Policy): PolicyTables {
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

/**
 * One request classified, its evidence values as found: the caller turns it into its stored or exported form
 * through lib/redact (classify() and classifyKeepingBody() below do that for the common cases).
 */
export type Classification = Classified;

const NO_BODY = decodeBody(undefined);

export function classifyRequest(request: NormalizedRequest, options: Omit<ClassifyOptions, 'raw'> = {}): Classification {
  let policyId = 'unknown';
  let features: FeatureId[] = [];
  let isIdentifier: (kind: string) => boolean = () => false;
  const bodyHits = new BodyHits();
  try {
    const policy = options.policy ?? shippedPolicy();
    policyId = policy.id;
    const url = parsedUrlOf(request.url);
    const match = catalogueFor(options.rules).match(url);
    features = [match.feature];

    const decoded = decodeBody(bodyWithQueryMime(request.body, url));
    const detection = detect(request, decoded, options.profile, url, bodyHits.sink);
    let signals: Evidence[] = detection.signals;
    let contents = detection.contents;
    // Custom field rules can find what detection found too; only then is evidence deduplicated.
    let dedupe = false;
    if (options.rules?.fields?.length) {
      const hits = applyFieldRules(options.rules.fields, url, decoded.value);
      signals = [...signals, ...hits.signals];
      contents = [...contents, ...hits.contents];
      for (const c of hits.contents) bodyHits.sink(c.kind, c.evidence.where, c.evidence.path);
      dedupe = true;
    }
    // The IP address leaves with the connection itself, whatever the request carries.
    if (!signals.some((e) => e.signal === 'ip-address' && e.where === 'connection')) {
      signals = [{ where: 'connection', path: 'connection', value: IP_CONNECTION_VALUE, matchedBy: 'value', signal: 'ip-address' }, ...signals];
    }
    const t = tablesFor(policy);
    isIdentifier = (kind) => t.identifiers.has(kind);

    const errorContent = contents.some((c) => ERROR_KINDS.has(c.kind));
    features = featuresFor(match, detection.events.errors, detection.events.total, errorContent);

    const items = itemFlows(policy, t, features, signals, dedupe);
    // Error content that turned telemetry into error reporting is judged as error reporting: in a mixed batch
    // the exception events are the error report, the other events are the telemetry.
    const errorFeatures: FeatureId[] = match.telemetry && features.includes('error-reporting') ? ['error-reporting'] : features;
    const findings = contents.length ? contentFindings(policy, t, features, errorFeatures, contents, dedupe) : [];

    const regionFlows = items.some((i) => i.item === 'ip-address' || i.evidence.some((e) => e.signal === 'location'));
    const purposes = purposesOf(policy, t, features, regionFlows && t.hasRegionPurpose);

    const annotation: Annotation = {
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
    return { annotation, bodyHits: bodyHits.list, decoded, isIdentifier };
  } catch {
    // No body is kept for a request whose classification failed: what it would have to redact is unknown.
    return { annotation: emptyAnnotation(policyId, features.length ? features : ['third-party']), bodyHits: [], decoded: NO_BODY, isIdentifier };
  }
}

/** The annotation of a request: evidence values redacted unless `options.raw`. */
export function classify(request: NormalizedRequest, options: ClassifyOptions = {}): Annotation {
  const { annotation, isIdentifier } = classifyRequest(request, options);
  return options.raw ? annotation : redactAnnotation(annotation, isIdentifier);
}

/**
 * classify(), plus the body to keep with an observation of a recording: redacted (content and identifiers
 * replaced by their fingerprints and masks) or, for a recording with raw evidence, raw. See lib/redact/body.ts.
 */
export function classifyKeepingBody(
  request: NormalizedRequest,
  options: ClassifyOptions,
  mode: KeepBody,
): { annotation: Annotation; body?: ObservationBody } {
  const { annotation, body } = redactClassified(request, classifyRequest(request, options), { raw: options.raw === true, keep: mode });
  return body ? { annotation, body } : { annotation };
}

/** Purpose ids for the features (cached per feature list), plus region tailoring when asked. */
function purposesOf(policy: Policy, t: PolicyTables, features: readonly FeatureId[], region: boolean): string[] {
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
function itemFlows(
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

function contentFindings(
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
