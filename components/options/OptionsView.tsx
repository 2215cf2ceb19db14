/**
 * The options page's view: passive-log retention, custom client origins, custom rules, notifications and
 * deleting all data. A pure view: the entrypoint owns the settings, the permission requests and the messages.
 */
import { useEffect, useState } from 'preact/hooks';
import { RETENTION_LIMITS, type Settings } from '../../lib/store/settings';
import { useI18n } from '../common/i18n';
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
  onDeleteAll: () => void;
  /** The third-party switch (the all-sites permission); absent hides the section. */
  thirdParty?: ThirdPartySwitchProps;
  hostAccess?: HostAccessNoticeProps;
}

export function OptionsView(p: OptionsViewProps) {
  const { lang, t } = useI18n();
  const [days, setDays] = useState('');
  const [max, setMax] = useState('');
  const [originInput, setOriginInput] = useState('');
  const { settings } = p;

  useEffect(() => {
    if (!settings) return;
    setDays(String(settings.retentionDays));
    setMax(String(settings.retentionMaxObservations));
  }, [settings?.retentionDays, settings?.retentionMaxObservations]);

  if (!settings) return <main lang={lang}>{p.status}</main>;
  return (
    <main lang={lang} class="tt-options tt-page">
      <h1>{t('optionsTitle')}</h1>

      <section>
        <h2>{t('optionsRetention')}</h2>
        <p>{t('optionsRetentionHelp')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            p.onSaveRetention(Number(days), Number(max));
          }}
        >
          <label>
            {t('optionsDays')}{' '}
            <input
              type="number"
              min={RETENTION_LIMITS.days.min}
              max={RETENTION_LIMITS.days.max}
              value={days}
              onInput={(e) => setDays(e.currentTarget.value)}
            />
          </label>{' '}
          <label>
            {t('optionsMaxObservations')}{' '}
            <input
              type="number"
              min={RETENTION_LIMITS.observations.min}
              max={RETENTION_LIMITS.observations.max}
              value={max}
              onInput={(e) => setMax(e.currentTarget.value)}
            />
          </label>{' '}
          <button type="submit">{t('optionsSave')}</button>
        </form>
      </section>

      <section>
        <h2>{t('optionsOrigins')}</h2>
        <p>{t('optionsOriginsHelp')}</p>
        {settings.customOrigins.length ? (
          <ul>
            {settings.customOrigins.map((o) => (
              <li key={o}>
                <code>{o}</code> <button onClick={() => p.onRemoveOrigin(o)}>{t('optionsRemove')}</button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('optionsNoOrigins')}</p>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void p.onAddOrigin(originInput).then((added) => added && setOriginInput(''));
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
      </section>

      {p.thirdParty && (
        <section>
          <h2>{t('optionsThirdParties')}</h2>
          {p.hostAccess && <HostAccessNotice {...p.hostAccess} />}
          <ThirdPartySwitch {...p.thirdParty} />
        </section>
      )}

      <RulesImport api={p.rulesApi} />

      <section>
        <h2>{t('optionsNotifications')}</h2>
        <label>
          <input
            type="checkbox"
            checked={settings.notifyUndisclosed}
            onChange={(e) => p.onNotifyChange(e.currentTarget.checked)}
          />{' '}
          {t('optionsNotifyLabel')}
        </label>
      </section>

      <section>
        <h2>{t('optionsData')}</h2>
        <button onClick={p.onDeleteAll}>{t('optionsDeleteAll')}</button>
      </section>

      <p role="status" aria-live="polite">
        {p.status}
      </p>
    </main>
  );
}
