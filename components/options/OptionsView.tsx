/**
 * The options page's view: passive-log retention, custom client origins, custom rules, notifications and
 * deleting all data. A pure view: the entrypoint owns the settings, the permission requests and the messages.
 */
import { useEffect, useState } from 'preact/hooks';
import { RETENTION_LIMITS, type Settings } from '../../lib/store/settings';
import type { ComponentChildren } from 'preact';
import { useI18n, type StringKey } from '../common/i18n';
import { RulesImport, type RulesApi } from './RulesImport';
import { ThirdPartySwitch, type ThirdPartySwitchProps } from '../popup/ThirdPartySwitch';
import { HostAccessNotice, type HostAccessNoticeProps } from '../popup/HostAccessNotice';

export interface OptionsViewProps {
  /** Undefined while loading. */
  settings: Settings | undefined;
  status: string;
  rulesApi: RulesApi;
  onSaveRetention: (days: number, maxObservations: number) => void;
  /** Resolves true when the origin was added (the field is then emptied). */
  onAddOrigin: (input: string) => Promise<boolean>;
  onRemoveOrigin: (origin: string) => void;
  onNotifyChange: (on: boolean) => void;
  /** The hidden-headers setting (Chromium only: Firefox shows every header anyway); absent hides the section. */
  onHiddenHeadersChange?: (on: boolean) => void;
  onDeleteAll: () => void;
  /** The third-party switch (the all-sites permission); absent hides the section. */
  thirdParty?: ThirdPartySwitchProps;
  hostAccess?: HostAccessNoticeProps;
}

/** One section of the page: its heading, an optional line of help, its controls. */
function OptionsSection({ title, help, children }: { title: StringKey; help?: StringKey; children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <section>
      <h2>{t(title)}</h2>
      {help && <p>{t(help)}</p>}
      {children}
    </section>
  );
}

interface NumberFieldProps {
  label: string;
  limits: { min: number; max: number };
  value: string;
  onInput: (value: string) => void;
}

function NumberField({ label, limits, value, onInput }: NumberFieldProps) {
  return (
    <label>
      {label}{' '}
      <input type="number" min={limits.min} max={limits.max} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </label>
  );
}

/** Days and observation count for the passive log, edited here and saved together. */
function RetentionForm({ settings, onSave }: { settings: Settings; onSave: OptionsViewProps['onSaveRetention'] }) {
  const { t } = useI18n();
  const [days, setDays] = useState('');
  const [max, setMax] = useState('');
  useEffect(() => {
    setDays(String(settings.retentionDays));
    setMax(String(settings.retentionMaxObservations));
  }, [settings.retentionDays, settings.retentionMaxObservations]);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(Number(days), Number(max));
      }}
    >
      <NumberField label={t('optionsDays')} limits={RETENTION_LIMITS.days} value={days} onInput={setDays} />{' '}
      <NumberField label={t('optionsMaxObservations')} limits={RETENTION_LIMITS.observations} value={max} onInput={setMax} />{' '}
      <button type="submit">{t('optionsSave')}</button>
    </form>
  );
}

/** The custom client origins, each removable, and a field to add one. */
function CustomOrigins({ origins, onAdd, onRemove }: { origins: string[]; onAdd: OptionsViewProps['onAddOrigin']; onRemove: (origin: string) => void }) {
  const { t } = useI18n();
  const [originInput, setOriginInput] = useState('');
  return (
    <>
      {origins.length ? (
        <ul>
          {origins.map((o) => (
            <li key={o}>
              <code>{o}</code> <button onClick={() => onRemove(o)}>{t('optionsRemove')}</button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('optionsNoOrigins')}</p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void onAdd(originInput).then((added) => added && setOriginInput(''));
        }}
      >
        <input
          type="text"
          aria-label={t('optionsOrigins')}
          placeholder="lyncweb.example.com"
          value={originInput}
          onInput={(e) => setOriginInput(e.currentTarget.value)}
        />{' '}
        <button type="submit">{t('optionsAdd')}</button>
      </form>
    </>
  );
}

export function OptionsView(p: OptionsViewProps) {
  const { lang, t } = useI18n();
  const { settings } = p;
  if (!settings) return <main lang={lang}>{p.status}</main>;
  return (
    <main lang={lang} class="tt-options tt-page">
      <h1>{t('optionsTitle')}</h1>
      <OptionsSection title="optionsRetention" help="optionsRetentionHelp">
        <RetentionForm settings={settings} onSave={p.onSaveRetention} />
      </OptionsSection>
      <OptionsSection title="optionsOrigins" help="optionsOriginsHelp">
        <CustomOrigins origins={settings.customOrigins} onAdd={p.onAddOrigin} onRemove={p.onRemoveOrigin} />
      </OptionsSection>
      {p.thirdParty && (
        <OptionsSection title="optionsThirdParties">
          {p.hostAccess && <HostAccessNotice {...p.hostAccess} />}
          <ThirdPartySwitch {...p.thirdParty} />
        </OptionsSection>
      )}
      <RulesImport api={p.rulesApi} />
      {p.onHiddenHeadersChange && (
        <OptionsSection title="optionsHiddenHeaders" help="optionsHiddenHeadersHelp">
          <label>
            <input type="checkbox" checked={settings.hiddenHeaders} onChange={(e) => p.onHiddenHeadersChange?.(e.currentTarget.checked)} />{' '}
            {t('optionsHiddenHeadersLabel')}
          </label>
        </OptionsSection>
      )}
      <OptionsSection title="optionsNotifications">
        <label>
          <input type="checkbox" checked={settings.notifyUndisclosed} onChange={(e) => p.onNotifyChange(e.currentTarget.checked)} />{' '}
          {t('optionsNotifyLabel')}
        </label>
      </OptionsSection>
      <OptionsSection title="optionsData">
        <button onClick={p.onDeleteAll}>{t('optionsDeleteAll')}</button>
      </OptionsSection>
      <p role="status" aria-live="polite">
        {p.status}
      </p>
    </main>
  );
}
