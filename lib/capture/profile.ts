/**
 * This browser's own values (BrowserProfile), built from what an extension context can read. Chromium
 * exposes User-Agent Client Hints through navigator.userAgentData; Firefox has none, so its values come from
 * the User-Agent string. The caller does the reading; this file only turns the readings into a profile.
 */
import type { BrowserProfile } from '../model';

export interface UaBrand {
  brand: string;
  version: string;
}

/** The readings, as plain data (navigator.userAgentData high-entropy values, navigator.languages, Intl). */
export interface ProfileReadings {
  userAgent?: string;
  languages?: readonly string[];
  timeZone?: string;
  screenResolution?: string;
  uaData?: {
    platform?: string;
    platformVersion?: string;
    fullVersionList?: UaBrand[];
    brands?: UaBrand[];
    model?: string;
    architecture?: string;
  };
}

/** GREASE brands ("Not.A/Brand", "Not_A Brand") are noise Chromium adds on purpose. */
function isGrease(brand: string): boolean {
  return /not.?a.?brand/i.test(brand);
}

/** Prefers a vendor brand (Google Chrome, Microsoft Edge, Opera) over the engine brand "Chromium". */
export function pickBrand(brands: readonly UaBrand[] | undefined): UaBrand | undefined {
  const real = (brands ?? []).filter((b) => !isGrease(b.brand));
  return real.find((b) => b.brand !== 'Chromium') ?? real[0];
}

function fromUserAgent(ua: string): Partial<BrowserProfile> {
  const out: Partial<BrowserProfile> = {};
  const firefox = /Firefox\/([\d.]+)/.exec(ua);
  const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(ua);
  if (firefox) {
    out.browserName = 'Firefox';
    out.browserVersion = firefox[1];
  } else if (chrome) {
    out.browserName = 'Chromium';
    out.browserVersion = chrome[1];
  }
  const windows = /Windows NT ([\d.]+)/.exec(ua);
  const mac = /Mac OS X ([\d_.]+)/.exec(ua);
  if (windows) {
    out.osName = 'Windows';
    out.osVersion = windows[1];
  } else if (mac) {
    out.osName = 'macOS';
    out.osVersion = mac[1]!.replace(/_/g, '.');
  } else if (/Android/.test(ua)) {
    out.osName = 'Android';
  } else if (/Linux|X11/.test(ua)) {
    out.osName = 'Linux';
  }
  const arch = /(x86_64|x64|aarch64|arm64|i686)/i.exec(ua);
  if (arch) out.architecture = arch[1]!.toLowerCase();
  return out;
}

/** Builds a profile; client hints win over the User-Agent string where both say something. */
export function buildProfile(r: ProfileReadings): BrowserProfile {
  const profile: BrowserProfile = {};
  if (r.userAgent) {
    profile.userAgent = r.userAgent;
    Object.assign(profile, fromUserAgent(r.userAgent));
  }
  const ua = r.uaData;
  if (ua) {
    if (ua.platform) profile.osName = ua.platform;
    if (ua.platformVersion) profile.osVersion = ua.platformVersion;
    const brand = pickBrand(ua.fullVersionList) ?? pickBrand(ua.brands);
    if (brand) {
      profile.browserName = brand.brand;
      profile.browserVersion = brand.version;
    }
    if (ua.model) profile.model = ua.model;
    if (ua.architecture) profile.architecture = ua.architecture;
  }
  if (r.languages?.length) profile.languages = [...r.languages];
  if (r.timeZone) profile.timeZone = r.timeZone;
  if (r.screenResolution) profile.screenResolution = r.screenResolution;
  return profile;
}

/** A short "name version" label for a recording's browser field. */
export function browserLabel(profile: BrowserProfile): string {
  return [profile.browserName, profile.browserVersion].filter(Boolean).join(' ') || 'unknown';
}
