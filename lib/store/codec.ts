/**
 * The stored form of an observation (store version 3) and the one place that converts it to and from the
 * public `Observation`. The writer encodes, every read decodes; nothing else sees the stored form.
 *
 * A record keeps its indexed fields by name (`requestId`, `time`, `tabId`, `recordingId`) and packs the rest:
 *
 *   v  3                                   layout version
 *   x  ["https://…/results?…", "sv-SE", …]  the record's strings, each once
 *   r  [frameId, clientOrigin, url, method, type, status, requestSize]
 *   h  [name, value, name, value, …]       kept headers (lib/redact/stored-request.ts), flat
 *   ho 14                                  headers sent but not kept
 *   a  [policy, [features], [purposes], [items], [findings], [format, flags, size], extra?, [hints]?]
 *        hint    [signal, [evidence]]   (absent when the annotation has none)
 *        item    [item, verdict, clause, [evidence]]     finding [kind, verdict, clause, [evidence]]
 *        evidence [path, value, where·3+matchedBy, signal?]
 *        flags   1 gzip, 2 truncated, 4 undecodable
 *   e  error   i  incomplete phases   b  kept body (as is)   z  fields this layout does not know (as is)
 *
 * Every string above is a number: n ≥ 0 is x[n], n < 0 is CODEBOOK[-1 - n] (codebook.ts). A content
 * fingerprint `[kind: N chars, sha256:hex]` is stored as [kind, N, "hex"]. Objects with keys the layout does
 * not know (a newer engine) are stored as they are, so nothing is ever dropped by the codec itself; what is
 * dropped on purpose (headers, query values, long values) is decided in lib/redact/stored-request.ts.
 */
import type { Annotation, Evidence, EvidenceWhere, Finding, Header, ItemFlow, MatchedBy, MissingPhase, Observation, ObservationBody } from '../model';
import { CODEBOOK, codeOf } from './codebook';
import { capText, storedHeaders, storedUrl } from '../redact/stored-request';

export const CODEC_VERSION = 3;

type Ref = number;
type ValueRef = Ref | [kind: Ref, chars: number, sha256: string];
type StoredEvidence = [path: Ref, value: ValueRef, how: number, signal?: Ref] | Evidence;
type StoredFlow = [id: Ref, verdict: Ref, clause: Ref, evidence: StoredEvidence[], extra?: Record<string, unknown>];
type StoredBody = [format: Ref, flags: number, size: number, extra?: Record<string, unknown>];
type StoredHint = [signal: Ref, evidence: StoredEvidence[]];
type StoredAnnotation =
  | [policy: Ref, features: Ref[], purposes: Ref[], items: StoredFlow[], findings: StoredFlow[], body: StoredBody, extra?: Record<string, unknown>, hints?: StoredHint[]];

/** An observation as the `observations` store holds it from version 3 on. */
export interface StoredObservation {
  id?: number;
  requestId: string;
  time: number;
  tabId: number;
  recordingId?: number;
  v: 3;
  x: string[];
  r: [frameId: number, clientOrigin: Ref, url: Ref, method: Ref, type: Ref, status: number, requestSize: number];
  h: Ref[];
  ho?: number;
  a: StoredAnnotation | Annotation;
  e?: string;
  i?: MissingPhase[];
  b?: ObservationBody;
  z?: Record<string, unknown>;
}

/** What the store may hold: the compact form, or a plain observation written by an older or foreign writer. */
export type ObservationRecord = StoredObservation | Observation;

export function isStoredObservation(rec: unknown): rec is StoredObservation {
  return typeof rec === 'object' && rec !== null && (rec as { v?: unknown }).v === CODEC_VERSION && Array.isArray((rec as { r?: unknown }).r);
}

const WHERE: readonly EvidenceWhere[] = ['url', 'header', 'body', 'connection'];
const MATCHED: readonly MatchedBy[] = ['key', 'value', 'header'];
const FINGERPRINT = /^\[([a-z][a-z0-9-]*): (0|[1-9]\d{0,15}) chars, sha256:([0-9a-f]{12})\]$/;

const OBSERVATION_KEYS = new Set([
  'id', 'requestId', 'time', 'tabId', 'frameId', 'clientOrigin', 'url', 'method', 'type', 'status',
  'requestSize', 'headers', 'headersOmitted', 'error', 'recordingId', 'annotation', 'incomplete', 'body',
]);
const ANNOTATION_KEYS = new Set(['policy', 'features', 'purposes', 'items', 'findings', 'hints', 'body']);
const BODY_KEYS = new Set(['format', 'gzip', 'truncated', 'undecodable', 'size']);
const ITEM_KEYS = new Set(['item', 'verdict', 'clause', 'evidence']);
const FINDING_KEYS = new Set(['kind', 'verdict', 'clause', 'evidence']);
const EVIDENCE_KEYS = new Set(['where', 'path', 'value', 'matchedBy', 'signal']);

// Called for every evidence entry: a for-in without allocating, since nearly every object has no extra key.
function extraKeys(o: object, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const k in o) {
    if (known.has(k) || !Object.prototype.hasOwnProperty.call(o, k)) continue;
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) (extra ??= {})[k] = v;
  }
  return extra;
}

/** Interns strings for one record. */
class Strings {
  readonly table: string[] = [];
  private readonly index = new Map<string, number>();

  ref(s: string): Ref {
    const code = codeOf(s);
    if (code !== undefined) return -1 - code;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.table.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }

  value(s: string): ValueRef {
    const m = FINGERPRINT.exec(s);
    return m ? [this.ref(m[1]!), Number(m[2]), m[3]!] : this.ref(s);
  }
}

function str(table: readonly string[], ref: Ref): string {
  const s = ref < 0 ? CODEBOOK[-1 - ref] : table[ref];
  if (s === undefined) throw new Error(`stored observation refers to a missing string (${ref})`);
  return s;
}

function value(table: readonly string[], v: ValueRef): string {
  return Array.isArray(v) ? `[${str(table, v[0])}: ${v[1]} chars, sha256:${v[2]}]` : str(table, v);
}

function encodeEvidence(s: Strings, e: Evidence): StoredEvidence {
  const where = WHERE.indexOf(e.where);
  const matched = MATCHED.indexOf(e.matchedBy);
  if (
    where < 0 || matched < 0 || typeof e.path !== 'string' || typeof e.value !== 'string' ||
    (e.signal !== undefined && typeof e.signal !== 'string') || extraKeys(e, EVIDENCE_KEYS)
  ) {
    return e;
  }
  const out: StoredEvidence = [s.ref(e.path), s.value(e.value), where * 3 + matched];
  if (e.signal !== undefined) out.push(s.ref(e.signal));
  return out;
}

function decodeEvidence(table: readonly string[], e: StoredEvidence): Evidence {
  if (!Array.isArray(e)) return e;
  const out: Evidence = {
    where: WHERE[Math.floor(e[2] / 3)]!,
    path: str(table, e[0]),
    value: value(table, e[1]),
    matchedBy: MATCHED[e[2] % 3]!,
  };
  if (e[3] !== undefined) out.signal = str(table, e[3]);
  return out;
}

function encodeFlow(s: Strings, id: string, f: ItemFlow | Finding, known: ReadonlySet<string>): StoredFlow {
  const out: StoredFlow = [s.ref(id), s.ref(f.verdict), s.ref(f.clause), f.evidence.map((e) => encodeEvidence(s, e))];
  const extra = extraKeys(f, known);
  if (extra) out.push(extra);
  return out;
}

function encodeAnnotation(s: Strings, a: Annotation): StoredAnnotation | Annotation {
  const b = a.body;
  const wellFormed =
    typeof a.policy === 'string' && Array.isArray(a.features) && Array.isArray(a.purposes) &&
    Array.isArray(a.items) && Array.isArray(a.findings) && typeof b === 'object' && b !== null &&
    typeof b.format === 'string' && typeof b.size === 'number' &&
    a.items.every((f) => typeof f?.item === 'string' && typeof f.verdict === 'string' && typeof f.clause === 'string' && Array.isArray(f.evidence)) &&
    a.findings.every((f) => typeof f?.kind === 'string' && typeof f.verdict === 'string' && typeof f.clause === 'string' && Array.isArray(f.evidence));
  // Whatever this layout cannot represent exactly is kept as it is.
  if (!wellFormed) return a;
  const body: StoredBody = [s.ref(b.format), (b.gzip ? 1 : 0) | (b.truncated ? 2 : 0) | (b.undecodable ? 4 : 0), b.size];
  const bodyExtra = extraKeys(b, BODY_KEYS);
  if (bodyExtra) body.push(bodyExtra);
  const out: StoredAnnotation = [
    s.ref(a.policy),
    a.features.map((f) => s.ref(f)),
    a.purposes.map((p) => s.ref(p)),
    a.items.map((f) => encodeFlow(s, f.item, f, ITEM_KEYS)),
    a.findings.map((f) => encodeFlow(s, f.kind, f, FINDING_KEYS)),
    body,
  ];
  const extra = extraKeys(a, ANNOTATION_KEYS);
  const hints = Array.isArray(a.hints) && a.hints.every((h) => typeof h?.signal === 'string' && Array.isArray(h.evidence)) ? a.hints : undefined;
  if (a.hints !== undefined && !hints) return a;
  if (extra || hints?.length) out.push(extra ?? {});
  if (hints?.length) out.push(hints.map((h): StoredHint => [s.ref(h.signal), h.evidence.map((e) => encodeEvidence(s, e))]));
  return out;
}

function decodeAnnotation(table: readonly string[], a: StoredAnnotation | Annotation): Annotation {
  if (!Array.isArray(a)) return a;
  const [policy, features, purposes, items, findings, body, extra, hints] = a;
  const flow = (f: StoredFlow) => ({
    verdict: str(table, f[1]) as ItemFlow['verdict'],
    clause: str(table, f[2]),
    evidence: f[3].map((e) => decodeEvidence(table, e)),
    ...f[4],
  });
  return {
    policy: str(table, policy),
    features: features.map((f) => str(table, f)) as Annotation['features'],
    purposes: purposes.map((p) => str(table, p)),
    items: items.map((f) => ({ item: str(table, f[0]) as ItemFlow['item'], ...flow(f) })),
    findings: findings.map((f) => ({ kind: str(table, f[0]), ...flow(f) })),
    // Records from before hints have none.
    hints: (hints ?? []).map(([signal, evidence]) => ({ signal: str(table, signal), evidence: evidence.map((e) => decodeEvidence(table, e)) })),
    body: {
      format: str(table, body[0]) as Annotation['body']['format'],
      gzip: (body[1] & 1) !== 0,
      truncated: (body[1] & 2) !== 0,
      undecodable: (body[1] & 4) !== 0,
      size: body[2],
      ...body[3],
    },
    ...extra,
  };
}

export interface EncodeOptions {
  /** The observation belongs to a recording that keeps raw evidence: URL and header values stay as sent. */
  rawEvidence?: boolean;
}

/** Observation → stored record. `obs.id` is carried over when set (a record rewritten in place). */
export function encodeObservation(obs: Observation, options: EncodeOptions = {}): StoredObservation {
  const raw = options.rawEvidence === true;
  const s = new Strings();
  const kept = storedHeaders(Array.isArray(obs.headers) ? obs.headers : [], obs.annotation, raw);
  const headerRefs: Ref[] = [];
  for (const h of kept.headers) headerRefs.push(s.ref(h.name), s.ref(h.value));
  const rec: StoredObservation = {
    requestId: obs.requestId,
    time: obs.time,
    tabId: obs.tabId,
    v: CODEC_VERSION,
    x: s.table,
    r: [
      obs.frameId,
      s.ref(String(obs.clientOrigin ?? '')),
      s.ref(storedUrl(obs.url, obs.annotation, raw)),
      s.ref(String(obs.method ?? '')),
      s.ref(String(obs.type ?? '')),
      obs.status,
      obs.requestSize,
    ],
    h: headerRefs,
    a: encodeAnnotation(s, obs.annotation),
  };
  if (obs.id !== undefined) rec.id = obs.id;
  if (obs.recordingId !== undefined) rec.recordingId = obs.recordingId;
  const omitted = kept.omitted + (obs.headersOmitted ?? 0);
  if (omitted > 0) rec.ho = omitted;
  if (obs.error !== undefined) rec.e = capText(String(obs.error));
  if (obs.incomplete !== undefined) rec.i = obs.incomplete;
  if (obs.body !== undefined) rec.b = obs.body;
  const extra = extraKeys(obs, OBSERVATION_KEYS);
  if (extra) rec.z = extra;
  return rec;
}

/** Stored record → Observation. Plain observations (written before version 3, or by an import) pass through. */
export function decodeObservation(rec: ObservationRecord): Observation {
  if (!isStoredObservation(rec)) return rec as Observation;
  const t = rec.x;
  const [frameId, clientOrigin, url, method, type, status, requestSize] = rec.r;
  const headers: Header[] = [];
  for (let i = 0; i + 1 < rec.h.length; i += 2) headers.push({ name: str(t, rec.h[i]!), value: str(t, rec.h[i + 1]!) });
  const obs: Observation = {
    ...rec.z,
    requestId: rec.requestId,
    time: rec.time,
    tabId: rec.tabId,
    frameId,
    clientOrigin: str(t, clientOrigin),
    url: str(t, url),
    method: str(t, method),
    type: str(t, type) as Observation['type'],
    status,
    requestSize,
    headers,
    annotation: decodeAnnotation(t, rec.a),
  };
  if (rec.id !== undefined) obs.id = rec.id;
  if (rec.ho !== undefined) obs.headersOmitted = rec.ho;
  if (rec.e !== undefined) obs.error = rec.e;
  if (rec.recordingId !== undefined) obs.recordingId = rec.recordingId;
  if (rec.i !== undefined) obs.incomplete = rec.i;
  if (rec.b !== undefined) obs.body = rec.b;
  return obs;
}

/** The URL of a stored record as decoding would give it, without decoding the rest. */
export function urlOfRecord(rec: ObservationRecord): string {
  return isStoredObservation(rec) ? str(rec.x, rec.r[2]) : rec.url;
}
