/**
 * The report page's state, one hook per concern: the recordings list, the observations of the scope on
 * screen, the comparison kept in the URL, and the changes that go through the background (import, rename,
 * delete). Strings come from the page's I18nContext.
 */
import { useEffect, useState } from 'preact/hooks';
import type { createClient } from '../../lib/messages';
import type { StoreReader } from '../../lib/store/read';
import type { Observation, Recording } from '../../lib/model';
import { errorText } from '../../components/common/error-text';
import { useI18n, type I18n } from '../../components/common/i18n';
import type { ReportStatus } from '../../components/report/Report';
import type { ImportProgress, TabScope } from '../../components/report/ScopeList';
import { tabOf, type Scope } from '../../components/report/scope';
import { comparisonFrom, withComparison, type Comparison } from '../../components/diff/sides';
import { importFile, loadObservations, loadRecordings, logCount } from './data';

export type RecordingRow = { recording: Recording; requests: number };
type SetStatus = (status: ReportStatus | undefined) => void;

/** The recordings with their request counts, and the passive log's count; `refresh` reads both again. */
export function useRecordingList(db: StoreReader) {
  const [recordings, setRecordings] = useState<RecordingRow[]>([]);
  const [logRequests, setLogRequests] = useState<number | undefined>();
  async function refresh() {
    setRecordings(await loadRecordings(db));
    setLogRequests(await logCount(db));
  }
  useEffect(() => {
    void refresh();
  }, []);
  return { recordings, logRequests, refresh };
}

/** The tab scope with its label: the client origin its requests came from, else the tab number. */
function tabScope(scope: `tab:${number}`, observations: Observation[], { t }: I18n): TabScope {
  const origin = observations.find((o) => o.clientOrigin)?.clientOrigin;
  return { scope, label: t('tabTitle', origin ? origin.replace(/^https?:\/\//, '') : scope.slice(4)) };
}

/** The scope's observations (undefined while they load) and the last tab scope opened. */
export function useScopeObservations(db: StoreReader, scope: Scope, setStatus: SetStatus) {
  const i18n = useI18n();
  const [observations, setObservations] = useState<Observation[] | undefined>();
  const [tab, setTab] = useState<TabScope | undefined>();
  useEffect(() => {
    let live = true;
    setObservations(undefined);
    loadObservations(db, scope).then(
      (list) => {
        if (!live) return;
        setObservations(list);
        // The tab stays in the list once opened, whichever scope is shown after it.
        if (tabOf(scope) !== undefined) setTab(tabScope(scope as `tab:${number}`, list, i18n));
      },
      (e) => live && setStatus({ kind: 'error', text: String(e) }),
    );
    return () => {
      live = false;
    };
  }, [scope]);
  return { observations, tab };
}

/** A comparison named in the URL (?before=…&after=…) opens the page on it, so comparisons can be bookmarked. */
export function useComparisonInUrl(): [Comparison | undefined, (next: Comparison | undefined) => void] {
  const [comparison, setComparisonState] = useState<Comparison | undefined>(() => comparisonFrom(location.search));
  function setComparison(next: Comparison | undefined) {
    history.replaceState(null, '', location.pathname + withComparison(location.search, next));
    setComparisonState(next);
  }
  return [comparison, setComparison];
}

interface ChangeDeps {
  request: ReturnType<typeof createClient>;
  recordings: RecordingRow[];
  refresh: () => Promise<void>;
  setScope: (scope: Scope) => void;
  setStatus: SetStatus;
}

/** Import, rename and delete, each sent to the background and followed by a fresh list and a status line. */
export function useRecordingChanges({ request, recordings, refresh, setScope, setStatus }: ChangeDeps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | undefined>();
  const failed = (e: unknown) => setStatus({ kind: 'error', text: t('actionFailed', errorText(e, i18n)) });

  async function onImport(file: File) {
    setBusy(true);
    setStatus({ kind: 'info', text: t('importing', file.name) });
    setProgress({ fileName: file.name, fraction: 0 });
    try {
      const { recording: rec, count } = await importFile(request, file, (p) => setProgress({ fileName: file.name, fraction: p.fraction }));
      await refresh();
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
      await refresh();
      setStatus({ kind: 'info', text: t('updated', rec.title) });
    } catch (e) {
      failed(e);
    }
  }

  async function onDelete(id: number) {
    const title = recordings.find((r) => r.recording.id === id)?.recording.title ?? String(id);
    try {
      const { deleted } = await request('recording/delete', { id });
      await refresh();
      setScope('log');
      setStatus({ kind: 'info', text: t('deleted', [title, deleted]) });
    } catch (e) {
      failed(e);
    }
  }

  return { busy, progress, onImport, onUpdate, onDelete };
}
