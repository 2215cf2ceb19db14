/**
 * Custom rules on the options page: shows the rules file in force, imports a new one, removes it.
 * The file is validated here with the shared parseRules (so a mistake is named at once, with its line or
 * field) and again by the background, which stores it only when valid: a malformed file never replaces the
 * rules in force. Storage and messaging come in through `api`.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { parseRules } from '../../lib/classify/rules';
import type { RulesInfo } from '../../lib/rules-store/types';
import { formatTime } from '../common/format';
import { errorText } from '../common/error-text';
import { useI18n, type I18n } from '../common/i18n';

export interface RulesApi {
  get(): Promise<RulesInfo | null>;
  set(text: string, fileName: string): Promise<RulesInfo>;
  clear(): Promise<unknown>;
}

export interface RulesImportProps {
  api: RulesApi;
  now?: number;
}

type Outcome = { kind: 'info' | 'error'; text: string };

/** Validates and stores a rules file; the outcome is the text to show. Never throws. */
export async function importRules(
  api: RulesApi,
  text: string,
  fileName: string,
  i18n: I18n,
): Promise<{ info?: RulesInfo; outcome: Outcome }> {
  const { t } = i18n;
  try {
    parseRules(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    const info = await api.set(text, fileName);
    return { info, outcome: { kind: 'info', text: t('rulesImported', [info.fileName, info.endpoints, info.fields]) } };
  } catch (e) {
    return { outcome: { kind: 'error', text: t('rulesError', [fileName, errorText(e, i18n)]) } };
  }
}

/** The rules in force (undefined while read, null when none) and the import and remove actions with their outcome. */
function useCustomRules(api: RulesApi) {
  const i18n = useI18n();
  const { t } = i18n;
  const [info, setInfo] = useState<RulesInfo | null | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get().then(setInfo, (e) => {
      setInfo(null);
      setOutcome({ kind: 'error', text: errorText(e, i18n) });
    });
  }, [api]);

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setOutcome({ kind: 'info', text: t('rulesReading', file.name) });
    try {
      const text = await file.text();
      const result = await importRules(api, text, file.name, i18n);
      if (result.info) setInfo(result.info);
      setOutcome(result.outcome);
    } catch (e) {
      setOutcome({ kind: 'error', text: t('rulesError', [file.name, errorText(e, i18n)]) });
    } finally {
      // The same file can be chosen again after it was fixed.
      input.value = '';
      setBusy(false);
    }
  };

  const onRemove = async () => {
    try {
      await api.clear();
      setInfo(null);
      setOutcome({ kind: 'info', text: t('rulesRemoved') });
    } catch (e) {
      setOutcome({ kind: 'error', text: errorText(e, i18n) });
    }
  };

  return { info, outcome, busy, onFile, onRemove };
}

export function RulesImport({ api, now }: RulesImportProps) {
  const { locale, t } = useI18n();
  const { info, outcome, busy, onFile, onRemove } = useCustomRules(api);
  const inputId = useId();
  return (
    <section class="tt-rules" data-rules>
      <h2>{t('rulesTitle')}</h2>
      <p>{t('rulesHelp')}</p>
      {info === undefined ? null : info === null ? (
        <p data-rules-state="none">{t('rulesNone')}</p>
      ) : (
        <>
          <p data-rules-state="active" data-rules-file={info.fileName}>
            {t('rulesInForce', [info.fileName, formatTime(info.importedAt, locale, now), info.endpoints, info.fields])}
          </p>
          <details>
            <summary>{t('rulesShow')}</summary>
            <pre class="tt-rules__text">{info.text}</pre>
          </details>
          <button type="button" data-action="remove-rules" onClick={() => void onRemove()}>
            {t('rulesRemove')}
          </button>{' '}
        </>
      )}
      <label for={inputId}>{t('rulesImport')}</label>{' '}
      <input
        id={inputId}
        type="file"
        accept=".json,application/json"
        disabled={busy}
        onChange={(e) => void onFile(e.currentTarget as HTMLInputElement)}
      />
      {outcome && (
        <p
          class={outcome.kind === 'error' ? 'tt-rules__error' : 'tt-rules__status'}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
          data-rules-outcome={outcome.kind}
        >
          {outcome.text}
        </p>
      )}
    </section>
  );
}
