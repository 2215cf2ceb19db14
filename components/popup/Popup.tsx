/**
 * The popup: what left the active tab (or the running recording), to which feature, for which purpose, and
 * whether the policy discloses it. A pure view: data and callbacks come from entrypoints/popup.
 */
import './popup.css';
import { useEffect, useState } from 'preact/hooks';
import { ITEM_IDS, type Policy } from '../../lib/policy/types';
import type { Recording, ScopeAggregate, ScopeKey } from '../../lib/model';
import { FlowRow } from '../common/FlowRow';
import { I18nContext, useI18n, type I18n } from '../common/i18n';
import { contentName, itemName } from '../common/policy-view';
import { VerdictBadge } from '../common/VerdictBadge';
import { Controls } from './Controls';
import { sortFlows, summarize, type ScopeSummary } from './summary';

export type RunningRecording = Pick<Recording, 'title' | 'startedAt'> & { id: number };

export interface PopupStatus {
  /** The passive log is paused. */
  paused: boolean;
  recording: RunningRecording | null;
}

export interface PopupProps {
  policy: Policy;
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
}

/** The row element id of a flow, used by the summary's links. */
export function flowAnchor(kind: 'item' | 'content', id: string): string {
  return `${kind}-${id}`;
}

/**
 * Rows built in full in the first frame with data; the popup (at most 600 px tall) shows about one. The others
 * show their head line (name, count, verdict) in that frame and the rest right after it is painted: the first
 * paint then costs a fraction of the whole list's layout.
 */
const FULL_ROWS_FIRST = 2;

/** False until a frame with `ready` has been painted (effects run after paint). */
function useAfterFirstPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (ready && !painted) setPainted(true);
  }, [ready, painted]);
  return painted;
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
  const summary = summarize(aggregate);
  const contents = aggregate ? sortFlows(Object.values(aggregate.contents)) : [];
  const complete = useAfterFirstPaint(aggregate !== undefined);

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

      <Controls
        status={status}
        now={now}
        onStartRecording={props.onStartRecording}
        onStopRecording={props.onStopRecording}
        onPauseChange={props.onPauseChange}
      />

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
          <SummaryLine summary={summary} isRecording={isRecording} />
        )}
        {summary.gaps > 0 && (
          <p class="tt-gaps" data-gaps={summary.gaps}>
            {summary.gaps === 1 ? t('popupGapsOne') : t('popupGapsMany', String(summary.gaps))}
          </p>
        )}
      </div>

      {aggregate !== undefined && (
        <>
        {summary.undisclosed.length > 0 && (
          <section class="tt-undisclosed" aria-labelledby="tt-undisclosed-h">
            <h2 id="tt-undisclosed-h">{t('popupUndisclosedHeading')}</h2>
            <ul>
              {summary.undisclosed.map((u) => (
                <li key={`${u.kind}-${u.id}`} data-undisclosed={u.id}>
                  <a href={`#${flowAnchor(u.kind, u.id)}`}>
                    {u.kind === 'item' ? itemName(policy, u.id, lang) : contentName(policy, u.id, lang)}
                  </a>{' '}
                  <VerdictBadge verdict={u.verdict} />
                </li>
              ))}
            </ul>
          </section>
        )}

        <section class="tt-section" aria-labelledby="tt-items-h">
          {/* Shown only with data: the browser's element timing of this heading is the popup's first paint. */}
          <h2 id="tt-items-h" elementtiming="telltale-data">
            {t('popupItemsHeading')}
          </h2>
          <ul class="tt-flows">
            {ITEM_IDS.map((id, i) => (
              <FlowRow
                key={id}
                elementId={flowAnchor('item', id)}
                policy={policy}
                kind="item"
                id={id}
                flow={aggregate?.items[id]}
                note={id === 'ip-address' ? t('itemIpAddressNote') : undefined}
                now={now}
                headOnly={!complete && i >= FULL_ROWS_FIRST}
              />
            ))}
          </ul>
        </section>

        <section class="tt-section" aria-labelledby="tt-contents-h">
          <h2 id="tt-contents-h">{t('popupContentsHeading')}</h2>
          {contents.length === 0 ? (
            <p class="tt-muted">{t('popupContentsNone')}</p>
          ) : (
            <ul class="tt-flows">
              {contents.map((f) => (
                <FlowRow
                  key={f.id}
                  elementId={flowAnchor('content', f.id)}
                  policy={policy}
                  kind="content"
                  id={f.id}
                  flow={f}
                  now={now}
                  headOnly={!complete}
                />
              ))}
            </ul>
          )}
        </section>
        </>
      )}
    </div>
  );
}

function reportHref(scope: ScopeKey): string {
  return `report.html?scope=${encodeURIComponent(scope)}`;
}

function SummaryLine({ summary, isRecording }: { summary: ScopeSummary; isRecording: boolean }) {
  const { t } = useI18n();
  if (summary.requests === 0) {
    return <p class="tt-summary__line">{isRecording ? t('summaryRecordingEmpty') : t('summaryTabEmpty')}</p>;
  }
  const left = String(summary.itemsLeft.length);
  const total = String(summary.itemsTotal);
  const n = summary.undisclosed.length;
  return (
    <p class="tt-summary__line">
      <strong>{isRecording ? t('summaryRecordingItems', [left, total]) : t('summaryTabItems', [left, total])}</strong>
      {'; '}
      <span class={n > 0 ? 'tt-summary__bad' : undefined}>
        {n === 0 ? t('summaryNoneUndisclosed') : n === 1 ? t('summaryUndisclosedOne') : t('summaryUndisclosedMany', String(n))}
      </span>
      <span class="tt-summary__requests tt-muted">
        {' '}
        {summary.requests === 1 ? t('summaryRequestsOne') : t('summaryRequestsMany', String(summary.requests))}
      </span>
    </p>
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
