/**
 * Canonical JSON for hashing: object keys sorted recursively (by UTF-16 code unit, like Array#sort), no
 * whitespace, values written as JSON.stringify writes them. Two parties who parse the same export get the
 * same bytes to hash whatever key order or layout a tool later gives the file.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // undefined, functions and symbols are dropped inside objects (as JSON.stringify does); at the top
    // level or in an array they become null.
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}
