/** User settings, stored as one record in the `settings` store. */

export interface Settings {
  /** Passive-log observations older than this are deleted (recordings are kept until deleted). */
  retentionDays: number;
  /** The passive log keeps at most this many observations (recordings do not count). */
  retentionMaxObservations: number;
  /** While paused, nothing is recorded in the passive log (a running recording still records). */
  paused: boolean;
  /** Extra client origins, e.g. an on-premises Lync Web App (`https://lyncweb.example.com`). */
  customOrigins: string[];
  /** Show a notification the first time an undisclosed flow (omitted / incorrect) is seen. */
  notifyUndisclosed: boolean;
  /**
   * Read the headers Chromium hides from a plain listener (Accept-Language, Referer, Origin, Cookie) on page
   * navigations and help and feedback requests. Off by default: while Chromium is asked for them, every request
   * the browser makes costs more (README: what watching costs). A running recording reads them regardless.
   */
  hiddenHeaders: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  retentionDays: 7,
  retentionMaxObservations: 50_000,
  paused: false,
  customOrigins: [],
  notifyUndisclosed: false,
  hiddenHeaders: false,
});

export const SETTINGS_KEY = 'settings';

/** Limits that keep a typo from deleting everything or from keeping a log without bound. */
export const RETENTION_LIMITS = {
  days: { min: 1, max: 365 },
  observations: { min: 100, max: 1_000_000 },
} as const;

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(n)));
}

/** Fills defaults for missing or malformed fields and clamps the limits; accepts anything. */
export function sanitizeSettings(input: unknown): Settings {
  const s = (input && typeof input === 'object' ? input : {}) as Partial<Record<keyof Settings, unknown>>;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return {
    retentionDays: clamp(
      num(s.retentionDays, DEFAULT_SETTINGS.retentionDays),
      RETENTION_LIMITS.days.min,
      RETENTION_LIMITS.days.max,
    ),
    retentionMaxObservations: clamp(
      num(s.retentionMaxObservations, DEFAULT_SETTINGS.retentionMaxObservations),
      RETENTION_LIMITS.observations.min,
      RETENTION_LIMITS.observations.max,
    ),
    paused: s.paused === true,
    customOrigins: Array.isArray(s.customOrigins)
      ? [...new Set(s.customOrigins.filter((o): o is string => typeof o === 'string'))]
      : [],
    notifyUndisclosed: s.notifyUndisclosed === true,
    hiddenHeaders: s.hiddenHeaders === true,
  };
}
