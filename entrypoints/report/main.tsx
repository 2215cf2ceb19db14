/**
 * The report page (report.html): recordings, the passive log and imported HAR files, with exports and
 * import. Storage and browser calls happen here (reads from IndexedDB, the import through the background);
 * components/report only renders.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { loadPolicy } from '../../lib/policy/load';
import { openStoreReader, type StoreReader } from '../../lib/store/read';
import { createClient } from '../../lib/messages';
import type { Observation, Recording } from '../../lib/model';
import { errorText } from '../../components/common/error-text';
import { I18nContext, pageI18n } from '../../components/common/i18n';
import { Report, type ExportKind, type ReportStatus } from '../../components/report/Report';
import type { Scope } from '../../components/report/ScopeList';
// The verbatim policy text ships inside the extension; its SHA-256 goes into every export's manifest.
import policyText from '../../lib/policy/lync-privacy-policy-2012.sv.txt?raw';
import { exportContext, exportText, importFile, loadObservations, loadRecordings, logCount, type PageFacts } from './data';
import { download } from '../../components/common/download';
import { CompareApp } from './compare';
import { comparisonFrom, withComparison, type Comparison } from '../../components/diff/sides';
import { compareText } from '../../components/diff/strings';

const policy = loadPolicy();
const i18n = pageI18n({ search: location.search, uiLanguage: browser.i18n.getUILanguage(), languages: navigator.languages });
const facts: PageFacts = { policy, policyText, extensionVersion: browser.runtime.getManifest().version, userAgent: navigator.userAgent };

function initialScope(): Scope {
  const rec = Number(new URLSearchParams(location.search).get('recording'));
  return Number.isInteger(rec) && rec > 0 ? rec : 'log';
}

const request = createClient((message) => browser.runtime.sendMessage(message));

function App({ db }: { db: StoreReader }) {
  const [recordings, setRecordings] = useState<Array<{ recording: Recording; requests: number }>>([]);
  const [logRequests, setLogRequests] = useState<number | undefined>();
  const [scope, setScope] = useState<Scope>(initialScope);
  const [observations, setObservations] = useState<Observation[] | undefined>();
  const [status, setStatus] = useState<ReportStatus | undefined>();
  const [busy, setBusy] = useState(false);
  // A comparison named in the URL (?before=…&after=…) opens the page on it, so comparisons can be bookmarked.
  const [comparison, setComparisonState] = useState<Comparison | undefined>(() => comparisonFrom(location.search));
  function setComparison(next: Comparison | undefined) {
    history.replaceState(null, '', location.pathname + withComparison(location.search, next));
    setComparisonState(next);
  }

  async function refreshList() {
    setRecordings(await loadRecordings(db));
    setLogRequests(await logCount(db));
  }

  useEffect(() => {
    void refreshList();
  }, []);

  useEffect(() => {
    let live = true;
    setObservations(undefined);
    loadObservations(db, scope).then(
      (list) => live && setObservations(list),
      (e) => live && setStatus({ kind: 'error', text: String(e) }),
    );
    return () => {
      live = false;
    };
  }, [scope]);

  const recording = scope === 'log' ? undefined : recordings.find((r) => r.recording.id === scope)?.recording;

  function onExport(kind: ExportKind, raw: boolean) {
    if (!observations) return;
    const ctx = exportContext(facts, scope, recording, observations, raw);
    const file = exportText(kind, observations, ctx);
    download(file.name, file.text, file.type);
    setStatus({ kind: 'info', text: i18n.t('exported', [file.name, observations.length]) });
  }

  async function onImport(file: File) {
    setBusy(true);
    setStatus({ kind: 'info', text: i18n.t('importing', file.name) });
    try {
      const { recording: rec, count } = await importFile(request, file);
      await refreshList();
      setScope(rec.id!);
      setStatus({ kind: 'info', text: i18n.t('imported', [file.name, count]) });
    } catch (e) {
      setStatus({ kind: 'error', text: i18n.t('importFailed', [file.name, errorText(e, i18n)]) });
    } finally {
      setBusy(false);
    }
  }

  if (comparison) {
    return (
      <CompareApp db={db} policy={policy} recordings={recordings} comparison={comparison} onComparison={setComparison} onClose={() => setComparison(undefined)} />
    );
  }

  const compareButton = (
    <button
      type="button"
      class="tt-button"
      data-action="compare"
      onClick={() => {
        // Start from the scope on screen against the newest other recording (or the passive log).
        const other = recordings.find((r) => r.recording.id !== scope)?.recording.id;
        setComparison({
          before: scope === 'log' ? { kind: 'log' } : { kind: 'recording', id: scope },
          after: other === undefined ? { kind: 'log' } : { kind: 'recording', id: other },
        });
      }}
    >
      {compareText(i18n.lang, 'compare')}
    </button>
  );

  return (
    <Report
      headerActions={compareButton}
      policy={policy}
      recordings={recordings}
      logRequests={logRequests}
      scope={scope}
      observations={observations}
      rawAvailable={recording?.rawEvidence === true}
      status={status}
      busy={busy}
      onScope={setScope}
      onExport={onExport}
      onImport={(f) => void onImport(f)}
    />
  );
}

document.documentElement.lang = i18n.lang;
document.title = i18n.t('title');
openStoreReader().then((db) =>
  render(
    <I18nContext.Provider value={i18n}>
      <App db={db} />
    </I18nContext.Provider>,
    document.getElementById('app')!,
  ),
);
