/**
 * What the report shows: the passive log, one recording or import (by id), or one tab's requests (the scope
 * the popup was showing). The page address carries it as `?scope=log|rec:<id>|tab:<id>` — the popup's
 * ScopeKey — or, older links, `?recording=<id>`.
 */
import type { Recording } from '../../lib/model';

export type Scope = 'log' | number | `tab:${number}`;

export function parseScope(search: string): Scope {
  const params = new URLSearchParams(search);
  const key = params.get('scope') ?? '';
  let m = /^rec:(\d+)$/.exec(key);
  if (m) return positive(m[1]!) ?? 'log';
  m = /^tab:(\d+)$/.exec(key);
  if (m) return `tab:${Number(m[1])}`;
  return positive(params.get('recording') ?? '') ?? 'log';
}

function positive(text: string): number | undefined {
  const n = Number(text);
  return text !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
}

export function tabOf(scope: Scope): number | undefined {
  return typeof scope === 'string' && scope.startsWith('tab:') ? Number(scope.slice(4)) : undefined;
}

/** An imported HAR file, as opposed to a recording made in the browser. */
export function isImport(r: Recording): boolean {
  return r.importedFrom !== undefined;
}
