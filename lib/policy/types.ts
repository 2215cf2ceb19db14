/**
 * The policy as data. A policy file (JSON, see policy.schema.json) fills these types; nothing in the
 * engine hard-codes the Lync 2012 policy, so a newer privacy statement can be loaded without code changes.
 *
 * Every `sv` text that is marked as a quote must occur verbatim in the shipped policy text; `en` is our own
 * rendering. Ids are kebab-case and unique across the whole policy.
 */

export type Lang = 'sv' | 'en';

/** A text in both UI languages. */
export interface Text {
  sv: string;
  en: string;
}

export const FEATURE_IDS = [
  'standard-computer-information',
  'error-reporting',
  'push-notifications',
  'online-feedback',
  'online-help',
  'third-party',
] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

export const ITEM_IDS = [
  'ip-address',
  'os-version',
  'browser-version',
  'regional-settings',
  'language-settings',
  'hardware-id',
] as const;
export type ItemId = (typeof ITEM_IDS)[number];

/**
 * Who receives a request (lib/catalogue decides by its host): Microsoft, the organisation that runs its own
 * (on-premises) server, or a third party.
 */
export const DESTINATIONS = ['microsoft', 'organisation', 'third-party'] as const;
export type Destination = (typeof DESTINATIONS)[number];

/** PoliCheck-style disclosure verdicts, from best to worst. */
export const VERDICTS = ['clear', 'vague', 'omitted', 'incorrect'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A passage of the policy: a verbatim Swedish quote plus our English rendering. */
export interface SectionHeading {
  sv: string;
  en: string;
}

export interface Clause {
  id: string;
  /** The Swedish heading of the section the quote stands under, verbatim. */
  section: string;
  /** Verbatim Swedish sentence(s). */
  sv: string;
  /** English rendering of `sv`. */
  en: string;
}

export interface Feature {
  id: FeatureId;
  name: Text;
  /** Clause ids for: what the feature does, what it collects/processes/transmits, how that is used, and the user's choice. */
  does: string[];
  collects: string[];
  use: string[];
  choice: string[];
  /** Purposes the policy ties to this feature's data. */
  purposes: string[];
  /** Why the clauses were chosen, where the policy leaves room for reading (e.g. a feature with no stated choice). */
  note?: Text;
}

export interface Item {
  id: ItemId;
  name: Text;
  /** A one-line explanation for the UI. */
  description: Text;
  clause: string;
}

export interface Purpose {
  id: string;
  name: Text;
  clause: string;
}

/**
 * A concrete thing a request can reveal (a "signal"): an OS version string, a screen resolution, a time zone...
 * Each signal belongs to one item, or is a content kind / identifier. `precision` says how the policy covers it:
 * `named` when the policy's wording names it (OS version), `broad` when only a broad term covers it
 * (screen resolution under "maskinvaru-ID") — a broad signal makes an otherwise clear flow `vague`.
 */
export interface Signal {
  id: string;
  name: Text;
  item?: ItemId;
  precision: 'named' | 'broad';
  /** Why the signal is `named` or `broad`: which words of the policy cover it. */
  note?: Text;
}

/** Content the policy names (message content, error report contents, ...) or identifiers it never names. */
export interface ContentKind {
  id: string;
  kind: 'content' | 'identifier';
  name: Text;
  description: Text;
  /** The clause that names it; identifiers the policy never names point at the general clause they fall outside. */
  clause: string;
}

/**
 * A disclosure statement: for `subject` (an item id, content-kind id or identifier id, or '*' for every item)
 * flowing to `feature` (or '*' for any feature), the verdict and the clause that justifies it.
 * A statement with a `destination` applies only to requests that went there (e.g. `organisation`: the
 * organisation's own Lync server, not Microsoft) and comes first for them.
 * Lookup order: (subject, feature) then (subject, '*') among the destination's statements, then among the
 * others exact (subject, feature), then (subject, '*'), then ('*', feature), then ('*', '*').
 * A flow with no matching statement is `omitted`, justified by the feature's `collects` clause.
 */
export interface Disclosure {
  subject: string;
  feature: FeatureId | '*';
  destination?: Destination;
  verdict: Verdict;
  clause: string;
  note?: Text;
}

export interface Policy {
  id: string;
  title: Text;
  /** e.g. "2012-07" */
  published: string;
  /** File name of the verbatim policy text shipped beside the policy JSON. */
  source: string;
  /**
   * The section headings clauses stand under, each once: the verbatim Swedish and an English rendering.
   * Optional for older policy files; when present, every clause's `section` has an entry.
   */
  sections?: SectionHeading[];
  clauses: Clause[];
  features: Feature[];
  items: Item[];
  purposes: Purpose[];
  signals: Signal[];
  contentKinds: ContentKind[];
  disclosures: Disclosure[];
}

/**
 * Signal ids shared by the policy file (which says how each is covered) and the engine's detection rules
 * (which say where each is found). A policy file must define every one of them.
 */
export const SIGNAL_IDS = [
  // ip-address
  'ip-address',
  // os-version
  'os-name',
  'os-version',
  // browser-version
  'browser-name',
  'browser-version',
  // regional-settings
  'locale',
  'market',
  'time-zone',
  'location',
  // language-settings
  'language',
  // hardware-id
  'device-make',
  'device-model',
  'device-class',
  'screen-resolution',
  'cpu-architecture',
] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

/** Content kinds the policy names, and identifiers it never names. */
export const CONTENT_KIND_IDS = [
  'error-report',
  'memory-dump',
  'registry-settings',
  'files-documents',
  'message-preview',
  'sender-display-name',
  'conversation-id',
  'feedback-content',
  'help-query',
  'help-rating',
  'instant-message',
  'contact-address',
  'people-search',
] as const;
export const IDENTIFIER_IDS = ['user-id', 'tenant-id', 'device-id', 'session-id'] as const;
export type ContentKindId = (typeof CONTENT_KIND_IDS)[number];
export type IdentifierId = (typeof IDENTIFIER_IDS)[number];
