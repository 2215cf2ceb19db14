/**
 * Options: passive-log retention, custom client origins (with their host permission), notifications for
 * first-seen undisclosed flows, and deleting all data. Permission requests happen here, inside the handler of
 * the user's click or submit, because browsers grant them only from a user gesture; the view is
 * components/options.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createClient } from '../../lib/messages';
import { parseCustomOrigin, permissionPatternFor } from '../../lib/capture/origins';
import type { Settings } from '../../lib/store/settings';
import { errorText } from '../../components/common/error-text';
import { I18nContext, pageI18n } from '../../components/common/i18n';
import { OptionsView } from '../../components/options/OptionsView';
import type { RulesApi } from '../../components/options/RulesImport';
import { allSitesGranted, missingAccess, onPermissionsChanged, requestAccess, setAllSites } from '../popup/third-party-permission';
import '../../components/common/common.css';
import '../../components/common/page.css';
import './style.css';

const request = createClient((m) => browser.runtime.sendMessage(m));
/** Custom rules live in the background, which validates a file before it replaces the rules in force. */
const rulesApi: RulesApi = {
  get: () => request('rules/get'),
  set: (text, fileName) => request('rules/set', { text, fileName }),
  clear: () => request('rules/clear'),
};
const i18n = pageI18n({ search: location.search, uiLanguage: browser.i18n.getUILanguage(), languages: navigator.languages });
const { t } = i18n;

/** Runs a change and shows `ok`, or the error, in the status line. */
type Reporter = (change: Promise<unknown>, ok: string) => Promise<unknown>;
type SettingsUpdate = (update: (s: Settings | undefined) => Settings | undefined) => void;

/**
 * Custom client origins, each with its host permission: asked for when one is added (inside the submit's
 * gesture), given back when one is removed and no remaining origin needs it.
 */
function originHandlers(report: Reporter, setStatus: (text: string) => void, setSettings: SettingsUpdate) {
  const addOrigin = async (input: string): Promise<boolean> => {
    const origin = parseCustomOrigin(input);
    if (!origin) {
      setStatus(t('optionsBadOrigin'));
      return false;
    }
    // Called directly from the submit handler, before any other await, so the browser sees the gesture.
    const granted = await browser.permissions.request({ origins: [permissionPatternFor(origin)] });
    if (!granted) {
      setStatus(t('optionsDenied'));
      return false;
    }
    let added = false;
    await report(
      request('origins/add', { origin }).then(({ origins }) => {
        setSettings((s) => s && { ...s, customOrigins: origins });
        added = true;
      }),
      t('optionsSaved'),
    );
    return added;
  };

  const removeOrigin = (origin: string) =>
    void report(
      request('origins/remove', { origin }).then(async ({ origins }) => {
        setSettings((s) => s && { ...s, customOrigins: origins });
        // Only give the permission back when no remaining origin shares its host pattern.
        const pattern = permissionPatternFor(origin);
        if (!origins.some((o) => permissionPatternFor(o) === pattern)) {
          await browser.permissions.remove({ origins: [pattern] });
        }
      }),
      t('optionsSaved'),
    );
  return { addOrigin, removeOrigin };
}

/** The third-party switch is the all-sites permission: re-read whenever permissions change, however changed. */
/**
 * The third-party switch is the all-sites permission, and the host permissions Telltale watches with may be
 * taken back with it (Chromium): both re-read whenever permissions change, however changed, and when the
 * custom origins change.
 */
function useHostPermissions(customOrigins: readonly string[] | undefined) {
  const [thirdParty, setThirdParty] = useState<boolean>();
  const [missing, setMissing] = useState<string[]>();
  useEffect(() => {
    const check = () => {
      void allSitesGranted().then(setThirdParty);
      void missingAccess(customOrigins ?? []).then(setMissing);
    };
    check();
    return onPermissionsChanged(check);
  }, [customOrigins]);
  return { thirdParty, setThirdParty, missing };
}

function App() {
  const [settings, setSettings] = useState<Settings>();
  const [status, setStatus] = useState('');
  const fail = (e: unknown) => setStatus(`${t('optionsError')}: ${errorText(e, i18n)}`);

  useEffect(() => {
    request('settings/get').then(setSettings, fail);
  }, []);
  const customOrigins = settings?.customOrigins;
  const { thirdParty, setThirdParty, missing } = useHostPermissions(customOrigins);

  const report: Reporter = (p, ok) => p.then(() => setStatus(ok)).catch(fail);
  const { addOrigin, removeOrigin } = originHandlers(report, setStatus, setSettings);

  const changeNotify = async (on: boolean) => {
    if (on) {
      const granted = await browser.permissions.request({ permissions: ['notifications'] });
      if (!granted) return setStatus(t('optionsDenied'));
    } else {
      await browser.permissions.remove({ permissions: ['notifications'] }).catch(() => false);
    }
    await report(request('settings/set', { notifyUndisclosed: on }).then(setSettings), t('optionsSaved'));
  };

  return (
    <OptionsView
      settings={settings}
      status={status}
      rulesApi={rulesApi}
      onSaveRetention={(days, max) =>
        void report(
          request('settings/set', { retentionDays: days, retentionMaxObservations: max }).then(setSettings),
          t('optionsSaved'),
        )
      }
      onAddOrigin={addOrigin}
      onRemoveOrigin={removeOrigin}
      onNotifyChange={(on) => void changeNotify(on)}
      onHiddenHeadersChange={
        // Firefox shows an extension every header without being asked.
        import.meta.env.FIREFOX ? undefined : (on) => void report(request('settings/set', { hiddenHeaders: on }).then(setSettings), t('optionsSaved'))
      }
      thirdParty={{ visible: thirdParty, always: true, onChange: (on) => void setAllSites(on, customOrigins ?? []).then(setThirdParty, fail) }}
      hostAccess={{ missing, onRestore: () => void requestAccess(missing ?? []).catch(fail) }}
      onDeleteAll={() => {
        if (confirm(t('optionsDeleteConfirm'))) void report(request('data/deleteAll'), t('optionsDeleted'));
      }}
    />
  );
}

document.documentElement.lang = i18n.lang;
document.title = t('optionsTitle');
render(
  <I18nContext.Provider value={i18n}>
    <App />
  </I18nContext.Provider>,
  document.getElementById('app')!,
);
