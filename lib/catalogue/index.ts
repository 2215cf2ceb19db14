/**
 * The endpoint catalogue: loads endpoints.json (plus any custom rules) into indexes so one request costs a
 * handful of Map probes, never a scan of every rule.
 *
 *   exact host        Map host → rules
 *   '*.suffix'        Map suffix → rules, probed for each parent of the host (a.b.c.com → b.c.com → c.com)
 *   'label.*'         Map first label → rules (on-premises Lync: lyncdiscover.<customer domain>)
 *   '*'               Map first path segment → rules (on-premises UCWA on any host)
 *
 * Candidates are tried most specific first: exact host, then longer suffixes, then first label, then any
 * host; within one bucket custom rules first, then rules with more conditions and longer paths.
 *
 * Each match also says who receives the request (its destination): Microsoft (a host under Microsoft's
 * domains, or one of the catalogue's named Microsoft endpoints), the organisation (a host of the user's own
 * client origins, or a Lync server found by the on-premises rules, `lyncdiscover.*` and `/ucwa/` on any
 * host), or a third party (anything else). The host name decides; DNS is never consulted.
 */
import data from './endpoints.json';
import { FEATURE_IDS, type FeatureId } from '../policy/types';
import { parseUrl, queryKeySet, type ParsedUrl } from '../util/url';
import { HostSet } from './host-set';
import { MICROSOFT_DOMAINS } from './hosts';

import type { Destination } from '../model';

export type { Destination };
export const DESTINATIONS: readonly Destination[] = ['microsoft', 'organisation', 'third-party'];

export interface EndpointRule {
  /** Exact host, '*.suffix', 'label.*' or '*'. */
  host: string;
  /** Case-insensitive path prefix; a `*` segment matches any one segment (the UCWA application id in the event channel's path). */
  path?: string;
  /** The path must end where `path` ends (a trailing '/' allowed), not merely start with it. */
  pathExact?: boolean;
  /** Query keys that must all be present (case-insensitive). */
  query?: string[];
  /** Text the host's first label must contain (e.g. "watson" in umwatsonc.events.data.microsoft.com). */
  label?: string;
  feature: FeatureId;
  family: string;
  /** Events sent here may be error reports (1DS / Aria / Application Insights / nexus). */
  telemetry?: boolean;
  /** A URL this rule must match; the catalogue test checks every one. */
  example?: string;
  /** Hosts under this rule change per session or pool, so a flow's destination is the family (lib/diff). */
  pooledHosts?: boolean;
}

export interface EndpointMatch {
  feature: FeatureId;
  family: string;
  telemetry: boolean;
  /** The rule that matched; absent for the Microsoft-domain, organisation and third-party fallbacks. */
  rule?: EndpointRule;
  custom: boolean;
  destination: Destination;
}

interface IndexedRule {
  rule: EndpointRule;
  /** Lower-case literal prefix, tested first; the whole pattern when `pattern` is absent. */
  path: string;
  /** For paths with `*` segments or pathExact. */
  pattern: RegExp | undefined;
  /** Host '*' or 'label.*': a rule for on-premises servers, which the organisation runs. */
  onPremises: boolean;
  query: string[];
  label: string;
  custom: boolean;
}

/** Family names of the fallbacks. */
export const MICROSOFT_FAMILY = 'microsoft';
export const ORGANISATION_FAMILY = 'organisation';
export const THIRD_PARTY_FAMILY = 'third-party';

const NO_HOSTS = new HostSet([]);

/** A rule path as a pattern: each `*` segment matches one segment; an exact path may end in one '/'. */
function pathPattern(path: string, exact: boolean): RegExp | undefined {
  if (!exact && !path.includes('*')) return undefined;
  const body = path
    .split('/')
    .map((segment) => (segment === '*' ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}${exact ? '/?$' : ''}`);
}

function specificity(r: IndexedRule): number {
  return (r.custom ? 1_000_000 : 0) + (r.label ? 10_000 : 0) + r.query.length * 1_000 + r.path.length;
}

function push(map: Map<string, IndexedRule[]>, key: string, rule: IndexedRule): void {
  const list = map.get(key);
  if (list) list.push(rule);
  else map.set(key, [rule]);
}

function firstPathSegment(lowerPath: string): string {
  const end = lowerPath.indexOf('/', 1);
  return end > 0 ? lowerPath.slice(0, end) : lowerPath;
}

export class EndpointCatalogue {
  private readonly exact = new Map<string, IndexedRule[]>();
  private readonly suffix = new Map<string, IndexedRule[]>();
  private readonly firstLabel = new Map<string, IndexedRule[]>();
  private readonly anyHost = new Map<string, IndexedRule[]>();
  private readonly microsoft: HostSet;

  constructor(rules: readonly EndpointRule[], microsoftDomains: readonly string[], customRules: readonly EndpointRule[] = []) {
    this.microsoft = HostSet.ofDomains(microsoftDomains);
    const all = [...customRules.map((r) => [r, true] as const), ...rules.map((r) => [r, false] as const)];
    for (const [rule, custom] of all) {
      const host = rule.host.trim().toLowerCase();
      const path = (rule.path ?? '').toLowerCase();
      const star = path.indexOf('*');
      const indexed: IndexedRule = {
        rule,
        path: star >= 0 ? path.slice(0, star) : path,
        pattern: pathPattern(path, rule.pathExact === true),
        onPremises: host === '*' || host.endsWith('.*'),
        query: (rule.query ?? []).map((k) => k.toLowerCase()),
        label: (rule.label ?? '').toLowerCase(),
        custom,
      };
      if (host === '*') push(this.anyHost, firstPathSegment(indexed.path || '/'), indexed);
      else if (host.startsWith('*.')) push(this.suffix, host.slice(2), indexed);
      else if (host.endsWith('.*')) push(this.firstLabel, host.slice(0, -2), indexed);
      else push(this.exact, host, indexed);
    }
    for (const map of [this.exact, this.suffix, this.firstLabel, this.anyHost]) {
      for (const list of map.values()) list.sort((a, b) => specificity(b) - specificity(a));
    }
  }

  /**
   * Feature, family and destination for a URL (string or already parsed). `organisation` holds the hosts of the
   * user's own client origins (an on-premises Lync Web App): requests there belong to the organisation.
   */
  match(url: string | ParsedUrl, organisation: HostSet = NO_HOSTS): EndpointMatch {
    const parsed = typeof url === 'string' ? parseUrl(url) : url;
    const host = parsed.host;
    const firstDot = host.indexOf('.');
    const probe: Probe = { parsed, lowerPath: parsed.path.toLowerCase(), label: firstDot > 0 ? host.slice(0, firstDot) : host, keys: undefined };

    const exact = this.exact.get(host);
    let found = exact && pick(exact, probe);
    for (let dot = firstDot; dot >= 0 && !found; dot = host.indexOf('.', dot + 1)) {
      const list = this.suffix.get(host.slice(dot + 1));
      if (list) found = pick(list, probe);
    }
    if (!found && firstDot > 0) {
      const list = this.firstLabel.get(probe.label);
      if (list) found = pick(list, probe);
    }
    if (!found) {
      const list = this.anyHost.get(firstPathSegment(probe.lowerPath));
      if (list) found = pick(list, probe);
    }

    const microsoft = this.microsoft.has(host);
    if (found) {
      const { rule, custom } = found;
      // A named Microsoft endpoint is Microsoft's wherever it is hosted; an on-premises rule or the user's own
      // rule names a server of the organisation unless the host is Microsoft's.
      const destination: Destination = microsoft || !(found.onPremises || custom) ? 'microsoft' : 'organisation';
      return { feature: rule.feature, family: rule.family, telemetry: rule.telemetry === true, rule, custom, destination };
    }
    if (microsoft) {
      return { feature: 'standard-computer-information', family: MICROSOFT_FAMILY, telemetry: false, custom: false, destination: 'microsoft' };
    }
    // The organisation's own server is an online service the user uses (the general clause), not a stranger.
    if (organisation.has(host)) {
      return { feature: 'standard-computer-information', family: ORGANISATION_FAMILY, telemetry: false, custom: false, destination: 'organisation' };
    }
    return { feature: 'third-party', family: THIRD_PARTY_FAMILY, telemetry: false, custom: false, destination: 'third-party' };
  }
}

/** What the rules of one host bucket are tried against; query keys are read only when a rule asks. */
interface Probe {
  parsed: ParsedUrl;
  lowerPath: string;
  label: string;
  keys: Set<string> | undefined;
}

/** The first rule of a bucket (most specific first) whose path, label and query conditions hold. */
function pick(list: readonly IndexedRule[], probe: Probe): IndexedRule | undefined {
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    if (r.path && !probe.lowerPath.startsWith(r.path)) continue;
    if (r.pattern && !r.pattern.test(probe.lowerPath)) continue;
    if (r.label && !probe.label.includes(r.label)) continue;
    if (r.query.length) {
      const keys = (probe.keys ??= queryKeySet(probe.parsed.query));
      if (!r.query.every((k) => keys.has(k))) continue;
    }
    return r;
  }
  return undefined;
}

interface CatalogueFile {
  rules: EndpointRule[];
}

/** Checks a rule's shape; returns a message naming the problem, or undefined when the rule is fine. */
export function ruleProblem(rule: Partial<EndpointRule>): string | undefined {
  if (typeof rule.host !== 'string' || !rule.host.trim()) return 'host must be a non-empty string';
  const host = rule.host.trim();
  if (/\s/.test(host) || host.includes('/')) return `host "${host}" must be a bare host name or pattern, without scheme or path`;
  if (host.slice(1).includes('*') && !host.endsWith('.*')) return `host "${host}": '*' is allowed only as '*', '*.suffix' or 'label.*'`;
  if (host === '*' && !rule.path) return "host '*' needs a path";
  if (rule.path !== undefined && (typeof rule.path !== 'string' || !rule.path.startsWith('/'))) return 'path must be a string starting with "/"';
  if (rule.pathExact !== undefined && typeof rule.pathExact !== 'boolean') return 'pathExact must be true or false';
  if (!(FEATURE_IDS as readonly string[]).includes(rule.feature as string)) {
    return `feature must be one of ${FEATURE_IDS.join(', ')}`;
  }
  if (rule.family !== undefined && typeof rule.family !== 'string') return 'family must be a string';
  if (rule.query !== undefined && (!Array.isArray(rule.query) || rule.query.some((k) => typeof k !== 'string'))) {
    return 'query must be an array of strings';
  }
  return undefined;
}

const file = data as CatalogueFile;

/** The shipped rules, as data (for the UI and tests). */
export const BUILTIN_RULES: readonly EndpointRule[] = file.rules;
export { MICROSOFT_DOMAINS };

let builtin: EndpointCatalogue | undefined;

/** The shipped catalogue, optionally with custom rules that take precedence within the same host bucket. */
export function loadCatalogue(customRules: readonly EndpointRule[] = []): EndpointCatalogue {
  if (customRules.length) return new EndpointCatalogue(file.rules, MICROSOFT_DOMAINS, customRules);
  builtin ??= new EndpointCatalogue(file.rules, MICROSOFT_DOMAINS);
  return builtin;
}
