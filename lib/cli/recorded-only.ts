/**
 * Flows a Telltale export recorded that a re-check of the same file cannot see. The passive log keeps no
 * request bodies, so its export carries each entry's recorded annotation (`_telltale.annotation`) but no
 * postData: `telltale check` then finds only what URLs and headers show. This counts the difference so the
 * check says so instead of silently reporting fewer flows.
 */
import type { RecordedAnnotation } from '../har/stream';
import type { Annotation } from '../model';

export class RecordedOnly {
  entries = 0;
  flows = 0;
  private readonly kinds = new Set<string>();

  add(recorded: RecordedAnnotation | undefined, checked: Annotation, hadBody: boolean): void {
    if (!recorded || hadBody) return;
    const seen = new Set([...checked.items.map((i) => i.item as string), ...checked.findings.map((f) => f.kind)]);
    const missing = [...recorded.items.map((i) => i.item), ...recorded.findings.map((f) => f.kind)].filter((id) => !seen.has(id));
    if (!missing.length) return;
    this.entries++;
    this.flows += missing.length;
    for (const id of missing) this.kinds.add(id);
  }

  /** The note for stderr, or '' when every recorded flow was found again. */
  note(): string {
    if (this.flows === 0) return '';
    const list = [...this.kinds].sort().join(', ');
    return (
      `telltale: note: ${this.flows} recorded flow(s) in ${this.entries} entr${this.entries === 1 ? 'y' : 'ies'} were not found again ` +
      `(${list}): the file keeps no request bodies (a passive-log export), so only URLs and headers were re-checked; ` +
      `each entry's _telltale.annotation holds what was recorded.\n`
    );
  }
}
