import type { Header } from '../model';

/** The value of the first header of that name (case-insensitive), if any. */
export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}
