/**
 * Options: passive-log retention, custom client origins (with their host permission), notifications for
 * first-seen undisclosed flows, and deleting all data. Permission requests happen here, inside the click
 * handler, because browsers grant them only from a user gesture.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createClient } from '../../lib/messages';
import { parseCustomOrigin, permissionPatternFor } from '../../lib/capture/origins';
import { RETENTION_LIMITS, type Settings } from '../../lib/store/settings';
import { STRINGS, pickLang, type StringId } from './strings';
import { RulesImport, type RulesApi } from '../../components/devtools/RulesImport';
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
const lang = pickLang(navigator.languages);
const t = (id: StringId) => STRINGS[id][lang];

function App() {
  const [settings, setSettings] = useState<Settings>();
  const [days, setDays] = useState('');
  const [max, setMax] = useState('');
  const [originInput, setOriginInput] = useState('');
  const [status, setStatus] = useState('');

  const load = async () => {
    const s = await request('settings/get');
    setSettings(s);
    setDays(String(s.retentionDays));
    setMax(String(s.retentionMaxObservations));
  };
  useEffect(() => {
    load().catch((e) => setStatus(`${t('error')}: ${e.message}`));
  }, []);

  const report = (p: Promise<unknown>, ok: string) =>
    p.then(() => setStatus(ok)).catch((e: Error) => setStatus(`${t('error')}: ${e.message}`));

  const saveRetention = (e: Event) => {
    e.preventDefault();
    void report(
      request('settings/set', { retentionDays: Number(days), retentionMaxObservations: Number(max) }).then(setSettings),
      t('saved'),
    );
  };

  const addOrigin = async (e: Event) => {
    e.preventDefault();
    const origin = parseCustomOrigin(originInput);
    if (!origin) return setStatus(t('badOrigin'));
    // Called directly from the submit handler, before any other await, so the browser sees the gesture.
    const granted = await browser.permissions.request({ origins: [permissionPatternFor(origin)] });
    if (!granted) return setStatus(t('denied'));
    await report(
      request('origins/add', { origin }).then(({ origins }) => {
        setSettings((s) => s && { ...s, customOrigins: origins });
        setOriginInput('');
      }),
      t('saved'),
    );
  };

  const removeOrigin = async (origin: string) => {
    await report(
      request('origins/remove', { origin }).then(async ({ origins }) => {
        setSettings((s) => s && { ...s, customOrigins: origins });
        // Only give the permission back when no remaining origin shares its host pattern.
        const pattern = permissionPatternFor(origin);
        if (!origins.some((o) => permissionPatternFor(o) === pattern)) {
          await browser.permissions.remove({ origins: [pattern] });
        }
      }),
      t('saved'),
    );
  };

  const toggleNotify = async (on: boolean) => {
    if (on) {
      const granted = await browser.permissions.request({ permissions: ['notifications'] });
      if (!granted) return setStatus(t('denied'));
    } else {
      await browser.permissions.remove({ permissions: ['notifications'] }).catch(() => false);
    }
    await report(request('settings/set', { notifyUndisclosed: on }).then(setSettings), t('saved'));
  };

  const deleteAll = () => {
    if (!confirm(t('deleteConfirm'))) return;
    void report(request('data/deleteAll'), t('deleted'));
  };

  if (!settings) return <main class="tt-page__body">{status}</main>;
  return (
    <div class="tt-page" lang={lang}>
      <header class="tt-page__bar">
        <h1>{t('title')}</h1>
      </header>
      <main class="tt-page__body">
        <section class="tt-card" aria-labelledby="retention-h">
          <h2 id="retention-h">{t('retention')}</h2>
          <p class="tt-help">{t('retentionHelp')}</p>
          <form class="tt-form-row" onSubmit={saveRetention}>
            <label>
              {t('days')}
              <input
                type="number"
                min={RETENTION_LIMITS.days.min}
                max={RETENTION_LIMITS.days.max}
                value={days}
                onInput={(e) => setDays(e.currentTarget.value)}
              />
            </label>
            <label>
              {t('maxObservations')}
              <input
                type="number"
                min={RETENTION_LIMITS.observations.min}
                max={RETENTION_LIMITS.observations.max}
                value={max}
                onInput={(e) => setMax(e.currentTarget.value)}
              />
            </label>
            <button type="submit">{t('save')}</button>
          </form>
        </section>

        <section class="tt-card" aria-labelledby="origins-h">
          <h2 id="origins-h">{t('origins')}</h2>
          <p class="tt-help">{t('originsHelp')}</p>
          {settings.customOrigins.length ? (
            <ul class="tt-plain-list">
              {settings.customOrigins.map((o) => (
                <li key={o}>
                  <code>{o}</code>
                  <button type="button" onClick={() => void removeOrigin(o)}>
                    {t('remove')}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p class="tt-help">{t('noOrigins')}</p>
          )}
          <form class="tt-form-row" onSubmit={(e) => void addOrigin(e)}>
            <input
              type="text"
              aria-label={t('origins')}
              placeholder="lyncweb.example.com"
              value={originInput}
              onInput={(e) => setOriginInput(e.currentTarget.value)}
            />
            <button type="submit">{t('add')}</button>
          </form>
        </section>

        <div class="tt-card">
          <RulesImport lang={lang} api={rulesApi} />
        </div>

        <section class="tt-card" aria-labelledby="notify-h">
          <h2 id="notify-h">{t('notifications')}</h2>
          <label class="tt-check">
            <input type="checkbox" checked={settings.notifyUndisclosed} onChange={(e) => void toggleNotify(e.currentTarget.checked)} />
            {t('notifyLabel')}
          </label>
        </section>

        <section class="tt-card" aria-labelledby="data-h">
          <h2 id="data-h">{t('data')}</h2>
          <button type="button" class="tt-button--danger" onClick={deleteAll}>
            {t('deleteAll')}
          </button>
        </section>

        <p class="tt-status" role="status" aria-live="polite">
          {status}
        </p>
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
