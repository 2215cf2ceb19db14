/**
 * The report's comparison of two recordings, imports or stretches of the passive log: added flows first,
 * then worse verdicts, then removed flows, then better verdicts. Choosing a flow opens the request its
 * example came from in the report's evidence pane. Pure: the flows come computed (lib/diff, the same
 * computation as `telltale diff`), with a lookup from observation id to observation.
 */
import '../report/report.css';
import '../common/common.css';
import './compare.css';
import { useState } from 'preact/hooks';
import type { FlowChange, FlowDiff } from '../../lib/diff/compare';
import { flowKey, type CountedFlow, type Flow } from '../../lib/diff/flows';
import type { Policy } from '../../lib/policy/types';
import type { Observation, Recording } from '../../lib/model';
import { useI18n } from '../common/i18n';
import { contentName, featureName, itemName } from '../common/policy-view';
import { verdictLabel } from '../common/VerdictBadge';
import { EvidencePane } from '../report/EvidencePane';
import { ComparePicker } from './ComparePicker';
import type { Comparison } from './sides';
import { compareText } from './strings';

export interface CompareProps {
  policy: Policy;
  recordings: ReadonlyArray<{ recording: Recording }>;
  comparison: Comparison;
  /** Undefined while the two sides load. */
  diff: FlowDiff<number> | undefined;
  observation: (id: number) => Observation | undefined;
  error?: string;
  onComparison: (comparison: Comparison) => void;
  onClose: () => void;
}

type Mark = 'added' | 'worse' | 'removed' | 'better';

function Verdict({ verdict }: { verdict: Flow['verdict'] }) {
  const { t } = useI18n();
  return (
    <span class={`tt-verdict tt-verdict--${verdict}`} data-verdict={verdict}>
      {verdictLabel(t, verdict)}
    </span>
  );
}

function FlowRow({ mark, flow, before, policy, selected, onSelect }: { mark: Mark; flow: Flow; before?: Flow; policy: Policy; selected: boolean; onSelect: () => void }) {
  const { lang } = useI18n();
  const subject = flow.item !== undefined ? itemName(policy, flow.item, lang) : contentName(policy, flow.kind!, lang);
  return (
    <li>
      <button type="button" class="tt-compare__flow" data-flow={flowKey(flow)} data-mark={mark} aria-pressed={selected ? 'true' : 'false'} onClick={onSelect}>
        <span class="tt-compare__subject">{subject}</span> → {featureName(policy, flow.feature, lang)} {compareText(lang, 'at')}{' '}
        <code>{flow.host}</code>{' '}
        {before && (
          <>
            <Verdict verdict={before.verdict} /> →{' '}
          </>
        )}
        <Verdict verdict={flow.verdict} />{' '}
        <span class="tt-muted tt-small">
          {compareText(lang, 'requests', flow.requests)}
          {flow.example.path && (
            <>
              , {compareText(lang, 'example')} <code>{flow.example.path}</code>
            </>
          )}
        </span>
      </button>
    </li>
  );
}

interface Listed {
  mark: Mark;
  flow: CountedFlow<number>;
  before?: CountedFlow<number>;
}

function sections(diff: FlowDiff<number>): Array<{ mark: Mark; rows: Listed[] }> {
  const change = (mark: Mark, list: FlowChange<number>[]) => list.map((c) => ({ mark, flow: c.after, before: c.before }));
  const worse = diff.changed.slice(0, diff.summary.worse);
  const better = diff.changed.slice(diff.summary.worse);
  return [
    { mark: 'added', rows: diff.added.map((flow) => ({ mark: 'added' as const, flow })) },
    { mark: 'worse', rows: change('worse', worse) },
    { mark: 'removed', rows: diff.removed.map((flow) => ({ mark: 'removed' as const, flow })) },
    { mark: 'better', rows: change('better', better) },
  ];
}

export function Compare(p: CompareProps) {
  const { lang } = useI18n();
  const [selected, setSelected] = useState<{ key: string; mark: Mark; ref: number } | undefined>();
  const shown = selected ? p.observation(selected.ref) : undefined;
  return (
    <section class="tt-compare" aria-labelledby="tt-compare-title">
      <div class="tt-toolbar">
        <h2 id="tt-compare-title" class="tt-scope-title">
          {compareText(lang, 'title')}
        </h2>
        <button type="button" class="tt-button" onClick={p.onClose}>
          {compareText(lang, 'back')}
        </button>
      </div>
      <p class="tt-muted tt-small">{compareText(lang, 'hint')}</p>
      <div class="tt-compare__pickers">
        <ComparePicker recordings={p.recordings} which="before" side={p.comparison.before} onSide={(before) => p.onComparison({ ...p.comparison, before })} />
        <ComparePicker recordings={p.recordings} which="after" side={p.comparison.after} onSide={(after) => p.onComparison({ ...p.comparison, after })} />
      </div>
      {p.error && (
        <p class="tt-status tt-status--error" role="alert">
          {p.error}
        </p>
      )}
      {!p.diff ? (
        <p class="tt-muted">{compareText(lang, 'loading')}</p>
      ) : (
        <div class="tt-detail">
          <div class="tt-compare__lists">
            <p class="tt-small" role="status">
              {compareText(lang, 'summary', p.diff.summary.before.flows, p.diff.summary.before.requests, p.diff.summary.after.flows, p.diff.summary.after.requests, p.diff.summary.unchanged)}
            </p>
            {sections(p.diff).map(({ mark, rows }) => (
              <section class="tt-compare__section" data-section={mark}>
                <h3>
                  {compareText(lang, mark)} ({rows.length})
                </h3>
                {rows.length === 0 ? (
                  <p class="tt-muted tt-small">{compareText(lang, 'none')}</p>
                ) : (
                  <ul>
                    {rows.map((r) => {
                      const key = flowKey(r.flow.flow);
                      return (
                        <FlowRow
                          mark={mark}
                          flow={r.flow.flow}
                          before={r.before?.flow}
                          policy={p.policy}
                          selected={selected?.key === key && selected.mark === mark}
                          onSelect={() => setSelected({ key, mark, ref: r.flow.ref })}
                        />
                      );
                    })}
                  </ul>
                )}
              </section>
            ))}
          </div>
          {selected ? <EvidencePane policy={p.policy} observation={shown} /> : <p class="tt-muted">{compareText(lang, 'pick')}</p>}
        </div>
      )}
    </section>
  );
}
