/**
 * What the report page compares: a recording (or an import, which is stored as a recording) or the passive
 * log, optionally cut to a time range. Written into the page's URL so a comparison can be bookmarked:
 *
 *   report.html?before=rec:3&after=rec:7
 *   report.html?before=log:2026-11-30T08:00:00.000Z/2026-11-30T18:00:00.000Z&after=log:2026-12-01T08:00:00.000Z/
 *
 * A log range is an ISO 8601 interval; either end may be left empty (open).
 */
export type CompareSide = { kind: 'recording'; id: number } | { kind: 'log'; from?: number; to?: number };

export interface Comparison {
  before: CompareSide;
  after: CompareSide;
}

function time(text: string): number | undefined | null {
  if (text === '') return undefined;
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : null;
}

export function parseSide(text: string | null): CompareSide | undefined {
  if (!text) return undefined;
  const rec = /^rec:(\d+)$/.exec(text);
  if (rec) return { kind: 'recording', id: Number(rec[1]) };
  if (text === 'log') return { kind: 'log' };
  if (!text.startsWith('log:')) return undefined;
  const [fromText = '', toText = '', ...rest] = text.slice(4).split('/');
  const from = time(fromText);
  const to = time(toText);
  if (rest.length > 0 || from === null || to === null) return undefined;
  const side: CompareSide = { kind: 'log' };
  if (from !== undefined) side.from = from;
  if (to !== undefined) side.to = to;
  return side;
}

export function formatSide(side: CompareSide): string {
  if (side.kind === 'recording') return `rec:${side.id}`;
  if (side.from === undefined && side.to === undefined) return 'log';
  const iso = (t: number | undefined) => (t === undefined ? '' : new Date(t).toISOString());
  return `log:${iso(side.from)}/${iso(side.to)}`;
}

/** The comparison a page URL asks for, when it names both sides. */
export function comparisonFrom(search: string): Comparison | undefined {
  const params = new URLSearchParams(search);
  const before = parseSide(params.get('before'));
  const after = parseSide(params.get('after'));
  return before && after ? { before, after } : undefined;
}

/** `search` with the comparison written in (or removed, for undefined), other parameters kept. */
export function withComparison(search: string, comparison: Comparison | undefined): string {
  const params = new URLSearchParams(search);
  params.delete('before');
  params.delete('after');
  if (comparison) {
    params.set('before', formatSide(comparison.before));
    params.set('after', formatSide(comparison.after));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
