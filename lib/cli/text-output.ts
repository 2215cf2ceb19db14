/** The text form of `telltale check`: one block per request, then the summary table. */
import type { Annotation, Evidence, NormalizedRequest } from '../model';
import type { Policy } from '../policy/types';
import { purposeById } from '../policy/lookup';
import type { CheckSummary } from '../formats/summary';

function pad(text: string, width: number): string {
  return text.length >= width ? text + ' ' : text + ' '.repeat(width - text.length);
}

function firstEvidence(list: readonly Evidence[]): string {
  const first = list[0];
  if (!first) return '';
  const value = first.value ? ` = ${first.value}` : '';
  const more = list.length > 1 ? ` (+${list.length - 1} more)` : '';
  return `${first.path}${value}${more}`;
}

/** A readable block for one request: features, purposes, then one row per item and finding. */
export function textEntry(index: number, request: NormalizedRequest, annotation: Annotation, policy: Policy, file?: string): string {
  const lines: string[] = [];
  const where = file === undefined ? `#${index}` : `${file} #${index}`;
  lines.push(`${where}  ${request.method} ${request.url}`);
  lines.push(`  to: ${annotation.destination ?? 'third-party'}`);
  lines.push(`  feature: ${annotation.features.join(', ')}`);
  const purposes = annotation.purposes.map((id) => purposeById(policy, id)?.name.en ?? id);
  lines.push(`  purpose: ${purposes.length ? purposes.join('; ') : '(none stated)'}`);
  const rows = [
    ...annotation.items.map((i) => [i.item, i.verdict, firstEvidence(i.evidence)]),
    ...annotation.findings.map((f) => [f.kind, f.verdict, firstEvidence(f.evidence)]),
  ];
  if (rows.length) {
    lines.push(`  ${pad('ITEM', 22)}${pad('VERDICT', 10)}EVIDENCE`);
    for (const [what, verdict, evidence] of rows) lines.push(`  ${pad(what!, 22)}${pad(verdict!, 10)}${evidence}`);
  }
  if (annotation.body.undecodable) lines.push('  body: undecodable');
  else if (annotation.body.truncated) lines.push('  body: truncated (only its start was checked)');
  return lines.join('\n') + '\n\n';
}

/** The closing summary table. */
export function textSummary(summary: CheckSummary): string {
  const lines: string[] = [];
  lines.push(`Summary: ${summary.entries} request(s) in ${summary.files} file(s); worst verdict: ${summary.worst ?? 'none'}`);
  const verdictCols = (v: Record<string, number>) => ['clear', 'vague', 'omitted', 'incorrect'].map((k) => pad(String(v[k] ?? 0), 10)).join('');
  lines.push(`  ${pad('ITEM / FINDING', 22)}${pad('REQUESTS', 10)}${pad('FILES', 7)}${pad('clear', 10)}${pad('vague', 10)}${pad('omitted', 10)}incorrect`);
  for (const [id, row] of [...Object.entries(summary.items), ...Object.entries(summary.findings)]) {
    lines.push(`  ${pad(id, 22)}${pad(String(row.entries), 10)}${pad(String(row.files), 7)}${verdictCols(row.verdicts)}`.trimEnd());
  }
  lines.push(`  ${pad('FEATURE', 32)}${pad('REQUESTS', 10)}FILES`);
  for (const [id, row] of Object.entries(summary.features)) {
    lines.push(`  ${pad(id, 32)}${pad(String(row.entries), 10)}${row.files}`);
  }
  if (summary.perFile) {
    lines.push(`  ${pad('FILE', 40)}${pad('REQUESTS', 10)}${pad('clear', 10)}${pad('vague', 10)}${pad('omitted', 10)}incorrect`);
    for (const f of summary.perFile) lines.push(`  ${pad(f.file, 40)}${pad(String(f.entries), 10)}${verdictCols(f.verdicts)}`.trimEnd());
  }
  return lines.join('\n') + '\n';
}
