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
 */
import data from './endpoints.json';
import { FEATURE_IDS, type FeatureId } from '../policy/types';
import { parseUrl, queryKeySet, type ParsedUrl } from '../util/url';

export interface EndpointRule {
  /** Exact host, '*.suffix', 'label.*' or '*'. */
  host: string;
  /** Case-insensitive path prefix. */
  path?: string;
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
  /** The rule that matched; absent for the Microsoft-domain and third-party fallbacks. */
  rule?: EndpointRule;
  custom: boolean;
}

interface IndexedRule {
  rule: EndpointRule;
  path: string;
  query: string[];
  label: string;
  custom: boolean;
}

/** Family names of the two fallbacks. */
export const MICROSOFT_FAMILY = 'microsoft';
export const THIRD_PARTY_FAMILY = 'third-party';

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
  private readonly microsoft: Set<string>;

  constructor(rules: readonly EndpointRule[], microsoftDomains: readonly string[], customRules: readonly EndpointRule[] = []) {
    this.microsoft = new Set(microsoftDomains.map((d) => d.toLowerCase()));
    const all = [...customRules.map((r) => [r, true] as const), ...rules.map((r) => [r, false] as const)];
    for (const [rule, custom] of all) {
      const host = rule.host.trim().toLowerCase();
      const indexed: IndexedRule = {
        rule,
        path: (rule.path ?? '').toLowerCase(),
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

  /** Feature and family for a URL (string or already parsed). */
  match(url: string | ParsedUrl): EndpointMatch {
    const parsed = typeof url === 'string' ? parseUrl(url) : url;
    const host = parsed.host;
    const firstDot = host.indexOf('.');
    const probe: Probe = { parsed, lowerPath: parsed.path.toLowerCase(), label: firstDot > 0 ? host.slice(0, firstDot) : host, keys: undefined };

    const exact = this.exact.get(host);
    let found = exact && pick(exact, probe);
    let microsoft = this.microsoft.has(host);
    // Walk the parent domains once, probing wildcard rules and the Microsoft-domain set together.
    for (let dot = firstDot; dot >= 0 && !(found && microsoft); dot = host.indexOf('.', dot + 1)) {
      const parent = host.slice(dot + 1);
      if (!found) {
        const list = this.suffix.get(parent);
        if (list) found = pick(list, probe);
      }
      if (!microsoft) microsoft = this.microsoft.has(parent);
    }
    if (!found && firstDot > 0) {
      const list = this.firstLabel.get(probe.label);
      if (list) found = pick(list, probe);
    }
    if (!found) {
      const list = this.anyHost.get(firstPathSegment(probe.lowerPath));
      if (list) found = pick(list, probe);
    }

    if (found) {
      return { feature: found.rule.feature, family: found.rule.family, telemetry: found.rule.telemetry === true, rule: found.rule, custom: found.custom };
    }
    if (microsoft) return { feature: 'standard-computer-information', family: MICROSOFT_FAMILY, telemetry: false, custom: false };
    return { feature: 'third-party', family: THIRD_PARTY_FAMILY, telemetry: false, custom: false };
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
  microsoftDomains: string[];
}

/** Checks a rule's shape; returns a message naming the problem, or undefined when the rule is fine. */
export function ruleProblem(rule: Partial<EndpointRule>): string | undefined {
  if (typeof rule.host !== 'string' || !rule.host.trim()) return 'host must be a non-empty string';
  const host = rule.host.trim();
  if (/\s/.test(host) || host.includes('/')) return `host "${host}" must be a bare host name or pattern, without scheme or path`;
  if (host.slice(1).includes('*') && !host.endsWith('.*')) return `host "${host}": '*' is allowed only as '*', '*.suffix' or 'label.*'`;
  if (host === '*' && !rule.path) return "host '*' needs a path";
  if (rule.path !== undefined && (typeof rule.path !== 'string' || !rule.path.startsWith('/'))) return 'path must be a string starting with "/"';
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
export const MICROSOFT_DOMAINS: readonly string[] = file.microsoftDomains;

let builtin: EndpointCatalogue | undefined;

/** The shipped catalogue, optionally with custom rules that take precedence within the same host bucket. */
export function loadCatalogue(customRules: readonly EndpointRule[] = []): EndpointCatalogue {
  if (customRules.length) return new EndpointCatalogue(file.rules, file.microsoftDomains, customRules);
  builtin ??= new EndpointCatalogue(file.rules, file.microsoftDomains);
  return builtin;
}
