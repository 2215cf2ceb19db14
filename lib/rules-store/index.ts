/**
 * Persisted custom rules: the same JSON file `telltale check --rules FILE` takes, imported on the options page
 * and applied by the background to every request it classifies.
 *
 * The file's text is stored, not the parsed rules, so the options page can show exactly what is in force and
 * a new engine version re-validates it on load. A file is validated in full with the shared parseRules before
 * anything is written: a malformed file throws RulesError (naming the JSON line or the field) and the rules
 * already stored stay in force.
 *
 * Pure: the caller hands in a key-value area (the background passes storage.local; tests pass a Map).
 */
import { parseRules, RulesError, type CustomRules } from '../classify/rules';
import { MAX_RULES_CHARS, MAX_RULES_FILE_NAME, RULES_KEY, type KeyValueArea, type RulesInfo, type StoredRules } from './types';

export * from './types';

export interface LoadedRules {
  info: RulesInfo;
  rules: CustomRules;
}

function infoOf(stored: StoredRules, rules: CustomRules): RulesInfo {
  return { ...stored, endpoints: rules.endpoints?.length ?? 0, fields: rules.fields?.length ?? 0 };
}

/** Validates a rules file; throws RulesError with the parser's message (line for syntax, field for shape). */
export function acceptRulesFile(text: string, fileName: string, now: number): LoadedRules {
  if (text.length > MAX_RULES_CHARS) throw new RulesError(`rules: the file is larger than ${MAX_RULES_CHARS} characters`);
  // A UTF-8 byte order mark (saved by some Windows editors) is not part of the JSON.
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rules = parseRules(clean);
  const name = fileName.trim().slice(0, MAX_RULES_FILE_NAME) || 'rules.json';
  const stored: StoredRules = { text: clean, fileName: name, importedAt: now };
  return { info: infoOf(stored, rules), rules };
}

function isStored(v: unknown): v is StoredRules {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.text === 'string' && typeof s.fileName === 'string' && typeof s.importedAt === 'number';
}

/**
 * The stored rules, re-validated. A record that no longer parses (written by another engine version, or edited
 * by hand) is reported through `onInvalid` and ignored rather than half-applied.
 */
export async function loadRules(area: KeyValueArea, onInvalid?: (error: Error) => void): Promise<LoadedRules | undefined> {
  const record = (await area.get(RULES_KEY))[RULES_KEY];
  if (record === undefined) return undefined;
  if (!isStored(record)) {
    onInvalid?.(new RulesError('rules: the stored record is not a rules file'));
    return undefined;
  }
  try {
    const rules = parseRules(record.text);
    return { info: infoOf(record, rules), rules };
  } catch (e) {
    onInvalid?.(e instanceof Error ? e : new Error(String(e)));
    return undefined;
  }
}

/** Validates, then stores. Nothing is written when the file is malformed. */
export async function saveRules(area: KeyValueArea, text: string, fileName: string, now: number): Promise<LoadedRules> {
  const loaded = acceptRulesFile(text, fileName, now);
  const { endpoints: _e, fields: _f, ...stored } = loaded.info;
  await area.set({ [RULES_KEY]: stored });
  return loaded;
}

export async function clearRules(area: KeyValueArea): Promise<void> {
  await area.remove(RULES_KEY);
}
