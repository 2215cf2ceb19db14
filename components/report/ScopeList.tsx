/** The recordings and the passive log to choose from, with the import button. */
import type { Recording } from '../../lib/model';
import { useI18n } from '../common/i18n';
import { formatTime } from '../common/format';

export type Scope = 'log' | number;

export interface ScopeListProps {
  recordings: Array<{ recording: Recording; requests: number }>;
  logRequests?: number;
  scope: Scope;
  onScope: (scope: Scope) => void;
  onImport: (file: File) => void;
  busy?: boolean;
  now?: number;
}

export function ScopeList({ recordings, logRequests, scope, onScope, onImport, busy, now }: ScopeListProps) {
  const { locale, t } = useI18n();
  return (
    <nav class="tt-scopes" aria-labelledby="tt-scopes-title">
      <h2 id="tt-scopes-title">{t('scopes')}</h2>
      <ul>
        <li>
          <button type="button" class="tt-scope" aria-current={scope === 'log' ? 'true' : undefined} onClick={() => onScope('log')}>
            <span class="tt-scope__title">{t('passiveLog')}</span>
            <span class="tt-muted">{logRequests === undefined ? t('passiveLogHint') : `${logRequests} · ${t('passiveLogHint')}`}</span>
          </button>
        </li>
        {recordings.map(({ recording: r, requests }) => (
          <li>
            <button
              type="button"
              class="tt-scope"
              data-recording={r.id}
              aria-current={scope === r.id ? 'true' : undefined}
              onClick={() => onScope(r.id!)}
            >
              <span class="tt-scope__title">{r.title}</span>
              <span class="tt-muted">{t('recordingMeta', [requests, formatTime(r.startedAt, locale, now)])}</span>
            </button>
          </li>
        ))}
      </ul>
      {recordings.length === 0 && <p class="tt-muted">{t('noRecordings')}</p>}
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
      <p class="tt-muted tt-small">{t('importHint')}</p>
    </nav>
  );
}
