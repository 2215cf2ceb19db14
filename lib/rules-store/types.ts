/**
 * Shapes and limits of persisted custom rules, apart from the parser so the message protocol can use them
 * without pulling the endpoint catalogue into every page.
 */

/** The key under which the rules live in the key-value area. */
export const RULES_KEY = 'customRules';
/** A rules file is a handful of patterns; anything this large is the wrong file. */
export const MAX_RULES_CHARS = 1_000_000;
export const MAX_RULES_FILE_NAME = 500;

export interface StoredRules {
  text: string;
  fileName: string;
  /** Epoch ms. */
  importedAt: number;
}

/** What pages show about the rules in force (the message protocol's answer). */
export interface RulesInfo extends StoredRules {
  endpoints: number;
  fields: number;
}

/** The subset of storage.local (or any async key-value store) the rules need. */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

