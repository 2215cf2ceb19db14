/**
 * Collects this browser's profile once per browser session (cached in storage.session, so a restarted worker
 * reuses it) from the worker's own navigator. Screen size is unknown in a worker; a page posts it later.
 */
import { browser } from 'wxt/browser';
import type { BrowserProfile } from '../../lib/model';
import { buildProfile, type ProfileReadings, type UaBrand } from '../../lib/capture/profile';

const KEY = 'profile';

interface UaData {
  platform?: string;
  brands?: UaBrand[];
  getHighEntropyValues?(hints: string[]): Promise<Record<string, unknown>>;
}

async function readUaData(): Promise<ProfileReadings['uaData']> {
  const ua = (navigator as Navigator & { userAgentData?: UaData }).userAgentData;
  if (!ua) return undefined;
  const base = { platform: ua.platform, brands: ua.brands };
  try {
    const high = await ua.getHighEntropyValues?.(['platformVersion', 'fullVersionList', 'model', 'architecture']);
    return { ...base, ...(high as ProfileReadings['uaData']) };
  } catch {
    return base;
  }
}

export async function collectProfile(): Promise<BrowserProfile> {
  const session = browser.storage?.session;
  const cached = (await session?.get(KEY).catch(() => undefined))?.[KEY] as BrowserProfile | undefined;
  if (cached) return cached;
  const profile = buildProfile({
    userAgent: navigator.userAgent,
    languages: navigator.languages,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    uaData: await readUaData(),
  });
  // Firefox has no client hints; its own API gives the exact version.
  const info = await (browser.runtime as { getBrowserInfo?: () => Promise<{ name: string; version: string }> })
    .getBrowserInfo?.()
    .catch(() => undefined);
  if (info) {
    profile.browserName = info.name;
    profile.browserVersion = info.version;
  }
  await session?.set({ [KEY]: profile }).catch(() => undefined);
  return profile;
}

export async function saveProfile(profile: BrowserProfile): Promise<void> {
  await browser.storage?.session?.set({ [KEY]: profile }).catch(() => undefined);
}
