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
import type { Annotation, BrowserProfile, Destination, Evidence, NormalizedRequest, ObservationBody, RequestBody } from '../model';
import type { FeatureId, Policy } from '../policy/types';
import { decodeBody } from '../decode/index';
import { detect } from '../detect/index';
import { loadPolicy } from '../policy/load';
import { loadCatalogue, type EndpointCatalogue, type EndpointMatch, type EndpointRule } from '../catalogue/index';
import { organisationHosts } from '../catalogue/hosts';
import { parseUrl, queryParams, type ParsedUrl } from '../util/url';
import { applyFieldRules } from './custom-fields';
import { contentFindings, ERROR_KINDS, purposesOf, tablesFor } from './flows';
import { itemsAndHints } from './items';
import type { CustomRules } from './rules';
import { BodyHits, type KeepBody } from '../redact/body';
import { redactAnnotation } from '../redact/annotation';
import { redactClassified, type Classified } from '../redact/classified';

/** What detection remembers of past requests, in memory, forgotten when all data is deleted. */
export { forgetScans } from '../detect/index';

export interface ClassifyOptions {
  /** This browser's own values, for detection by value. */
  profile?: BrowserProfile;
  /** Defaults to the shipped policy. */
  policy?: Policy;
  /** Keep evidence values verbatim (only when the user asked for raw evidence). */
  raw?: boolean;
  /** Custom endpoint and field rules. */
  rules?: CustomRules;
  /** The user's custom client origins: requests to their hosts go to the organisation, not to a stranger. */
  organisationOrigins?: readonly string[];
}

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

/** The catalogue entry for a URL: feature, family, destination, and whether events there may be error reports. */
export function matchEndpoint(url: string, rules?: CustomRules, organisationOrigins: readonly string[] = []): EndpointMatch {
  return catalogueFor(rules).match(url, organisationHosts(organisationOrigins));
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

/** Features for a request: the catalogue's, then error-reporting for error events on a telemetry endpoint. */
function featuresFor(match: EndpointMatch, errors: number, total: number, errorContent: boolean): FeatureId[] {
  if (!match.telemetry || (errors === 0 && !errorContent)) return [match.feature];
  // Only error events: the request is an error report. A batch that mixes errors and other events is both.
  if (total > 0 && errors >= total) return ['error-reporting'];
  return match.feature === 'error-reporting' ? [match.feature] : [match.feature, 'error-reporting'];
}

function emptyAnnotation(policyId: string, features: FeatureId[], destination: Destination): Annotation {
  return {
    policy: policyId,
    destination,
    features,
    purposes: [],
    items: [],
    findings: [],
    hints: [],
    body: { format: 'none', gzip: false, truncated: false, undecodable: true, size: 0 },
  };
}

/**
 * One request classified, its evidence values as found: the caller turns it into its stored or exported form
 * through lib/redact (classify() and classifyKeepingBody() below do that for the common cases).
 */
export type Classification = Classified;

const NO_BODY = decodeBody(undefined);

/**
 * `bodyHits`: whether the caller keeps a redacted body and needs the place of every content value and identifier
 * in it (Classification.bodyHits). Finding each place costs a path per occurrence, so callers that keep no body,
 * or keep it raw, say false; the annotation is the same either way.
 */
export function classifyRequest(request: NormalizedRequest, options: Omit<ClassifyOptions, 'raw'> = {}, bodyHits = true): Classification {
  let policyId = 'unknown';
  let features: FeatureId[] = [];
  let destination: Destination = 'third-party';
  let isIdentifier: (kind: string) => boolean = () => false;
  const hits = new BodyHits();
  try {
    const policy = options.policy ?? shippedPolicy();
    policyId = policy.id;
    const url = parsedUrlOf(request.url);
    const organisation = options.organisationOrigins?.length ? organisationHosts(options.organisationOrigins) : undefined;
    const match = catalogueFor(options.rules).match(url, organisation);
    features = [match.feature];
    destination = match.destination;

    const decoded = decodeBody(bodyWithQueryMime(request.body, url));
    const detection = detect(request, decoded, options.profile, url, bodyHits ? hits.sink : undefined);
    let signals: Evidence[] = detection.signals;
    let contents = detection.contents;
    // Custom field rules can find what detection found too; only then is evidence deduplicated.
    let dedupe = false;
    if (options.rules?.fields?.length) {
      const custom = applyFieldRules(options.rules.fields, url, decoded.value);
      signals = [...signals, ...custom.signals];
      contents = [...contents, ...custom.contents];
      for (const c of custom.contents) hits.sink(c.kind, c.evidence.where, c.evidence.path);
      dedupe = true;
    }
    const t = tablesFor(policy);
    isIdentifier = (kind) => t.identifiers.has(kind);

    const errorContent = contents.some((c) => ERROR_KINDS.has(c.kind));
    features = featuresFor(match, detection.events.errors, detection.events.total, errorContent);

    const { items, hints } = itemsAndHints(policy, t, features, signals, dedupe);
    // Error content that turned telemetry into error reporting is judged as error reporting: in a mixed batch
    // the exception events are the error report, the other events are the telemetry.
    const errorFeatures: FeatureId[] = match.telemetry && features.includes('error-reporting') ? ['error-reporting'] : features;
    const findings = contents.length ? contentFindings(policy, t, features, errorFeatures, contents, dedupe, destination) : [];

    const regionFlows = items.some((i) => i.item === 'ip-address' || i.evidence.some((e) => e.signal === 'location'));
    // The purposes are what the policy says Microsoft does with what it receives. The organisation's own server
    // is not Microsoft: the policy's purposes do not say what the organisation does, so none are claimed.
    const purposes = destination === 'organisation' ? [] : purposesOf(policy, t, features, regionFlows && t.hasRegionPurpose);

    const annotation: Annotation = {
      policy: policy.id,
      destination,
      features,
      purposes,
      items,
      findings,
      hints,
      body: {
        format: decoded.format,
        gzip: decoded.gzip,
        truncated: decoded.truncated,
        // Part of the body could not be read (invalid or too deeply nested JSON, broken gzip, a body the
        // browser did not hand over): the annotation says so, or it would claim a clean read of a body
        // whose contents were never inspected. A cut-off document is `truncated` instead.
        undecodable: decoded.undecodable || (decoded.reason !== undefined && decoded.reason !== 'truncated-json'),
        size: decoded.size,
        ...(decoded.lenient ? { lenient: true as const } : {}),
      },
    };
    return { annotation, bodyHits: hits.list, decoded, isIdentifier };
  } catch {
    // No body is kept for a request whose classification failed: what it would have to redact is unknown.
    return { annotation: emptyAnnotation(policyId, features.length ? features : ['third-party'], destination), bodyHits: [], decoded: NO_BODY, isIdentifier };
  }
}

/** The annotation of a request: evidence values redacted unless `options.raw`. */
export function classify(request: NormalizedRequest, options: ClassifyOptions = {}): Annotation {
  const { annotation, isIdentifier } = classifyRequest(request, options, false);
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
  const { annotation, body } = redactClassified(request, classifyRequest(request, options, mode === 'redacted'), {
    raw: options.raw === true,
    keep: mode,
  });
  return body ? { annotation, body } : { annotation };
}
