/**
 * FIELD_RULES indexed for lookup by the tail of a key path.
 *
 * Rules sit in a trie keyed by path segments in reverse order, lower-cased:
 *
 *     ver ─ os ─ ext            (ext.os.ver)
 *     os ─ device ─ ai          (ai.device.os)
 *     culture                   (Culture)
 *
 * A field is looked up by walking its key path backwards from the last segment; each step is one Map lookup,
 * so the cost per field does not grow with the number of rules, and most keys miss at the first step.
 */
import { FIELD_RULES, type FieldRule } from './field-rules';
import type { PathOutcomes } from './field-memo';

interface Node {
  rule?: FieldRule;
  next?: Map<string, Node>;
}

/**
 * A key segment as rules compare it: lower case, without underscores, and without the sigils JSLL and vortex
 * pixels put before query keys (`*market`, `-ver`, `$mkt`). `Browser_Version` and `browserVersion` meet.
 */
export function normalizeSegment(seg: string): string {
  let s = seg.toLowerCase();
  const c = s.charCodeAt(0);
  if (c === 0x2a /* * */ || c === 0x2d /* - */ || c === 0x24 /* $ */ || c === 0x40 /* @ */) s = s.replace(/^[*\-$@]+/, '');
  return s.indexOf('_') >= 0 ? s.replace(/_/g, '') : s;
}

function build(rules: readonly FieldRule[]): Map<string, Node> {
  const roots = new Map<string, Node>();
  for (const rule of rules) {
    const segs = rule.path.split('.').map(normalizeSegment);
    let level = roots;
    let node: Node | undefined;
    for (let i = segs.length - 1; i >= 0; i--) {
      const seg = segs[i] ?? '';
      node = level.get(seg);
      if (!node) {
        node = {};
        level.set(seg, node);
      }
      if (i > 0) level = node.next ??= new Map();
    }
    if (node) node.rule = rule;
  }
  return roots;
}

const ROOTS = build(FIELD_RULES);

/**
 * The most specific rule whose path is a suffix of `logical[0..end)` (lower-cased key segments, innermost
 * last), restricted to `scope`. Undefined when none matches.
 */
export function findRule(logical: readonly string[], end: number, scope: 'body' | 'query'): FieldRule | undefined {
  let level: Map<string, Node> | undefined = ROOTS;
  let found: FieldRule | undefined;
  for (let i = end - 1; i >= 0 && level; i--) {
    const node: Node | undefined = level.get(logical[i] ?? '');
    if (!node) break;
    if (node.rule && (!node.rule.in || node.rule.in === scope)) found = node.rule;
    level = node.next;
  }
  return found;
}

export interface KeyInfo {
  /** Lower-cased, dot-split segments. */
  segs: readonly string[];
  /** Whether some rule ends in the key's last segment; when not, no rule can match at this key. */
  mayMatch: boolean;
}

// Cached because the same few keys repeat across every event of a batch.
const keyCache = new Map<string, KeyInfo>();
const KEY_CACHE_MAX = 4096;

export function keyInfo(key: string): KeyInfo {
  let info = keyCache.get(key);
  if (info) return info;
  const segs = key.indexOf('.') >= 0 ? key.split('.').map(normalizeSegment) : [normalizeSegment(key)];
  info = { segs, mayMatch: ROOTS.has(segs[segs.length - 1] ?? '') };
  if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
  keyCache.set(key, info);
  return info;
}

/** Most key paths remembered; past it the tree starts afresh (a body of endless distinct keys cannot grow it). */
const MAX_KEY_PATHS = 50_000;
/** Most key positions per object remembered in a path's order. */
const ORDER_MAX = 64;
let keyPaths = 0;

/**
 * A logical key path (lower-cased, dot-split keys, array indices left out) in one scope, with the rule that
 * applies to a field there. Paths form a tree shared by all walks: a 1DS batch repeats the same few dozen paths
 * in every event, so each key costs one Map lookup from its parent instead of a lower-casing and a rule-trie walk.
 */
export class KeyPath {
  private children: Map<string, KeyPath> | undefined;
  /**
   * The children in the order an object's keys last came, by position: the events of a batch list the same keys
   * in the same order, so the key at a position is usually the one seen there before (one comparison instead of a
   * Map lookup). Only the first ORDER_MAX positions.
   */
  private order: KeyPath[] | undefined;
  /** The raw key this path was reached by from its parent ('' at the root). */
  readonly key: string;
  /** While a body is walked, the outcomes of its leaf values at this path (field-memo.ts keeps and clears them). */
  leafOutcomes: PathOutcomes | undefined;
  /** The innermost logical key ('' at the root). */
  readonly last: string;

  constructor(
    readonly logical: readonly string[],
    readonly scope: 'body' | 'query',
    readonly rule: FieldRule | undefined,
    key = '',
  ) {
    this.key = key;
    this.last = logical.length > 0 ? (logical[logical.length - 1] ?? '') : '';
  }

  /** child(key) for the key at `position` among an object's keys. */
  childAt(position: number, key: string): KeyPath {
    const order = this.order;
    if (order !== undefined && position < order.length) {
      const seen = order[position]!;
      if (seen.key === key) return seen;
    }
    const node = this.child(key);
    if (position < ORDER_MAX) {
      if (order === undefined) {
        if (position === 0) this.order = [node];
      } else if (position < order.length) order[position] = node;
      else if (position === order.length) order.push(node);
    }
    return node;
  }

  /** The path one (raw, as sent) key further down. */
  child(key: string): KeyPath {
    const known = this.children?.get(key);
    if (known) return known;
    const info = keyInfo(key);
    const logical = this.logical.length > 0 ? this.logical.concat(info.segs) : info.segs;
    const rule = info.mayMatch ? findRule(logical, logical.length, this.scope) : undefined;
    const node = new KeyPath(logical, this.scope, rule, key);
    if (++keyPaths > MAX_KEY_PATHS) {
      keyPaths = 0;
      roots = freshRoots();
    } else {
      (this.children ??= new Map()).set(key, node);
    }
    return node;
  }
}

function freshRoots(): { body: KeyPath; query: KeyPath } {
  return { body: new KeyPath([], 'body', undefined), query: new KeyPath([], 'query', undefined) };
}
let roots = freshRoots();

/** Drops every key path, and with them the field outcomes remembered on them (memo.ts forgetScans). */
export function forgetKeyPaths(): void {
  keyPaths = 0;
  roots = freshRoots();
}

/** The empty key path of a scope, where every walk starts. */
export function keyRoot(scope: 'body' | 'query'): KeyPath {
  return roots[scope];
}
