/**
 * Evidence paths.
 *
 * Convention: a root (`body`, `url:query`), then for each step `[n]` for an array index, `.key` for a key that
 * is a plain identifier, and `["key"]` (JSON string syntax) for any other key, such as keys with dots:
 *
 *     body[2].ext.os.ver
 *     body[0].tags["ai.device.os"]
 *     body.Device.OsVersion          (nested)   body.data["Device.OsVersion"]   (one dotted key)
 *     url:query.lcid                 url:path   header:sec-ch-ua-platform       connection
 *
 * When a value was found only after decoding a layer, the path ends in `~urlencoded` or `~base64`
 * (e.g. `url:query.ctx~base64`).
 */

export type Segment = string | number;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(root: string, segs: readonly Segment[], length = segs.length): string {
  let out = root;
  for (let i = 0; i < length; i++) {
    const s = segs[i];
    if (typeof s === 'number') out += `[${s}]`;
    else if (s !== undefined) out += keyStep(s);
  }
  return out;
}

// Keys repeat across events and requests; each is formatted once. Bounded: the map starts afresh when full.
const steps = new Map<string, string>();
const MAX_STEPS = 4096;

function keyStep(key: string): string {
  let step = steps.get(key);
  if (step === undefined) {
    step = IDENT.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    if (steps.size >= MAX_STEPS) steps.clear();
    steps.set(key, step);
  }
  return step;
}
