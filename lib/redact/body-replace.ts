/**
 * Content values replaced in a decoded body: at every path detection reported, and wherever the same content
 * recurs in other strings (the sweep), each by the placeholder the annotation shows for it.
 */
import type { ContentHit } from '../model';
import type { DecodedBody } from '../decode/types';
import { parseJsonSafe } from '../decode/json';
import { fingerprintContent, maskIdentifier } from './value';
import { isObject } from '../util/is-object';

/** Content kinds whose recurrences elsewhere are not swept: a stack recurs only where detection finds it anyway. */
const NOT_SWEPT = new Set(['error-report', 'memory-dump']);
/** Shortest content value looked for again in other strings; shorter ones ("5", "yes") recur by chance. */
const MIN_SWEPT_CHARS = 8;

/** Fingerprint (content) or mask (identifier) of a value, as the annotation shows it. */
export function placeholder(kind: string, value: unknown, isIdentifier: (kind: string) => boolean): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return isIdentifier(kind) ? maskIdentifier(text) : fingerprintContent(kind, text);
}

export type Segment = string | number;

/**
 * `body[2].ext.user.localId` → [2, 'ext', 'user', 'localId']; `body[0].tags["ai.user.id"]` → [0, 'tags',
 * 'ai.user.id'] (lib/detect/paths.ts). A `~urlencoded` / `~base64` layer suffix ends the path. Undefined for a
 * path that is not under `body` or does not parse.
 */
export function parseBodyPath(path: string): Segment[] | undefined {
  if (!path.startsWith('body')) return undefined;
  const segs: Segment[] = [];
  let i = 4;
  while (i < path.length) {
    const c = path[i];
    if (c === '~') break;
    if (c === '.') {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(path.slice(i + 1));
      if (!m) return undefined;
      segs.push(m[0]);
      i += 1 + m[0].length;
    } else if (c === '[' && path[i + 1] === '"') {
      // A JSON string literal: ends at the first quote not escaped by a backslash.
      let j = i + 2;
      while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
      if (path[j + 1] !== ']') return undefined;
      const parsed = parseJsonSafe(path.slice(i + 1, j + 1));
      if (!parsed.ok || typeof parsed.value !== 'string') return undefined;
      segs.push(parsed.value);
      i = j + 2;
    } else if (c === '[') {
      const m = /^\[(\d+)\]/.exec(path.slice(i));
      if (!m) return undefined;
      segs.push(Number(m[1]));
      i += m[0].length;
    } else return undefined;
  }
  return segs;
}

/** A deep copy with null-prototype objects, so that any key (even `__proto__`) is a plain entry. */
function copy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copy);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(v)) out[k] = copy(v[k]);
  return out;
}

/** Replaces content in a copy of a decoded value, remembering what it put in, and where. */
export class Replacer {
  /** Raw content value → its placeholder, for the sweep. */
  private readonly seen = new Map<string, string>();
  /** Placeholders put in, so a path reported twice (by two rules) is not redacted twice. */
  private readonly produced = new Set<string>();
  /** Values replaced. */
  count = 0;
  /** Hits whose path led neither to a placeholder nor into one. */
  missed = 0;

  constructor(private readonly isIdentifier: (kind: string) => boolean) {}

  apply(format: DecodedBody['format'], value: unknown, hits: readonly ContentHit[]): unknown {
    const parsed: { kind: string; segs: Segment[] }[] = [];
    for (const h of hits) {
      const segs = parseBodyPath(h.path);
      if (segs && segs.length > 0) parsed.push({ kind: h.kind, segs });
      else this.missed++;
    }
    // Outer values first: once a parsed stack array is a placeholder, the frames inside it are gone with it.
    parsed.sort((a, b) => a.segs.length - b.segs.length);
    const form = format === 'form' || format === 'urlencoded';
    const root = copy(value);
    for (const h of parsed) {
      if (form) this.inForm(root, h.segs, h.kind);
      else this.at(root, h.segs, h.kind);
    }
    for (const h of parsed) if (!this.covered(root, h.segs, form)) this.missed++;
    if (this.seen.size > 0) this.sweep(root);
    return root;
  }

  /** Whether the value at `segs`, or one it lies in, is now a placeholder. */
  private covered(root: unknown, segs: readonly Segment[], form: boolean): boolean {
    let node = root;
    let i = 0;
    if (form) {
      const values = isObject(root) && typeof segs[0] === 'string' ? root[segs[0]] : undefined;
      if (!Array.isArray(values)) return false;
      i = values.length > 1 ? 2 : 1;
      node = values[values.length > 1 ? (segs[1] as number) : 0];
      if (i < segs.length && typeof node === 'string' && !this.produced.has(node)) {
        const parsed = parseJsonSafe(node);
        if (!parsed.ok) return false;
        node = parsed.value;
      }
    }
    for (; ; i++) {
      if (typeof node === 'string' && this.produced.has(node)) return true;
      if (i >= segs.length) return false;
      node = child(node, segs[i]!);
      if (node === undefined) return false;
    }
  }

  /** Replaces the value at `segs` below `root` (JSON and NDJSON bodies). */
  private at(root: unknown, segs: readonly Segment[], kind: string): void {
    let holder: unknown = root;
    for (let i = 0; i < segs.length - 1; i++) {
      holder = child(holder, segs[i]!);
      if (holder === undefined) return;
    }
    this.put(holder, segs[segs.length - 1]!, kind);
  }

  private put(holder: unknown, key: Segment, kind: string): void {
    if (!(Array.isArray(holder) || isObject(holder))) return;
    const current = child(holder, key);
    if (current === undefined || (typeof current === 'string' && this.produced.has(current))) return;
    const shown = placeholder(kind, current, this.isIdentifier);
    (holder as Record<string | number, unknown>)[key] = shown;
    this.produced.add(shown);
    this.count++;
    if (typeof current === 'string' && current.length >= MIN_SWEPT_CHARS && !NOT_SWEPT.has(kind)) this.seen.set(current, shown);
  }

  /**
   * Form and urlencoded records (key → values): `body.key` is the key's only value, `body.key[n]` one of
   * several; deeper steps are inside a value that holds JSON, which is parsed, redacted and written back.
   */
  private inForm(root: unknown, segs: readonly Segment[], kind: string): void {
    const key = segs[0];
    if (!isObject(root) || typeof key !== 'string') return;
    const values = root[key];
    if (!Array.isArray(values)) return;
    let n = 1;
    let index = 0;
    if (values.length > 1) {
      if (typeof segs[1] !== 'number') return;
      index = segs[1];
      n = 2;
    }
    if (n === segs.length) return this.put(values, index, kind);
    const text = values[index];
    if (typeof text !== 'string') return;
    const parsed = parseJsonSafe(text);
    if (!parsed.ok) return;
    const inner = copy(parsed.value);
    const before = this.count;
    this.at(inner, segs.slice(n), kind);
    if (this.count !== before) values[index] = JSON.stringify(inner);
  }

  /** The same content found elsewhere, inside or as other strings the rules do not name, is replaced too. */
  private sweep(v: unknown): unknown {
    if (typeof v === 'string') {
      if (v.length < MIN_SWEPT_CHARS) return v;
      let out = v;
      for (const [raw, shown] of this.seen) if (out.indexOf(raw) >= 0) out = out === raw ? shown : out.split(raw).join(shown);
      return out;
    }
    if (Array.isArray(v) || isObject(v)) {
      const c = v as Record<string | number, unknown>;
      for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) c[k] = this.sweep(c[k]);
    }
    return v;
  }
}

function child(holder: unknown, seg: Segment): unknown {
  if (Array.isArray(holder)) return typeof seg === 'number' ? holder[seg] : undefined;
  if (isObject(holder) && typeof seg === 'string' && Object.prototype.hasOwnProperty.call(holder, seg)) return holder[seg];
  return undefined;
}
