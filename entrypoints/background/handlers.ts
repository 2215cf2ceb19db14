/** The background's one message handler table (protocol: lib/messages.ts). */
import { browser } from 'wxt/browser';
import type { BackgroundState, Handlers } from '../../lib/messages';
import { parseCustomOrigin, permissionPatternFor } from '../../lib/capture/origins';
import { browserLabel } from '../../lib/capture/profile';
import {
  deleteAllData,
  deleteRecording,
  getAggregate,
  getSettings,
  listObservations,
  listRecordings,
  startRecording,
  stopRecording,
  updateRecording,
  updateSettings,
} from '../../lib/store';
import { clearRules, loadRules, saveRules } from '../../lib/rules-store';
import { forgetScans } from '../../lib/classify/index';
import type { RequestPipeline } from './pipeline';
import { saveProfile } from './profile';
import { importHandlers } from './import';

type Group<K extends keyof Handlers> = Pick<Handlers, K>;

export function createHandlers(pipeline: RequestPipeline, onOriginsChanged: (origins: string[]) => void): Handlers {
  return {
    ...dataHandlers(pipeline),
    ...recordingHandlers(pipeline),
    ...settingsHandlers(pipeline, onOriginsChanged),
    ...importHandlers(pipeline),
  };
}

/** How long after a page asked for the state the queued records are written. */
const FLUSH_AFTER_PAGE_OPENS_MS = 200;

function dataHandlers(pipeline: RequestPipeline): Group<'state/get' | 'log/pause' | 'data/deleteAll' | 'store/flush' | 'aggregate/get' | 'observations/list'> {
  const db = () => pipeline.database();

  async function state(): Promise<BackgroundState> {
    const log = await getAggregate(await db(), 'log');
    return {
      paused: pipeline.settings?.paused ?? false,
      recording: pipeline.recording ?? null,
      gaps: log?.gaps ?? 0,
      pending: pipeline.merger.size,
      customOrigins: pipeline.settings?.customOrigins ?? [],
    };
  }

  return {
    // A page asks for the state when it opens (popup, report, panel) and then reads the store itself: what is
    // queued is written soon after, so its next read has it, but not at once, which would compete with the
    // page's first paint on the same cores (writes otherwise wait for a pause in the traffic, up to 2 s).
    'state/get'() {
      setTimeout(() => void pipeline.writer.flush().catch(() => undefined), FLUSH_AFTER_PAGE_OPENS_MS);
      return state();
    },

    async 'log/pause'({ paused }) {
      pipeline.settings = await updateSettings(await db(), { paused });
      return state();
    },

    async 'data/deleteAll'() {
      await pipeline.writer.flush();
      await deleteAllData(await db());
      forgetScans();
      pipeline.recording = undefined;
      pipeline.resetNotified();
      const tabs = await browser.tabs.query({}).catch(() => []);
      for (const tab of tabs) if (tab.id !== undefined) pipeline.resetTab(tab.id);
      return { deleted: true };
    },

    async 'store/flush'() {
      await pipeline.writer.flush();
      return { flushed: true };
    },

    async 'aggregate/get'({ key }) {
      await pipeline.writer.flush();
      return (await getAggregate(await db(), key)) ?? null;
    },

    async 'observations/list'(query) {
      await pipeline.writer.flush();
      return listObservations(await db(), query);
    },
  };
}

function recordingHandlers(pipeline: RequestPipeline): Group<'recording/start' | 'recording/stop' | 'recording/list' | 'recording/update' | 'recording/delete'> {
  const db = () => pipeline.database();
  return {
    async 'recording/start'({ title, notes, rawEvidence }) {
      await pipeline.writer.flush();
      const rec = await startRecording(await db(), {
        title,
        notes,
        rawEvidence,
        browser: browserLabel(pipeline.profile),
        extensionVersion: browser.runtime.getManifest().version,
        policyId: pipeline.engine?.policyId ?? 'unclassified',
      });
      pipeline.recording = rec;
      return rec;
    },

    async 'recording/stop'() {
      await pipeline.writer.flush();
      const stopped = await stopRecording(await db());
      pipeline.recording = undefined;
      return stopped ?? null;
    },

    async 'recording/list'() {
      return listRecordings(await db());
    },

    async 'recording/update'({ id, title, notes }) {
      const rec = await updateRecording(await db(), id, { title, notes });
      if (pipeline.recording?.id === id) pipeline.recording = rec;
      return rec;
    },

    async 'recording/delete'({ id }) {
      if (pipeline.recording?.id === id) {
        await stopRecording(await db());
        pipeline.recording = undefined;
      }
      // Queued observations of this recording must land before the delete, or they would outlive it.
      await pipeline.writer.flush();
      return { deleted: await deleteRecording(await db(), id) };
    },
  };
}

type SettingsMessages = 'origins/add' | 'origins/remove' | 'settings/get' | 'settings/set' | 'rules/get' | 'rules/set' | 'rules/clear' | 'profile/screen';

function settingsHandlers(pipeline: RequestPipeline, onOriginsChanged: (origins: string[]) => void): Group<SettingsMessages> {
  const db = () => pipeline.database();

  async function setOrigins(origins: string[]): Promise<{ origins: string[] }> {
    pipeline.settings = await updateSettings(await db(), { customOrigins: origins });
    pipeline.merger.setCustomOrigins(pipeline.settings.customOrigins);
    onOriginsChanged(pipeline.settings.customOrigins);
    return { origins: pipeline.settings.customOrigins };
  }

  return {
    async 'origins/add'({ origin }) {
      const parsed = parseCustomOrigin(origin);
      if (!parsed) throw new Error(`not an http(s) origin: ${origin}`);
      // The options page asks for the permission from the user's click; without it nothing can be seen.
      const granted = await browser.permissions.contains({ origins: [permissionPatternFor(parsed)] });
      if (!granted) throw new Error(`no host permission for ${parsed}`);
      const current = pipeline.settings?.customOrigins ?? (await getSettings(await db())).customOrigins;
      return setOrigins([...new Set([...current, parsed])]);
    },

    async 'origins/remove'({ origin }) {
      const parsed = parseCustomOrigin(origin) ?? origin;
      const current = pipeline.settings?.customOrigins ?? (await getSettings(await db())).customOrigins;
      return setOrigins(current.filter((o) => o !== parsed));
    },

    async 'settings/get'() {
      return getSettings(await db());
    },

    async 'settings/set'(patch) {
      pipeline.settings = await updateSettings(await db(), patch);
      void pipeline.retention();
      return pipeline.settings;
    },

    async 'rules/get'() {
      return (await loadRules(browser.storage.local))?.info ?? null;
    },

    async 'rules/set'({ text, fileName }) {
      // saveRules validates before writing: a malformed file throws and the rules in force stay.
      const loaded = await saveRules(browser.storage.local, text, fileName, Date.now());
      pipeline.rules = loaded.rules;
      return loaded.info;
    },

    async 'rules/clear'() {
      await clearRules(browser.storage.local);
      pipeline.rules = undefined;
      return { cleared: true };
    },

    async 'profile/screen'({ screenResolution }) {
      if (pipeline.profile.screenResolution !== screenResolution) {
        pipeline.profile = { ...pipeline.profile, screenResolution };
        await saveProfile(pipeline.profile);
      }
      return { ok: true };
    },
  };
}
