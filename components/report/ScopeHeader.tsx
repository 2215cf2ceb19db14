/**
 * The chosen scope's heading: its title and kind, its notes, the exports, and for a recording or import the
 * edit (title, notes) and delete actions. Deleting asks once more, naming how many requests go with it.
 */
import { useState } from 'preact/hooks';
import type { Recording } from '../../lib/model';
import { useI18n } from '../common/i18n';
import { isImport } from './scope';

export type ExportKind = 'har' | 'json' | 'csv';

export interface ScopeHeaderProps {
  title: string;
  /** The recording or import shown, if the scope is one. */
  recording?: Recording;
  requests: number;
  /** Exports are off while loading, while busy and for an empty scope. */
  canExport: boolean;
  rawAvailable: boolean;
  onExport: (kind: ExportKind, raw: boolean) => void;
  onUpdate?: (id: number, patch: { title: string; notes: string }) => void;
  onDelete?: (id: number) => void;
}

function EditForm({ recording, onSave, onCancel }: { recording: Recording; onSave: (p: { title: string; notes: string }) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState(recording.title);
  const [notes, setNotes] = useState(recording.notes);
  return (
    <form
      class="tt-edit"
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim()) onSave({ title: title.trim(), notes });
      }}
    >
      <label>
        {t('editTitle')}
        <input type="text" required maxLength={200} value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label>
        {t('editNotes')}
        <textarea rows={3} maxLength={10_000} value={notes} onInput={(e) => setNotes((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      <div class="tt-edit__actions">
        <button type="submit" class="tt-button tt-button--primary">
          {t('save')}
        </button>
        <button type="button" class="tt-button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

export function ScopeHeader(p: ScopeHeaderProps) {
  const { t } = useI18n();
  const [raw, setRaw] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const rec = p.recording;
  const kind = rec ? (isImport(rec) ? t('kindImport', rec.importedFrom ?? rec.title) : t('kindRecording')) : undefined;
  const exportButton = (kind: ExportKind, label: string) => (
    <button type="button" class="tt-button" disabled={!p.canExport} onClick={() => p.onExport(kind, raw)}>
      {label}
    </button>
  );
  return (
    <div class="tt-scope-head">
      <div class="tt-scope-head__title">
        <h2 class="tt-scope-title">{p.title}</h2>
        {kind && <span class="tt-kind">{kind}</span>}
        {rec && p.onUpdate && !editing && (
          <button type="button" class="tt-button" onClick={() => setEditing(true)}>
            {t('edit')}
          </button>
        )}
        {rec && p.onDelete && !confirming && (
          <button type="button" class="tt-button tt-button--danger" onClick={() => setConfirming(true)}>
            {t('delete')}
          </button>
        )}
      </div>
      <div class="tt-toolbar" role="toolbar" aria-label={t('exports')}>
        {exportButton('har', t('exportHar'))}
        {exportButton('json', t('exportJson'))}
        {exportButton('csv', t('exportCsv'))}
        {p.rawAvailable && (
          <label title={t('exportRawHint')}>
            <input type="checkbox" checked={raw} onChange={(e) => setRaw((e.currentTarget as HTMLInputElement).checked)} /> {t('exportRaw')}
          </label>
        )}
      </div>
      {rec && confirming && (
        <p class="tt-confirm" role="alert">
          {t('deleteConfirm', [rec.title, p.requests])}{' '}
          <button type="button" class="tt-button tt-button--danger" onClick={() => (setConfirming(false), p.onDelete?.(rec.id!))}>
            {t('deleteYes')}
          </button>{' '}
          <button type="button" class="tt-button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </p>
      )}
      {rec && editing && (
        <EditForm recording={rec} onCancel={() => setEditing(false)} onSave={(patch) => (setEditing(false), p.onUpdate?.(rec.id!, patch))} />
      )}
      {rec && !editing && rec.notes && <p class="tt-notes">{rec.notes}</p>}
    </div>
  );
}
