/**
 * The report page (report.html): recordings, the passive log, imported HAR files and the popup's tab, with
 * exports, import, renaming, notes, deletion and comparison. Reads come from IndexedDB here; every change
 * (import, rename, notes, delete) goes through the background's typed messages, which owns the store.
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
import type { ImportProgress, TabScope } from '../../components/report/ScopeList';
import { parseScope, tabOf, type Scope } from '../../components/report/scope';
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
const request = createClient((m) => browser.runtime.sendMessage(m));
const t = i18n.t;
const failed = (e: unknown) => ({ kind: 'error' as const, text: t('actionFailed', errorText(e, i18n)) });

/** The tab scope with its label: the client origin its requests came from, else the tab number. */
function tabScope(scope: `tab:${number}`, observations: Observation[]): TabScope {
  const origin = observations.find((o) => o.clientOrigin)?.clientOrigin;
  return { scope, label: t('tabTitle', origin ? origin.replace(/^https?:\/\//, '') : scope.slice(4)) };
}

function App({ db }: { db: StoreReader }) {
  const [recordings, setRecordings] = useState<Array<{ recording: Recording; requests: number }>>([]);
  const [logRequests, setLogRequests] = useState<number | undefined>();
  const [scope, setScope] = useState<Scope>(() => parseScope(location.search));
  const [observations, setObservations] = useState<Observation[] | undefined>();
  const [status, setStatus] = useState<ReportStatus | undefined>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | undefined>();
  const [tab, setTab] = useState<TabScope | undefined>();
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
      (list) => {
        if (!live) return;
        setObservations(list);
        // The tab stays in the list once opened, whichever scope is shown after it.
        if (tabOf(scope) !== undefined) setTab(tabScope(scope as `tab:${number}`, list));
      },
      (e) => live && setStatus({ kind: 'error', text: String(e) }),
    );
    return () => {
      live = false;
    };
  }, [scope]);

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

  async function onImport(file: File) {
    setBusy(true);
    setStatus({ kind: 'info', text: t('importing', file.name) });
    setProgress({ fileName: file.name, fraction: 0 });
    try {
      const { recording: rec, count } = await importFile(request, file, (p) => setProgress({ fileName: file.name, fraction: p.fraction }));
      await refreshList();
      setScope(rec.id!);
      setStatus({ kind: 'info', text: t('imported', [file.name, count]) });
    } catch (e) {
      setStatus({ kind: 'error', text: t('importFailed', [file.name, errorText(e, i18n)]) });
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }

  async function onUpdate(id: number, patch: { title: string; notes: string }) {
    try {
      const rec = await request('recording/update', { id, ...patch });
      await refreshList();
      setStatus({ kind: 'info', text: t('updated', rec.title) });
    } catch (e) {
      setStatus(failed(e));
    }
  }

  async function onDelete(id: number) {
    const title = recordings.find((r) => r.recording.id === id)?.recording.title ?? String(id);
    try {
      const { deleted } = await request('recording/delete', { id });
      await refreshList();
      setScope('log');
      setStatus({ kind: 'info', text: t('deleted', [title, deleted]) });
    } catch (e) {
      setStatus(failed(e));
    }
  }

  function onCopy(text: string) {
    navigator.clipboard.writeText(text).then(
      () => setStatus({ kind: 'info', text: t('copied') }),
      (e) => setStatus(failed(e)),
    );
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
          before: typeof scope === 'number' ? { kind: 'recording', id: scope } : { kind: 'log' },
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
      tab={tab}
      observations={observations}
      rawAvailable={recording?.rawEvidence === true}
      status={status}
      busy={busy}
      progress={progress}
      onScope={setScope}
      onExport={onExport}
      onImport={(f) => void onImport(f)}
      onUpdate={(id, patch) => void onUpdate(id, patch)}
      onDelete={(id) => void onDelete(id)}
      onCopy={onCopy}
    />
  );
}

document.documentElement.lang = i18n.lang;
document.title = t('title');
openStoreReader().then((db) =>
  render(
    <I18nContext.Provider value={i18n}>
      <App db={db} />
    </I18nContext.Provider>,
    document.getElementById('app')!,
  ),
);
