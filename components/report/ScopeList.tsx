/**
 * The scopes to choose from — the tab the popup was showing, the passive log, recordings and imports, each
 * marked by kind — with the HAR import button and its progress.
 */
import type { Recording } from '../../lib/model';
import { useI18n } from '../common/i18n';
import { formatTime } from '../common/format';
import { isImport, type Scope } from './scope';

export type { Scope } from './scope';

export interface TabScope {
  scope: `tab:${number}`;
  label: string;
}

export interface ImportProgress {
  fileName: string;
  /** 0..1 of the file handed to the background; at 1 it is being annotated and stored. */
  fraction: number;
}

export interface ScopeListProps {
  recordings: Array<{ recording: Recording; requests: number }>;
  logRequests?: number;
  scope: Scope;
  /** The tab the page was opened on (from the popup), kept in the list once seen. */
  tab?: TabScope;
  onScope: (scope: Scope) => void;
  onImport: (file: File) => void;
  busy?: boolean;
  progress?: ImportProgress;
  now?: number;
}

function ImportButton({ busy, progress, onImport }: Pick<ScopeListProps, 'busy' | 'progress' | 'onImport'>) {
  const { t } = useI18n();
  return (
    <>
      <label class="tt-import">
        <span class="tt-button">{t('importHar')}</span>
        <input
          type="file"
          accept=".har,application/json"
          disabled={busy}
          class="tt-visually-hidden"
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (file) onImport(file);
            input.value = '';
          }}
        />
      </label>
      {progress && (
        <div class="tt-progress">
          <progress max={100} value={Math.round(progress.fraction * 100)} aria-label={t('importing', progress.fileName)} />
          <span class="tt-muted tt-small" role="status">
            {progress.fraction < 1
              ? t('importProgress', [progress.fileName, Math.round(progress.fraction * 100)])
              : t('importStoring', progress.fileName)}
          </span>
        </div>
      )}
      <p class="tt-muted tt-small">{t('importHint')}</p>
    </>
  );
}

export function ScopeList({ recordings, logRequests, scope, tab, onScope, onImport, busy, progress, now }: ScopeListProps) {
  const { locale, t } = useI18n();
  return (
    <nav class="tt-scopes" aria-labelledby="tt-scopes-title">
      <h2 id="tt-scopes-title">{t('scopes')}</h2>
      <ul>
        {tab && (
          <li>
            <button type="button" class="tt-scope" data-kind="tab" aria-current={scope === tab.scope ? 'true' : undefined} onClick={() => onScope(tab.scope)}>
              <span class="tt-scope__title">{tab.label}</span>
              <span class="tt-muted">{t('tabHint')}</span>
            </button>
          </li>
        )}
        <li>
          <button type="button" class="tt-scope" data-kind="log" aria-current={scope === 'log' ? 'true' : undefined} onClick={() => onScope('log')}>
            <span class="tt-scope__title">{t('passiveLog')}</span>
            <span class="tt-muted">{logRequests === undefined ? t('passiveLogHint') : `${logRequests} · ${t('passiveLogHint')}`}</span>
          </button>
        </li>
        {recordings.map(({ recording: r, requests }) => {
          const imported = isImport(r);
          return (
            <li>
              <button
                type="button"
                class="tt-scope"
                data-recording={r.id}
                data-kind={imported ? 'import' : 'recording'}
                aria-current={scope === r.id ? 'true' : undefined}
                onClick={() => onScope(r.id!)}
              >
                <span class="tt-scope__title">
                  <span class={`tt-kind tt-kind--${imported ? 'import' : 'recording'}`}>{imported ? t('tagImport') : t('tagRecording')}</span> {r.title}
                </span>
                <span class="tt-muted">{t('recordingMeta', [requests, formatTime(r.startedAt, locale, now)])}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {recordings.length === 0 && <p class="tt-muted">{t('noRecordings')}</p>}
      <ImportButton busy={busy} progress={progress} onImport={onImport} />
    </nav>
  );
}
