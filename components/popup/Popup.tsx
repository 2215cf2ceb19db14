/**
 * The popup: what left the active tab (or the running recording), to which feature, for which purpose, and
 * whether the policy discloses it. The first screen (400 × 600) answers without scrolling: one verdict line,
 * the six items in a table, content and identifiers under it; details open on demand, and the recording
 * controls come after the answer. A pure view: data and callbacks come from entrypoints/popup.
 */
import './popup.css';
import type { ComponentChildren } from 'preact';
import type { Policy } from '../../lib/policy/types';
import type { Recording, ScopeAggregate, ScopeKey } from '../../lib/model';
import { I18nContext, useI18n, type I18n } from '../common/i18n';
import { ContentList } from './ContentList';
import { Controls } from './Controls';
import { ScopeExtras, type ScopeExtrasData } from './ScopeExtras';
import { ItemTable } from './ItemTable';
import { summarize, type ScopeSummary } from './summary';

export type RunningRecording = Pick<Recording, 'title' | 'startedAt'> & { id: number };

export interface PopupStatus {
  /** The passive log is paused. */
  paused: boolean;
  recording: RunningRecording | null;
}

export interface PopupProps {
  /** The policy model, for details on demand; the first screen is painted without it. */
  policy?: Policy;
  /** Which item a signal id belongs to (from the policy), for hinted items; none until the policy is loaded. */
  itemOfSignal?: (signal: string) => string | undefined;
  /** Lines above the answer (where the view was opened from, earlier on this tab). */
  before?: ComponentChildren;
  /** Lines between the answer and the controls (worker state, third-party switch). */
  after?: ComponentChildren;
  i18n: I18n;
  /** The tab shown under `tab:<id>`; null when there is none (e.g. a browser page). */
  tabId: number | null;
  /** The scope on screen: `tab:<tabId>` or `rec:<recording id>`. */
  scope: ScopeKey;
  /** Aggregate of `scope`; null when nothing was recorded there yet, undefined while loading. */
  aggregate: ScopeAggregate | null | undefined;
  status: PopupStatus | null;
  error?: string;
  /** Fixed "now" for tests; dates on the same day show as times. */
  now?: number;
  onScopeChange?: (scope: ScopeKey) => void;
  onStartRecording?: (title: string, rawEvidence: boolean) => void;
  onStopRecording?: () => void;
  onPauseChange?: (paused: boolean) => void;
  /** Provenance, workers, earlier pages and the third-party switch (ScopeExtras). */
  extras?: ScopeExtrasData;
  /**
   * Only the header and the summary (answer, facts, losses): the popup's first frame with data, so that the
   * answer is on screen before the table, the content list and the controls are built, styled and rastered.
   */
  summaryOnly?: boolean;
}

export function Popup(props: PopupProps) {
  return (
    <I18nContext.Provider value={props.i18n}>
      <PopupBody {...props} />
    </I18nContext.Provider>
  );
}

function PopupBody(props: PopupProps) {
  const { policy, aggregate, scope, status, now } = props;
  const { lang, t } = useI18n();
  const isRecording = scope.startsWith('rec:');
  const summary = summarize(aggregate, props.itemOfSignal);

  return (
    <div class="tt-popup" lang={lang}>
      <header class="tt-header">
        <h1 class="tt-header__title">Telltale</h1>
        <nav class="tt-header__links" aria-label={t('popupLinksLabel')}>
          <a href={reportHref(scope)} target="_blank" rel="noopener" data-link="report">
            {t('popupOpenReport')}
          </a>
          <a href="policy.html" target="_blank" rel="noopener" data-link="policy">
            {t('popupOpenPolicy')}
          </a>
        </nav>
      </header>

      {props.before}

      {status?.recording && (
        <ScopeSwitch tabId={props.tabId} recording={status.recording} scope={scope} onChange={props.onScopeChange} />
      )}

      {props.error && (
        <p class="tt-error" role="alert">
          {props.error}
        </p>
      )}

      <div class="tt-summary" role="status" aria-live="polite">
        {aggregate === undefined ? (
          <p class="tt-summary__line">{t('popupLoading')}</p>
        ) : scope.startsWith('tab:') && props.tabId === null ? (
          <p class="tt-summary__line">{t('popupNoTab')}</p>
        ) : (
          <Answer summary={summary} isRecording={isRecording} />
        )}
        <Losses summary={summary} />
      </div>

      {!props.summaryOnly && (
        <>
          <ScopeExtras {...props.extras} aggregate={aggregate} policy={policy} isTab={scope.startsWith('tab:')} />

          {aggregate !== undefined && (
            <>
              <ItemTable rows={summary.rows} policy={policy} now={now} />
              <ContentList flows={summary.contents} policy={policy} now={now} />
            </>
          )}

          {props.after}

          <section class="tt-controls-section" aria-label={t('popupControlsHeading')}>
            <Controls
              status={status}
              now={now}
              onStartRecording={props.onStartRecording}
              onStopRecording={props.onStopRecording}
              onPauseChange={props.onPauseChange}
            />
          </section>
        </>
      )}
    </div>
  );
}

function reportHref(scope: ScopeKey): string {
  return `report.html?scope=${encodeURIComponent(scope)}`;
}

/** The one-line answer: how many flows the policy does not disclose, or that everything is disclosed. */
function Answer({ summary, isRecording }: { summary: ScopeSummary; isRecording: boolean }) {
  const { t } = useI18n();
  if (summary.requests === 0) {
    return <p class="tt-summary__line">{isRecording ? t('summaryRecordingEmpty') : t('summaryTabEmpty')}</p>;
  }
  const n = summary.undisclosed.length;
  return (
    <>
      {/* Shown only with data: the browser's element timing of this line is the popup's first paint. */}
      <p class={`tt-answer ${n > 0 ? 'tt-answer--bad' : 'tt-answer--good'}`} data-undisclosed-count={n} elementtiming="telltale-data">
        {n === 0 ? t('popupVerdictDisclosed') : n === 1 ? t('popupVerdictUndisclosedOne') : t('popupVerdictUndisclosedMany', n)}
        {summary.vague > 0 && <span class="tt-answer__vague"> {t('popupVerdictVague', summary.vague)}</span>}
      </p>
      <p class="tt-summary__facts tt-muted">{t('popupFacts', [summary.itemsLeft.length, summary.itemsTotal, summary.requests])}</p>
    </>
  );
}

/** Losses named precisely: not recorded at all, or recorded without headers or body; and what was not counted. */
function Losses({ summary }: { summary: ScopeSummary }) {
  const { t } = useI18n();
  const lines: Array<[string, string]> = [];
  if (summary.lost !== undefined && summary.incomplete !== undefined) {
    if (summary.lost > 0) lines.push(['lost', summary.lost === 1 ? t('popupLostOne') : t('popupLostMany', summary.lost)]);
    if (summary.incomplete > 0) {
      lines.push(['incomplete', summary.incomplete === 1 ? t('popupIncompleteOne') : t('popupIncompleteMany', summary.incomplete)]);
    }
  } else if (summary.gaps > 0) {
    lines.push(['gaps', t('popupGapsUnsplit', summary.gaps)]);
  }
  return (
    <>
      {lines.length > 0 && (
        <p class="tt-gaps" data-gaps={summary.gaps}>
          {lines.map(([kind, text], i) => (
            <span key={kind} data-loss={kind}>
              {i > 0 ? ' · ' : ''}
              {text}
            </span>
          ))}
        </p>
      )}
      {summary.background > 0 && (
        <p class="tt-muted tt-background" data-background={summary.background}>
          {t('popupBackground', summary.background)}
        </p>
      )}
    </>
  );
}

function ScopeSwitch(props: {
  tabId: number | null;
  recording: RunningRecording;
  scope: ScopeKey;
  onChange?: (scope: ScopeKey) => void;
}) {
  const { t } = useI18n();
  const tabScope: ScopeKey | null = props.tabId === null ? null : `tab:${props.tabId}`;
  const recScope: ScopeKey = `rec:${props.recording.id}`;
  return (
    <div class="tt-scope" role="group" aria-label={t('scopeLabel')}>
      {tabScope && (
        <button
          type="button"
          aria-pressed={props.scope === tabScope ? 'true' : 'false'}
          data-scope={tabScope}
          onClick={() => props.onChange?.(tabScope)}
        >
          {t('scopeTab')}
        </button>
      )}
      <button
        type="button"
        aria-pressed={props.scope === recScope ? 'true' : 'false'}
        data-scope={recScope}
        onClick={() => props.onChange?.(recScope)}
      >
        {t('scopeRecording', props.recording.title)}
      </button>
    </div>
  );
}
