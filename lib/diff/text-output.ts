/** `telltale diff`'s readable output: one line per added, changed or removed flow, then the counts. */
import type { Policy } from '../policy/types';
import { featureById } from '../policy/lookup';
import type { FlowDiff } from './compare';
import type { Flow } from './flows';

/** Short feature names for one-line output; the general clause covers standard computer information. */
function featureLabel(policy: Policy, id: string): string {
  if (id === 'standard-computer-information') return 'general clause';
  return featureById(policy, id)?.name.en ?? id;
}

function line(mark: string, f: Flow, policy: Policy, verdict: string): string {
  const example = f.example.path ? `, e.g. ${f.example.path}` : '';
  return `${mark} ${f.item ?? f.kind} → ${featureLabel(policy, f.feature)} at ${f.host} (${verdict})${example}`;
}

/** `+ user-id → general clause at browser.events.data.microsoft.com (omitted), e.g. body[0].data.UserInfo.Id` */
export function diffText(diff: FlowDiff<unknown>, policy: Policy): string {
  const lines: string[] = [];
  for (const c of diff.added) lines.push(line('+', c.flow, policy, c.flow.verdict));
  for (const c of diff.changed) lines.push(line('~', c.after.flow, policy, `${c.before.flow.verdict} → ${c.after.flow.verdict}`));
  for (const c of diff.removed) lines.push(line('-', c.flow, policy, c.flow.verdict));
  const s = diff.summary;
  if (lines.length === 0) lines.push('No change in flows.');
  lines.push(
    `${s.added} added, ${s.worse} worse, ${s.better} better, ${s.removed} removed, ${s.unchanged} unchanged ` +
      `(before: ${s.before.flows} flows in ${s.before.requests} requests; after: ${s.after.flows} flows in ${s.after.requests} requests)`,
  );
  return lines.join('\n') + '\n';
}
