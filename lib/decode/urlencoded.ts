/** application/x-www-form-urlencoded parsing that never throws. */

/** decodeURIComponent with `+` as space, falling back to the input where a `%` escape is malformed. */
export function safeDecodeURIComponent(s: string): string {
  const plus = s.indexOf('+') >= 0 ? s.replace(/\+/g, ' ') : s;
  if (plus.indexOf('%') < 0) return plus;
  try {
    return decodeURIComponent(plus);
  } catch {
    // Decode the well-formed escapes one run at a time; leave broken ones as they are.
    return plus.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/**
 * `a=1&b=2&a=3` → { a: ['1', '3'], b: ['2'] } as a null-prototype record, so keys like `__proto__` or
 * `constructor` are plain entries.
 */
export function parseUrlEncoded(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null);
  if (!text) return out;
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = safeDecodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecodeURIComponent(part.slice(eq + 1));
    const list = out[key];
    if (list) list.push(value);
    else out[key] = [value];
  }
  return out;
}

/**
 * Looks like a urlencoded form: no whitespace, and made of `key=value` pairs joined by `&` whose keys are
 * short name-like tokens. Plain prose or JSON does not pass.
 */
export function looksUrlEncoded(text: string): boolean {
  if (text.length === 0 || text.length > 1 << 22) return false;
  if (!/^[A-Za-z0-9_.\-[\]%]{1,64}=/.test(text)) return false;
  return !/[\s{}"<>]/.test(text);
}
