/**
 * Reading a V8 CPU profile of the extension's service worker by Telltale's concerns (test/bench/worker-profile.mjs):
 * which source file each sampled frame belongs to, from the build's source map, and how much of the busy time
 * falls to each concern.
 */

/**
 * What each source file of the worker is for, first match wins. Shared helpers (lib/util) are not a concern of
 * their own: their time goes to the nearest frame above them.
 */
export const CONCERNS = [
  [/lib\/store\/journal\.ts$|entrypoints\/background\/journal\.ts$/, 'journal (storage.session)'],
  [/lib\/store\/(codec|codebook)\.ts$|lib\/redact\/stored-request\.ts$/, 'encoding the stored record'],
  [/lib\/store\//, 'IndexedDB writer and aggregates'],
  [/lib\/(classify|detect|decode|policy|catalogue|redact)\//, 'classify (decode, detect, verdicts, redaction)'],
  [/lib\/capture\//, 'merge and normalize'],
  [/entrypoints\/background\//, 'pipeline, listeners, badge'],
  [/node_modules\//, 'libraries (idb, webextension-polyfill)'],
];
const SKIPPED = /lib\/util\//;
export const GC = 'garbage collection';
export const NATIVE = 'event dispatch and API bindings (no Telltale frame)';

/**
 * The source file of each generated position (0-based line and column, as a CPU profile gives them) of a parsed
 * source map: decodes its VLQ mappings line by line. Undefined where no mapping names a source.
 */
export function sourceLookup(map) {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines = [];
  let source = 0;
  for (const line of map.mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push([column, fields.length > 1 ? source : -1]);
    }
    lines.push(segments);
  }
  return (line, column) => {
    const segments = lines[line] ?? [];
    let found = -1;
    for (const [c, s] of segments) {
      if (c > column) break;
      if (s >= 0) found = s;
    }
    return found >= 0 ? map.sources[found].replace(/^(\.\.\/)+/, '') : undefined;
  };
}

/** Busy time (µs, idle and program excluded) of a profile, by concern of the nearest Telltale frame. */
export function byConcern(profile, sourceOf, scriptUrl, { byFile = false } = {}) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  profile.samples.forEach((s, i) => selfUs.set(s, (selfUs.get(s) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const concernOf = (node) => {
    if (node.callFrame.functionName === '(garbage collector)') return GC;
    for (let n = node; n; n = nodes.get(parent.get(n.id))) {
      if (n.callFrame.url !== scriptUrl) continue;
      const file = sourceOf(n.callFrame.lineNumber, n.callFrame.columnNumber);
      if (!file || SKIPPED.test(file)) continue;
      return byFile ? file : (CONCERNS.find(([re]) => re.test(file))?.[1] ?? `other: ${file}`);
    }
    return NATIVE;
  };
  const out = new Map();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const node = nodes.get(id);
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue;
    busy += us;
    const concern = concernOf(node);
    out.set(concern, (out.get(concern) ?? 0) + us);
  }
  return { busy, out };
}
