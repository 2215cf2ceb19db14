/**
 * Recording start/stop (with a title) and the passive-log pause switch. The pause button says what it will
 * do (pause / resume) rather than being a pressed toggle, so its label never contradicts its state.
 */
import { useId, useRef } from 'preact/hooks';
import { formatTime, isoTime } from '../common/format';
import { useI18n } from '../common/i18n';
import type { PopupStatus } from './Popup';

export interface ControlsProps {
  status: PopupStatus | null;
  now?: number;
  /** `rawEvidence`: the recording keeps unredacted values (opt-in, with a warning). */
  onStartRecording?: (title: string, rawEvidence: boolean) => void;
  onStopRecording?: () => void;
  onPauseChange?: (paused: boolean) => void;
}

export function Controls({ status, now, onStartRecording, onStopRecording, onPauseChange }: ControlsProps) {
  const { locale, t } = useI18n();
  // Uncontrolled: the title is read when the form is submitted.
  const titleInput = useRef<HTMLInputElement>(null);
  const rawInput = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const rawId = useId();
  const rawWarningId = useId();
  const disabled = status === null;
  const recording = status?.recording ?? null;

  return (
    <div class="tt-controls">
      {recording ? (
        <div class="tt-controls__recording" data-recording={recording.id}>
          <span class="tt-rec-dot" aria-hidden="true" />
          <span class="tt-controls__recording-text">
            {t('controlsRecordingSince', recording.title)}{' '}
            <time dateTime={isoTime(recording.startedAt)}>{formatTime(recording.startedAt, locale, now)}</time>
          </span>
          <button type="button" class="tt-button" data-action="stop" onClick={() => onStopRecording?.()}>
            {t('controlsStop')}
          </button>
        </div>
      ) : (
        <form
          class="tt-controls__start"
          onSubmit={(e) => {
            e.preventDefault();
            const input = titleInput.current;
            const trimmed = (input?.value ?? '').trim();
            onStartRecording?.(trimmed === '' ? t('controlsDefaultTitle') : trimmed, rawInput.current?.checked === true);
            if (input) input.value = '';
            if (rawInput.current) rawInput.current.checked = false;
          }}
        >
          <label for={inputId} class="tt-visually-hidden">
            {t('controlsTitleLabel')}
          </label>
          <input
            id={inputId}
            type="text"
            ref={titleInput}
            placeholder={t('controlsTitlePlaceholder')}
            maxLength={200}
            disabled={disabled}
          />
          <button type="submit" class="tt-button tt-button--primary" data-action="start" disabled={disabled}>
            {t('controlsStart')}
          </button>
          <div class="tt-controls__raw">
            <input id={rawId} type="checkbox" ref={rawInput} disabled={disabled} aria-describedby={rawWarningId} data-action="raw" />
            <label for={rawId}>{t('controlsRawLabel')}</label>
            <p id={rawWarningId} class="tt-controls__raw-warning">
              {t('controlsRawWarning')}
            </p>
          </div>
        </form>
      )}
      <button
        type="button"
        class="tt-button tt-controls__pause"
        data-action="pause"
        data-paused={status?.paused ? 'true' : 'false'}
        disabled={disabled}
        onClick={() => onPauseChange?.(!status?.paused)}
      >
        {status?.paused ? t('controlsResumeLog') : t('controlsPauseLog')}
      </button>
    </div>
  );
}
