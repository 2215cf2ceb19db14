/**
 * An error as the user reads it, in the page's language. The engine's messages (HAR reader, rules parser,
 * recordings, the background's replies) are English, written for the command line and logs; a Swedish page
 * shows a Swedish sentence of what kind of problem it was, plus where (line and column, HAR entry) when the
 * message names it, and never the English text itself.
 */
import type { I18n, StringKey } from './i18n';

/** Which engine error a message is, by its class name or, after a trip through a message reply, its wording. */
const KINDS: Array<{ key: StringKey; names: string[]; wording: RegExp }> = [
  { key: 'errorHar', names: ['HarError'], wording: /^(not a HAR file|entry \d+:)/ },
  { key: 'errorRules', names: ['RulesError'], wording: /^(rules|custom rules)\b/ },
  { key: 'errorRecording', names: ['RecordingError'], wording: /recording/ },
  { key: 'errorPolicy', names: ['PolicyError'], wording: /^policy\b/ },
];

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function errorText(e: unknown, { lang, t }: Pick<I18n, 'lang' | 't'>): string {
  const message = messageOf(e);
  if (lang === 'en') return message || t('errorUnexpected');
  const name = e instanceof Error ? e.name || e.constructor.name : '';
  const kind = KINDS.find((k) => k.names.includes(name) || k.wording.test(message));
  const parts = [t(kind?.key ?? 'errorUnexpected')];
  const at = /line (\d+), column (\d+)/.exec(message);
  if (at) parts.push(t('errorAtLine', [at[1]!, at[2]!]));
  const entry = /^entry (\d+)/.exec(message);
  if (entry) parts.push(t('errorAtEntry', entry[1]!));
  return parts.join(', ');
}
