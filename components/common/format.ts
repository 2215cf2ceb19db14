/** Small pure formatters shared by the popup, the report and the DevTools panel. */
import type { Verdict } from '../../lib/policy/types';
import { VERDICTS } from '../../lib/policy/types';

/**
 * Building an Intl.DateTimeFormat is the costly part (Chromium loads the locale's data for each new one: a
 * few ms apiece, most of the popup's render time when every row built its own), so each locale and shape is
 * built once and kept.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, sameDay: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${sameDay ? 'time' : 'date'}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      sameDay
        ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
        : { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
    );
    formatters.set(key, f);
  }
  return f;
}

/**
 * A time of day when `ms` falls on the same local day as `now`, otherwise date and time, in the locale's own
 * order (`I18n.locale`: en-US month/day, en-GB and sv-SE their own).
 */
export function formatTime(ms: number, locale: string, now: number = Date.now()): string {
  const d = new Date(ms);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return formatter(locale, sameDay).format(d);
}

/** Machine-readable timestamp for `<time datetime>`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Omitted and incorrect flows are the ones the policy does not disclose. */
export function isUndisclosed(verdict: Verdict): boolean {
  return verdict === 'omitted' || verdict === 'incorrect';
}

/** Higher is worse: clear 0, vague 1, omitted 2, incorrect 3. */
export function verdictRank(verdict: Verdict): number {
  return VERDICTS.indexOf(verdict);
}
