/**
 * The closing line of `telltale check --fail-on`: which flows failed, so a CI log names them without anyone
 * scrolling back through the table. A flow here is one item or content kind sent to one feature at one field
 * path; the same flow in many requests is named once.
 */
import { VERDICTS, type Verdict } from '../policy/types';
import type { Annotation } from '../model';

/** At most this many flows are named; the rest are counted. */
export const MAX_NAMED = 10;

interface FailingFlow {
  subject: string;
  verdict: Verdict;
  features: string;
  path: string;
}

export class FailingFlows {
  private readonly flows = new Map<string, FailingFlow>();
  private readonly rank: number;

  constructor(readonly threshold: Verdict) {
    this.rank = VERDICTS.indexOf(threshold);
  }

  add(annotation: Annotation): void {
    const features = annotation.features.join(', ') || '(no feature)';
    const subjects = [
      ...annotation.items.map((i) => ({ subject: i.item as string, verdict: i.verdict, evidence: i.evidence })),
      ...annotation.findings.map((f) => ({ subject: f.kind, verdict: f.verdict, evidence: f.evidence })),
    ];
    for (const { subject, verdict, evidence } of subjects) {
      if (VERDICTS.indexOf(verdict) < this.rank) continue;
      const path = evidence[0]?.path ?? '';
      const key = `${subject}|${verdict}|${features}|${path}`;
      if (!this.flows.has(key)) this.flows.set(key, { subject, verdict, features, path });
    }
  }

  get count(): number {
    return this.flows.size;
  }

  /**
   * `FAIL 2 flows omitted: user-id → standard-computer-information body[0].data.UserInfo.Id; …`, worst first.
   * A flow worse than the threshold names its own verdict. Empty when nothing failed.
   */
  line(): string {
    if (this.flows.size === 0) return '';
    const list = [...this.flows.values()].sort((a, b) => VERDICTS.indexOf(b.verdict) - VERDICTS.indexOf(a.verdict));
    const named = list.slice(0, MAX_NAMED).map((f) => {
      const verdict = f.verdict === this.threshold ? '' : ` (${f.verdict})`;
      return `${f.subject}${verdict} → ${f.features}${f.path ? ` ${f.path}` : ''}`;
    });
    const rest = list.length - named.length;
    const noun = list.length === 1 ? 'flow' : 'flows';
    const label = this.threshold === 'vague' ? 'vague or worse' : this.threshold;
    return `FAIL ${list.length} ${noun} ${label}: ${named.join('; ')}${rest > 0 ? `; … and ${rest} more` : ''}`;
  }
}
