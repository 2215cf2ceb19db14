/**
 * The report page (report.html): recordings, the passive log, imported HAR files and the popup's tab, with
 * exports, import, renaming, notes, deletion and comparison. Reads come from IndexedDB here; every change
 * (import, rename, notes, delete) goes through the background's typed messages, which owns the store.
 * components/report only renders.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { loadPolicy } from '../../lib/policy/load';
import { openStoreReader, type StoreReader } from '../../lib/store/read';
import { createClient } from '../../lib/messages';
import { errorText } from '../../components/common/error-text';
import { I18nContext, pageI18n } from '../../components/common/i18n';
import { Report, type ExportKind, type ReportStatus } from '../../components/report/Report';
import { parseScope, type Scope } from '../../components/report/scope';
// The verbatim policy text ships inside the extension; its SHA-256 goes into every export's manifest.
import policyText from '../../lib/policy/lync-privacy-policy-2012.sv.txt?raw';
import { exportContext, exportText, type PageFacts } from './data';
import { useComparisonInUrl, useRecordingChanges, useRecordingList, useScopeObservations, type RecordingRow } from './state';
import { download } from '../../components/common/download';
import { CompareApp } from './compare';
import type { Comparison } from '../../components/diff/sides';
import { compareText } from '../../components/diff/strings';

const policy = loadPolicy();
const i18n = pageI18n({ search: location.search, uiLanguage: browser.i18n.getUILanguage(), languages: navigator.languages });
const facts: PageFacts = { policy, policyText, extensionVersion: browser.runtime.getManifest().version, userAgent: navigator.userAgent };
const request = createClient((m) => browser.runtime.sendMessage(m));
const t = i18n.t;

/** Opens the comparison on the scope on screen against the newest other recording (or the passive log). */
function CompareButton({ scope, recordings, onComparison }: { scope: Scope; recordings: RecordingRow[]; onComparison: (c: Comparison) => void }) {
  const start = () => {
    const other = recordings.find((r) => r.recording.id !== scope)?.recording.id;
    onComparison({
      before: typeof scope === 'number' ? { kind: 'recording', id: scope } : { kind: 'log' },
      after: other === undefined ? { kind: 'log' } : { kind: 'recording', id: other },
    });
  };
  return (
    <button type="button" class="tt-button" data-action="compare" onClick={start}>
      {compareText(i18n.lang, 'compare')}
    </button>
  );
}

function App({ db }: { db: StoreReader }) {
  const [scope, setScope] = useState<Scope>(() => parseScope(location.search));
  const [status, setStatus] = useState<ReportStatus | undefined>();
  const { recordings, logRequests, refresh } = useRecordingList(db);
  const { observations, tab } = useScopeObservations(db, scope, setStatus);
  const [comparison, setComparison] = useComparisonInUrl();
  const changes = useRecordingChanges({ request, recordings, refresh, setScope, setStatus });
  const recording = typeof scope === 'number' ? recordings.find((r) => r.recording.id === scope)?.recording : undefined;

  function onExport(kind: ExportKind, raw: boolean) {
    if (!observations?.length) return;
    const title = tab && scope === tab.scope ? tab.label : 'Passive log';
    const ctx = exportContext(facts, scope, recording, observations, raw, title);
    const file = exportText(kind, observations, ctx);
    download(file.name, file.text, file.type);
    const note = ctx.source.kind === 'log' ? ` ${t('logNoBodies')}` : '';
    setStatus({ kind: 'info', text: t('exported', [file.name, observations.length]) + note });
  }

  function onCopy(text: string) {
    navigator.clipboard.writeText(text).then(
      () => setStatus({ kind: 'info', text: t('copied') }),
      (e) => setStatus({ kind: 'error', text: t('actionFailed', errorText(e, i18n)) }),
    );
  }

  if (comparison) {
    return (
      <CompareApp db={db} policy={policy} recordings={recordings} comparison={comparison} onComparison={setComparison} onClose={() => setComparison(undefined)} />
    );
  }

  return (
    <Report
      headerActions={<CompareButton scope={scope} recordings={recordings} onComparison={setComparison} />}
      policy={policy}
      recordings={recordings}
      logRequests={logRequests}
      scope={scope}
      tab={tab}
      observations={observations}
      rawAvailable={recording?.rawEvidence === true}
      status={status}
      busy={changes.busy}
      progress={changes.progress}
      onScope={setScope}
      onExport={onExport}
      onImport={(f) => void changes.onImport(f)}
      onUpdate={(id, patch) => void changes.onUpdate(id, patch)}
      onDelete={(id) => void changes.onDelete(id)}
      onCopy={onCopy}
    />
  );
}

document.documentElement.lang = i18n.lang;
document.title = t('title');
// What the background still holds is written before the first read (it waits for a pause in the traffic); the
// report opens anyway when the background cannot answer.
request('store/flush')
  .catch(() => undefined)
  .then(() => openStoreReader())
  .then((db) =>
    render(
      <I18nContext.Provider value={i18n}>
        <App db={db} />
      </I18nContext.Provider>,
      document.getElementById('app')!,
    ),
  );
