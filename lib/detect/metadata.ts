/**
 * 1DS marks the fields it knows to be personal itself: `ext.metadata.f` mirrors the event's `data` (part C, with
 * `baseData` as part B) and gives each field a type code `t`. Bits 5 and up of `t` are the PII kind the app
 * declared (`kind << 5 | type`; 1DS core `EventPropertyType` / `PiiKind`), e.g. `t: 417` = PII kind 13
 * (IPv4 address, legacy) on a string. A marked field is evidence in its own right, whatever its key is named.
 *
 *     {"data":{"baseData":{"ip":"192.0.2.7"}}, "ext":{"metadata":{"f":{"baseData":{"f":{"ip":{"t":417}}}}}}}
 */
import type { EvidenceSink } from './collector';
import { formatPath, type Segment } from './paths';
import { isIpAddress, isUninformativeIp } from './values';
import { isPlaceholder } from './shapes';

/** 1DS PiiKind values that identify a person or an address of this computer. */
const PII_IDENTITY = new Set([1 /* DistinguishedName */, 6 /* PhoneNumber */, 8 /* SipAddress */, 9 /* SmtpAddress */, 10 /* Identity */]);
const PII_IP = new Set([3 /* IPv4Address */, 4 /* IPv6Address */, 13 /* IPV4AddressLegacy */]);

/** Deepest metadata nesting followed; the SDK mirrors data, which decoding already bounds. */
const MAX_DEPTH = 16;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a key path in `data`, trying a dotted key (compound keys) as well as nesting. */
function valueAt(data: unknown, keys: readonly string[]): { value: unknown; segs: Segment[] } | undefined {
  let node: unknown = data;
  const segs: Segment[] = [];
  for (let i = 0; i < keys.length; i++) {
    if (!isObject(node)) return undefined;
    const key = keys[i]!;
    if (key in node) {
      node = node[key];
      segs.push(key);
      continue;
    }
    const rest = keys.slice(i).join('.');
    if (rest in node) return { value: node[rest], segs: [...segs, rest] };
    return undefined;
  }
  return { value: node, segs };
}

/**
 * Adds identifier and IP evidence for the fields an event's `ext.metadata` marks as PII. `eventSegs` is the
 * event's own path in the body (e.g. `[2]`).
 */
export function scanPiiMetadata(sink: EvidenceSink, event: Record<string, unknown>, eventSegs: readonly Segment[]): void {
  const ext = event.ext;
  const meta = isObject(ext) && isObject(ext.metadata) ? ext.metadata.f : undefined;
  if (!isObject(meta)) return;
  const data = event.data;
  const walk = (fields: Record<string, unknown>, keys: string[], depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const key of Object.keys(fields)) {
      const entry = fields[key];
      if (!isObject(entry)) continue;
      const path = [...keys, key];
      if (isObject(entry.f)) walk(entry.f, path, depth + 1);
      const t = entry.t;
      if (typeof t !== 'number' || t < 32) continue;
      const pii = t >> 5;
      const at = valueAt(data, path);
      if (!at || isPlaceholder(at.value)) continue;
      const where = formatPath('body', [...eventSegs, 'data', ...at.segs]);
      const value = String(at.value);
      if (PII_IDENTITY.has(pii)) sink.add('user-id', false, 'body', 'key', `1ds-pii:${pii}`, value, where);
      else if (PII_IP.has(pii) && isIpAddress(value) && !isUninformativeIp(value)) {
        sink.add('ip-address', true, 'body', 'key', `1ds-pii:${pii}`, value, where);
      }
    }
  };
  walk(meta, [], 0);
}
