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
import type { Capture } from './pipeline';
import { saveProfile } from './profile';

export function createHandlers(capture: Capture, onOriginsChanged: (origins: string[]) => void): Handlers {
  const db = () => capture.database();

  async function state(): Promise<BackgroundState> {
    const log = await getAggregate(await db(), 'log');
    return {
      paused: capture.settings?.paused ?? false,
      recording: capture.recording ?? null,
      gaps: log?.gaps ?? 0,
      pending: capture.merger.size,
      customOrigins: capture.settings?.customOrigins ?? [],
    };
  }

  async function setOrigins(origins: string[]): Promise<{ origins: string[] }> {
    capture.settings = await updateSettings(await db(), { customOrigins: origins });
    capture.merger.setCustomOrigins(capture.settings.customOrigins);
    onOriginsChanged(capture.settings.customOrigins);
    return { origins: capture.settings.customOrigins };
  }

  return {
    'state/get': state,

    async 'recording/start'({ title, notes, rawEvidence }) {
      await capture.writer.flush();
      const rec = await startRecording(await db(), {
        title,
        notes,
        rawEvidence,
        browser: browserLabel(capture.profile),
        extensionVersion: browser.runtime.getManifest().version,
        policyId: capture.engine?.policyId ?? 'unclassified',
      });
      capture.recording = rec;
      return rec;
    },

    async 'recording/stop'() {
      await capture.writer.flush();
      const stopped = await stopRecording(await db());
      capture.recording = undefined;
      return stopped ?? null;
    },

    async 'recording/list'() {
      return listRecordings(await db());
    },

    async 'recording/update'({ id, title, notes }) {
      const rec = await updateRecording(await db(), id, { title, notes });
      if (capture.recording?.id === id) capture.recording = rec;
      return rec;
    },

    async 'recording/delete'({ id }) {
      if (capture.recording?.id === id) {
        await stopRecording(await db());
        capture.recording = undefined;
      }
      // Queued observations of this recording must land before the delete, or they would outlive it.
      await capture.writer.flush();
      return { deleted: await deleteRecording(await db(), id) };
    },

    async 'log/pause'({ paused }) {
      capture.settings = await updateSettings(await db(), { paused });
      return state();
    },

    async 'data/deleteAll'() {
      await capture.writer.flush();
      await deleteAllData(await db());
      capture.recording = undefined;
      capture.resetNotified();
      const tabs = await browser.tabs.query({}).catch(() => []);
      for (const tab of tabs) if (tab.id !== undefined) capture.resetTab(tab.id);
      return { deleted: true };
    },

    async 'origins/add'({ origin }) {
      const parsed = parseCustomOrigin(origin);
      if (!parsed) throw new Error(`not an http(s) origin: ${origin}`);
      // The options page asks for the permission from the user's click; without it nothing can be seen.
      const granted = await browser.permissions.contains({ origins: [permissionPatternFor(parsed)] });
      if (!granted) throw new Error(`no host permission for ${parsed}`);
      const current = capture.settings?.customOrigins ?? (await getSettings(await db())).customOrigins;
      return setOrigins([...new Set([...current, parsed])]);
    },

    async 'origins/remove'({ origin }) {
      const parsed = parseCustomOrigin(origin) ?? origin;
      const current = capture.settings?.customOrigins ?? (await getSettings(await db())).customOrigins;
      return setOrigins(current.filter((o) => o !== parsed));
    },

    async 'settings/get'() {
      return getSettings(await db());
    },

    async 'settings/set'(patch) {
      capture.settings = await updateSettings(await db(), patch);
      void capture.retention();
      return capture.settings;
    },

    async 'aggregate/get'({ key }) {
      await capture.writer.flush();
      return (await getAggregate(await db(), key)) ?? null;
    },

    async 'observations/list'(query) {
      await capture.writer.flush();
      return listObservations(await db(), query);
    },

    async 'rules/get'() {
      return (await loadRules(browser.storage.local))?.info ?? null;
    },

    async 'rules/set'({ text, fileName }) {
      // saveRules validates before writing: a malformed file throws and the rules in force stay.
      const loaded = await saveRules(browser.storage.local, text, fileName, Date.now());
      capture.rules = loaded.rules;
      return loaded.info;
    },

    async 'rules/clear'() {
      await clearRules(browser.storage.local);
      capture.rules = undefined;
      return { cleared: true };
    },

    async 'profile/screen'({ screenResolution }) {
      if (capture.profile.screenResolution !== screenResolution) {
        capture.profile = { ...capture.profile, screenResolution };
        await saveProfile(capture.profile);
      }
      return { ok: true };
    },
  };
}
