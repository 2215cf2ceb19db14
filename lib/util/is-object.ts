/** A plain object (not null, not an array): the first check on any value read from outside. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
