/**
 * The browser profile `telltale check` derives from the capture itself. Offline there is no extension to ask
 * navigator.userAgentData, so the profile comes from what the browser sent: User-Agent, Client Hints and
 * Accept-Language, in the order the file holds them. With it, detection by value works as it does live: the
 * exact User-Agent string inside a JSON body, an OS version inside a base64 blob.
 *
 * One DerivedProfile per file (a file is one browser); the first value of each header wins, and the profile
 * object changes only when a header adds something, so the engine's per-profile caches stay warm.
 */
import type { BrowserProfile, Header } from '../model';
import { buildProfile, type ProfileReadings, type UaBrand } from '../capture/profile';
import { parseBrands } from '../detect/index';

/** `sv-SE,sv;q=0.9,en;q=0.8` → `['sv-SE', 'sv', 'en']` (in the order sent; quality values ignored). */
export function acceptLanguages(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.split(';')[0]!.trim())
    .filter((tag) => tag !== '' && tag !== '*')
    .slice(0, 16);
}

function unquote(v: string): string {
  const t = v.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

function brands(v: string): UaBrand[] {
  return parseBrands(v).map((b) => ({ brand: b.brand, version: b.version }));
}

export class DerivedProfile {
  private readonly readings: ProfileReadings & { uaData: NonNullable<ProfileReadings['uaData']> } = { uaData: {} };
  private profile: BrowserProfile | undefined;

  /** Folds in one request's headers; the profile so far, or undefined while nothing is known. */
  see(headers: readonly Header[] | undefined): BrowserProfile | undefined {
    let changed = false;
    for (const h of headers ?? []) {
      if (typeof h?.name !== 'string' || typeof h.value !== 'string' || h.value.trim() === '') continue;
      changed = this.read(h.name.toLowerCase(), h.value) || changed;
    }
    if (changed) this.profile = buildProfile(this.readings);
    return this.profile;
  }

  /** Records a header's value unless one was recorded already; true when it added something. */
  private read(name: string, value: string): boolean {
    const r = this.readings;
    const ua = r.uaData;
    switch (name) {
      case 'user-agent':
        return r.userAgent === undefined && ((r.userAgent = value), true);
      case 'accept-language':
        return r.languages === undefined && ((r.languages = acceptLanguages(value)), r.languages.length > 0);
      case 'sec-ch-ua-platform':
        return ua.platform === undefined && ((ua.platform = unquote(value)), true);
      case 'sec-ch-ua-platform-version':
        return ua.platformVersion === undefined && unquote(value) !== '' && ((ua.platformVersion = unquote(value)), true);
      case 'sec-ch-ua-full-version-list':
        return ua.fullVersionList === undefined && ((ua.fullVersionList = brands(value)), true);
      case 'sec-ch-ua':
        return ua.brands === undefined && ((ua.brands = brands(value)), true);
      case 'sec-ch-ua-model':
        return ua.model === undefined && unquote(value) !== '' && ((ua.model = unquote(value)), true);
      case 'sec-ch-ua-arch':
        return ua.architecture === undefined && unquote(value) !== '' && ((ua.architecture = unquote(value)), true);
      default:
        return false;
    }
  }
}
