/**
 * A policy file checked by hand (no schema library: the engine runs in the service worker and should stay
 * small). Beyond the shape described in policy.schema.json this checks what a schema cannot: ids are unique,
 * every clause / purpose / item reference resolves, and every feature, item, signal, content-kind and
 * identifier id the engine knows is defined, so a lookup never falls through silently.
 */
import { CONTENT_KIND_IDS, DESTINATIONS, FEATURE_IDS, IDENTIFIER_IDS, ITEM_IDS, SIGNAL_IDS, VERDICTS } from './types';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// Stop collecting after this many problems: one wrong reference repeated everywhere should not flood the message.
const MAX_PROBLEMS = 25;

type Obj = Record<string, unknown>;

class Checker {
  readonly problems: string[] = [];

  fail(path: string, problem: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(`${path}: ${problem}`);
  }

  object(value: unknown, path: string, required: string[], optional: string[] = []): Obj | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `expected an object, got ${describe(value)}`);
      return undefined;
    }
    const obj = value as Obj;
    for (const key of required) if (!(key in obj)) this.fail(join(path, key), 'missing');
    for (const key of Object.keys(obj)) {
      if (!required.includes(key) && !optional.includes(key)) this.fail(join(path, key), `unknown field '${key}'`);
    }
    return obj;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) {
      this.fail(path, `expected an array, got ${describe(value)}`);
      return [];
    }
    return value;
  }

  string(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(path, `expected a non-empty string, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  id(value: unknown, path: string): string | undefined {
    const s = this.string(value, path);
    if (s !== undefined && !KEBAB.test(s)) this.fail(path, `id '${s}' is not kebab-case`);
    return s;
  }

  oneOf(value: unknown, path: string, allowed: readonly string[], what: string): string | undefined {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.fail(path, `unknown ${what} ${describe(value)} (expected one of ${allowed.join(', ')})`);
      return undefined;
    }
    return value;
  }

  text(value: unknown, path: string): void {
    const t = this.object(value, path, ['sv', 'en']);
    if (!t) return;
    this.string(t.sv, join(path, 'sv'));
    this.string(t.en, join(path, 'en'));
  }

  /** Checks ids of a list are unique; returns the set of ids seen. */
  uniqueIds(list: unknown[], path: string): Set<string> {
    const seen = new Set<string>();
    list.forEach((entry, i) => {
      const id = (entry as Obj | null)?.id;
      if (typeof id !== 'string') return;
      if (seen.has(id)) this.fail(`${path}[${i}].id`, `duplicate id '${id}'`);
      seen.add(id);
    });
    return seen;
  }

  requireAll(ids: Set<string>, path: string, expected: readonly string[], what: string): void {
    for (const id of expected) if (!ids.has(id)) this.fail(path, `missing ${what} '${id}'`);
  }

  ref(value: unknown, path: string, ids: Set<string>, what: string): void {
    const s = this.string(value, path);
    if (s !== undefined && !ids.has(s)) this.fail(path, `unknown ${what} id '${s}'`);
  }

  refs(value: unknown, path: string, ids: Set<string>, what: string): void {
    this.array(value, path).forEach((v, i) => this.ref(v, `${path}[${i}]`, ids, what));
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Returns the problems found in `json` as a policy; empty when it is a valid policy. */
export function checkPolicy(json: unknown): string[] {
  const c = new Checker();
  const root = c.object(
    json,
    '',
    ['id', 'title', 'published', 'source', 'clauses', 'features', 'items', 'purposes', 'signals', 'contentKinds', 'disclosures'],
    ['$schema', 'sections'],
  );
  if (!root) return c.problems.map((p) => p.replace(/^: /, 'policy: '));

  c.id(root.id, 'id');
  c.text(root.title, 'title');
  const published = c.string(root.published, 'published');
  if (published !== undefined && !/^\d{4}(-\d{2}){0,2}$/.test(published)) {
    c.fail('published', `expected a date like 2012-07, got '${published}'`);
  }
  c.string(root.source, 'source');

  // Ids first, so references can be checked whatever order the lists come in.
  const clauses = c.array(root.clauses, 'clauses');
  const features = c.array(root.features, 'features');
  const items = c.array(root.items, 'items');
  const purposes = c.array(root.purposes, 'purposes');
  const signals = c.array(root.signals, 'signals');
  const kinds = c.array(root.contentKinds, 'contentKinds');
  const disclosures = c.array(root.disclosures, 'disclosures');

  const clauseIds = c.uniqueIds(clauses, 'clauses');
  const featureIds = c.uniqueIds(features, 'features');
  const itemIds = c.uniqueIds(items, 'items');
  const purposeIds = c.uniqueIds(purposes, 'purposes');
  const signalIds = c.uniqueIds(signals, 'signals');
  const kindIds = c.uniqueIds(kinds, 'contentKinds');

  const headings = checkSections(c, root.sections);
  checkClauses(c, clauses, headings);

  checkFeatures(c, features, featureIds, clauseIds, purposeIds);

  checkItems(c, items, itemIds, clauseIds);

  checkPurposes(c, purposes, clauseIds);

  checkSignals(c, signals, signalIds, itemIds);

  checkContentKinds(c, kinds, kindIds, itemIds, clauseIds);

  checkDisclosures(c, disclosures, itemIds, kindIds, clauseIds);

  return c.problems;
}

/** The optional `sections` list: each Swedish heading once, with its English rendering. */
function checkSections(c: Checker, raw: unknown): Set<string> | undefined {
  if (raw === undefined) return undefined;
  const headings = new Set<string>();
  c.array(raw, 'sections').forEach((v, i) => {
    const p = `sections[${i}]`;
    const o = c.object(v, p, ['sv', 'en']);
    if (!o) return;
    const sv = c.string(o.sv, `${p}.sv`);
    c.string(o.en, `${p}.en`);
    if (sv !== undefined && headings.has(sv)) c.fail(`${p}.sv`, `second entry for '${sv}'`);
    if (sv !== undefined) headings.add(sv);
  });
  return headings;
}

function checkClauses(c: Checker, clauses: unknown[], headings: Set<string> | undefined): void {
  clauses.forEach((v, i) => {
    const p = `clauses[${i}]`;
    const o = c.object(v, p, ['id', 'section', 'sv', 'en']);
    if (!o) return;
    c.id(o.id, `${p}.id`);
    const section = c.string(o.section, `${p}.section`);
    if (headings && section !== undefined && !headings.has(section)) {
      c.fail(`${p}.section`, `'${section}' has no entry in sections (its English heading)`);
    }
    c.string(o.sv, `${p}.sv`);
    c.string(o.en, `${p}.en`);
  });
}

function checkFeatures(c: Checker, features: unknown[], featureIds: Set<string>, clauseIds: Set<string>, purposeIds: Set<string>): void {
  features.forEach((v, i) => {
    const p = `features[${i}]`;
    const o = c.object(v, p, ['id', 'name', 'does', 'collects', 'use', 'choice', 'purposes'], ['note']);
    if (!o) return;
    c.oneOf(o.id, `${p}.id`, FEATURE_IDS, 'feature id');
    c.text(o.name, `${p}.name`);
    for (const role of ['does', 'collects', 'use', 'choice'] as const) c.refs(o[role], `${p}.${role}`, clauseIds, 'clause');
    // An omitted verdict is justified by the first `collects` clause, so there must be one.
    if (Array.isArray(o.collects) && o.collects.length === 0) c.fail(`${p}.collects`, 'needs at least one clause');
    c.refs(o.purposes, `${p}.purposes`, purposeIds, 'purpose');
    if ('note' in o) c.text(o.note, `${p}.note`);
  });
  c.requireAll(featureIds, 'features', FEATURE_IDS, 'feature');
}

function checkItems(c: Checker, items: unknown[], itemIds: Set<string>, clauseIds: Set<string>): void {
  items.forEach((v, i) => {
    const p = `items[${i}]`;
    const o = c.object(v, p, ['id', 'name', 'description', 'clause']);
    if (!o) return;
    c.oneOf(o.id, `${p}.id`, ITEM_IDS, 'item id');
    c.text(o.name, `${p}.name`);
    c.text(o.description, `${p}.description`);
    c.ref(o.clause, `${p}.clause`, clauseIds, 'clause');
  });
  c.requireAll(itemIds, 'items', ITEM_IDS, 'item');
}

function checkPurposes(c: Checker, purposes: unknown[], clauseIds: Set<string>): void {
  purposes.forEach((v, i) => {
    const p = `purposes[${i}]`;
    const o = c.object(v, p, ['id', 'name', 'clause']);
    if (!o) return;
    c.id(o.id, `${p}.id`);
    c.text(o.name, `${p}.name`);
    c.ref(o.clause, `${p}.clause`, clauseIds, 'clause');
  });
}

function checkSignals(c: Checker, signals: unknown[], signalIds: Set<string>, itemIds: Set<string>): void {
  signals.forEach((v, i) => {
    const p = `signals[${i}]`;
    const o = c.object(v, p, ['id', 'name', 'precision'], ['item', 'note']);
    if (!o) return;
    c.id(o.id, `${p}.id`);
    c.text(o.name, `${p}.name`);
    if ('item' in o) c.ref(o.item, `${p}.item`, itemIds, 'item');
    c.oneOf(o.precision, `${p}.precision`, ['named', 'broad'], 'precision');
    if ('note' in o) c.text(o.note, `${p}.note`);
  });
  c.requireAll(signalIds, 'signals', SIGNAL_IDS, 'signal');
}

function checkContentKinds(c: Checker, kinds: unknown[], kindIds: Set<string>, itemIds: Set<string>, clauseIds: Set<string>): void {
  kinds.forEach((v, i) => {
    const p = `contentKinds[${i}]`;
    const o = c.object(v, p, ['id', 'kind', 'name', 'description', 'clause']);
    if (!o) return;
    const id = c.id(o.id, `${p}.id`);
    // Disclosure subjects share one namespace, so a content kind must not reuse an item id.
    if (id !== undefined && itemIds.has(id)) c.fail(`${p}.id`, `id '${id}' is already an item id`);
    const kind = c.oneOf(o.kind, `${p}.kind`, ['content', 'identifier'], 'kind');
    const expected = (IDENTIFIER_IDS as readonly string[]).includes(id ?? '')
      ? 'identifier'
      : (CONTENT_KIND_IDS as readonly string[]).includes(id ?? '')
        ? 'content'
        : undefined;
    if (kind && expected && kind !== expected) c.fail(`${p}.kind`, `'${id}' must be of kind '${expected}'`);
    c.text(o.name, `${p}.name`);
    c.text(o.description, `${p}.description`);
    c.ref(o.clause, `${p}.clause`, clauseIds, 'clause');
  });
  c.requireAll(kindIds, 'contentKinds', CONTENT_KIND_IDS, 'content kind');
  c.requireAll(kindIds, 'contentKinds', IDENTIFIER_IDS, 'identifier');
}

function checkDisclosures(c: Checker, disclosures: unknown[], itemIds: Set<string>, kindIds: Set<string>, clauseIds: Set<string>): void {
  const subjects = new Set(['*', ...itemIds, ...kindIds]);
  const pairs = new Set<string>();
  disclosures.forEach((v, i) => {
    const p = `disclosures[${i}]`;
    const o = c.object(v, p, ['subject', 'feature', 'verdict', 'clause'], ['destination', 'note']);
    if (!o) return;
    c.ref(o.subject, `${p}.subject`, subjects, 'subject');
    c.oneOf(o.feature, `${p}.feature`, [...FEATURE_IDS, '*'], 'feature');
    if ('destination' in o) c.oneOf(o.destination, `${p}.destination`, DESTINATIONS, 'destination');
    c.oneOf(o.verdict, `${p}.verdict`, VERDICTS, 'verdict');
    c.ref(o.clause, `${p}.clause`, clauseIds, 'clause');
    if ('note' in o) c.text(o.note, `${p}.note`);
    // Two statements for one (subject, feature, destination) would make the verdict depend on file order.
    const at = 'destination' in o ? ` at ${String(o.destination)}` : '';
    const pair = `${String(o.subject)} → ${String(o.feature)}${at}`;
    if (pairs.has(pair)) c.fail(p, `second statement for ${pair}`);
    pairs.add(pair);
  });
}
