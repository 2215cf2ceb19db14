/**
 * What the engine knows by name: body fields, query parameters and headers that carry standard computer
 * information, content or identifiers. This file is data only; adding a field name means adding one line here
 * (and a fixture that shows it).
 *
 * Body and query rules
 * --------------------
 * `path` is a dotted key path matched case-insensitively against the END of a field's key path, with dotted
 * keys counting as nested ones: `ext.os.ver` matches `{"ext":{"os":{"ver":…}}}` anywhere in a body, and
 * `ai.device.os` matches `{"tags":{"ai.device.os":…}}`. Array indices are ignored. Key segments are compared
 * without underscores and without the prefixes JSLL and vortex pixels put on query keys (`*market`, `-ver`), so
 * `Data.Browser_Version` meets `browserVersion`. When several rules match a field, the longest path wins. A
 * one-segment path (`culture`) matches that key at any depth, so those carry a `when` test on the value.
 *
 * `yields` says what a match makes (RULES.md beside this file has the reasoning):
 * - `item`: the value of a standard-computer-information item left (after the value passed shapes.ts);
 * - `hint`: the field names something without its value (an OS family, a browser name, a device class);
 * - `identifier` / `content`: an identifier (stored and exported masked) or content (fingerprinted);
 * - `none`: a value about the page, the server, the SDK or the app, which is never an item; nothing under it is
 *   searched by value either.
 * `example` is a value the rule must recognise (a meta-test puts it under the rule's path and checks).
 */
import type { ContentKindId, IdentifierId, SignalId } from '../policy/types';

/**
 * A test on the value before a rule counts:
 * - `value` (default): a non-empty string or a finite number;
 * - `langtag`: a language tag such as `sv` or `sv-SE` (or an LCID number);
 * - `text`: free text (a string with at least one letter);
 * - `stack`: a string that looks like a stack trace, or a non-empty array/object (a parsed stack);
 * - `error-text`: a string that names an error or exception type (`TypeError: …`);
 * - `exception`: the string `ExceptionData` (Application Insights / 1DS exception events);
 * - `ip`: an IPv4 or IPv6 address;
 * - `dump`: a base64 blob of at least 256 characters, or a non-empty array/object;
 * - `user-agent`: a string parsed as a User-Agent; each part found (OS, browser) is its own evidence;
 * - `token`: a GUID or an opaque token (shapes.ts looksLikeToken), for generic id-like keys.
 */
export type ValueTest =
  | 'value'
  | 'langtag'
  | 'text'
  | 'stack'
  | 'error-text'
  | 'exception'
  | 'ip'
  | 'dump'
  | 'user-agent'
  | 'token';

export type RuleYield = 'item' | 'hint' | 'identifier' | 'content' | 'none';

export interface FieldRule {
  path: string;
  /** The standard-computer-information signal this field shows (user-agent rules find their own). */
  signal?: SignalId;
  /** Or the content kind / identifier it carries. */
  kind?: ContentKindId | IdentifierId;
  /** What a match makes; see the file comment. */
  yields: RuleYield;
  /** A value this rule recognises under its path (checked by a meta-test). */
  example: unknown;
  /** `body` or `query` only; both when absent. */
  in?: 'body' | 'query';
  when?: ValueTest;
  /** Counts only on online-help hosts (HELP_HOSTS), where the parameter names are generic. */
  helpOnly?: boolean;
  /** Constants an SDK writes for every browser (compared case-insensitively): never evidence. */
  constants?: readonly string[];
}

export const FIELD_RULES: readonly FieldRule[] = [
  // --- Common Schema (1DS / OneCollector) `ext` blocks ---
  { path: 'ext.os.name', signal: 'os-name', yields: 'hint', example: 'Windows' },
  { path: 'ext.os.ver', signal: 'os-version', yields: 'item', example: '10.0.19045' },
  { path: 'ext.os.locale', signal: 'locale', yields: 'item', example: 'sv-SE' },
  { path: 'ext.web.browser', signal: 'browser-name', yields: 'hint', example: 'Edge' },
  { path: 'ext.web.browserVer', signal: 'browser-version', yields: 'item', example: '124.0.2478.51' },
  { path: 'ext.web.browserLang', signal: 'language', yields: 'item', example: 'sv-SE' },
  { path: 'ext.web.screenRes', signal: 'screen-resolution', yields: 'item', example: '1920x1080' },
  { path: 'ext.web.userAgent', when: 'user-agent', yields: 'item', example: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51' },
  { path: 'ext.device.make', signal: 'device-make', yields: 'item', example: 'Microsoft Corporation' },
  { path: 'ext.device.model', signal: 'device-model', yields: 'item', example: 'Surface Laptop 5' },
  { path: 'ext.device.deviceClass', signal: 'device-class', yields: 'hint', example: 'Desktop' },
  { path: 'ext.device.localId', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'ext.device.id', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'ext.device.ip', signal: 'ip-address', when: 'ip', yields: 'item', example: '192.0.2.44' },
  { path: 'ext.app.locale', signal: 'locale', yields: 'item', example: 'sv-SE' },
  { path: 'ext.app.sesId', kind: 'session-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'ext.user.locale', signal: 'locale', yields: 'item', example: 'sv-SE' },
  { path: 'ext.user.localId', kind: 'user-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'ext.user.authId', kind: 'user-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'ext.user.id', kind: 'user-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'ext.loc.tz', signal: 'time-zone', yields: 'item', example: 'Europe/Stockholm' },
  { path: 'ext.loc.country', signal: 'location', yields: 'item', example: 'SE' },
  { path: 'ext.sdk.installId', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'sdk.installId', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },

  // --- Application Insights envelope tags ---
  // The JavaScript SDK writes `ai.device.id: "browser"` and `ai.device.type: "Browser"` for every browser.
  { path: 'ai.device.id', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b', constants: ['browser'] },
  { path: 'ai.device.ip', signal: 'ip-address', when: 'ip', yields: 'item', example: '192.0.2.44' },
  { path: 'ai.device.language', signal: 'language', yields: 'item', example: 'sv-SE' },
  { path: 'ai.device.locale', signal: 'locale', yields: 'item', example: 'sv-SE' },
  { path: 'ai.device.model', signal: 'device-model', yields: 'item', example: 'Surface Laptop 5' },
  { path: 'ai.device.oemName', signal: 'device-make', yields: 'item', example: 'Microsoft Corporation' },
  { path: 'ai.device.os', signal: 'os-name', yields: 'hint', example: 'Windows' },
  { path: 'ai.device.osVersion', signal: 'os-version', yields: 'item', example: '10.0.19045' },
  { path: 'ai.device.type', signal: 'device-class', yields: 'hint', example: 'Desktop', constants: ['Browser'] },
  { path: 'ai.device.browser', signal: 'browser-name', yields: 'hint', example: 'Edge' },
  { path: 'ai.device.browserVersion', signal: 'browser-version', yields: 'item', example: '124.0.2478.51' },
  { path: 'ai.device.screenResolution', signal: 'screen-resolution', yields: 'item', example: '1920x1080' },
  { path: 'ai.device.machineName', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'ai.location.ip', signal: 'ip-address', when: 'ip', yields: 'item', example: '192.0.2.44' },
  { path: 'ai.location.country', signal: 'location', yields: 'item', example: 'SE' },
  { path: 'ai.location.province', signal: 'location', yields: 'item', example: 'SE' },
  { path: 'ai.location.city', signal: 'location', yields: 'item', example: 'SE' },
  { path: 'ai.user.id', kind: 'user-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'ai.user.authUserId', kind: 'user-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  // "In multi-tenant applications this is the account ID or name which the user is acting with."
  { path: 'ai.user.accountId', kind: 'tenant-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'ai.user.userAgent', when: 'user-agent', yields: 'item', example: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51' },
  { path: 'ai.session.id', kind: 'session-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  // Exception telemetry: `data.baseType` and `baseData.exceptions[].{stack,parsedStack}`.
  { path: 'baseType', kind: 'error-report', when: 'exception', yields: 'content', example: 'ExceptionData' },
  { path: 'exceptions', kind: 'error-report', when: 'stack', yields: 'content', example: 'TypeError: x is undefined\n    at f (https://a.test/x.js:10:5)' },

  // --- Office required diagnostic data ---
  { path: 'Device.OsVersion', signal: 'os-version', yields: 'item', example: '10.0.19045' },
  { path: 'Device.OsBuild', signal: 'os-version', yields: 'item', example: '10.0.19045' },
  { path: 'Device.OsName', signal: 'os-name', yields: 'hint', example: 'Windows' },
  { path: 'Device.Model', signal: 'device-model', yields: 'item', example: 'Surface Laptop 5' },
  { path: 'Device.Manufacturer', signal: 'device-make', yields: 'item', example: 'Microsoft Corporation' },
  { path: 'Device.Name', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'Device.Id', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'Device.OsLocale', signal: 'locale', yields: 'item', example: 'sv-SE' },
  { path: 'Device.NetworkCountry', signal: 'location', yields: 'item', example: 'SE' },
  { path: 'Device.ProcessorArchitecture', signal: 'cpu-architecture', yields: 'item', example: 'x64' },
  { path: 'Device.ScreenResolution', signal: 'screen-resolution', yields: 'item', example: '1920x1080' },
  { path: 'Session.Id', kind: 'session-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'Session.TimeZoneBiasInMinutes', signal: 'time-zone', yields: 'item', example: 'Europe/Stockholm' },
  { path: 'User.TenantId', kind: 'tenant-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'User.PrimaryIdentityHash', kind: 'user-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'App.Locale', signal: 'locale', yields: 'item', example: 'sv-SE' },

  // --- Teams client telemetry and registration ---
  { path: 'DeviceInfo.OsName', signal: 'os-name', yields: 'hint', example: 'Windows' },
  { path: 'DeviceInfo.OsVersion', signal: 'os-version', yields: 'item', example: '10.0.19045' },
  { path: 'DeviceInfo.CpuArchitecture', signal: 'cpu-architecture', yields: 'item', example: 'x64' },
  { path: 'DeviceInfo.BrowserName', signal: 'browser-name', yields: 'hint', example: 'Edge' },
  { path: 'DeviceInfo.BrowserVersion', signal: 'browser-version', yields: 'item', example: '124.0.2478.51' },
  { path: 'DeviceInfo.ScreenResolution', signal: 'screen-resolution', yields: 'item', example: '1920x1080' },
  { path: 'DeviceInfo.Model', signal: 'device-model', yields: 'item', example: 'Surface Laptop 5' },
  { path: 'DeviceInfo.Id', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'UserInfo.Language', signal: 'language', yields: 'item', example: 'sv-SE' },
  { path: 'UserInfo.Locale', signal: 'locale', yields: 'item', example: 'sv-SE' },
  { path: 'UserInfo.TimeZone', signal: 'time-zone', yields: 'item', example: 'Europe/Stockholm' },
  { path: 'UserInfo.Id', kind: 'user-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'UserInfo.TenantId', kind: 'tenant-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  // Trouter / registrar registration: clientDescription.{languageId, platform, ...}
  { path: 'clientDescription.languageId', signal: 'language', when: 'langtag', yields: 'item', example: 'sv-SE' },
  { path: 'clientDescription.platform', signal: 'browser-name', yields: 'hint', example: 'Edge' },

  // --- Lync / Skype UCWA application registration {UserAgent, EndpointId, Culture} ---
  { path: 'UserAgent', when: 'user-agent', yields: 'item', example: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51' },
  { path: 'Culture', signal: 'locale', when: 'langtag', yields: 'item', example: 'sv-SE' },
  { path: 'EndpointId', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b', when: 'token' },
  { path: 'instanceId', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b', when: 'token' },

  // --- Push and messaging payloads ---
  { path: 'messagePreview', kind: 'message-preview', when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'previewText', kind: 'message-preview', when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'senderDisplayName', kind: 'sender-display-name', when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'imdisplayname', kind: 'sender-display-name', when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'fromDisplayName', kind: 'sender-display-name', when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'conversationId', kind: 'conversation-id', yields: 'content', example: '19:meeting_abc@thread.v2' },
  { path: 'conversation.id', kind: 'conversation-id', yields: 'content', example: '19:meeting_abc@thread.v2' },
  { path: 'threadId', kind: 'conversation-id', yields: 'content', example: '19:meeting_abc@thread.v2' },

  // --- Error reports and dumps ---
  { path: 'stack', kind: 'error-report', when: 'stack', yields: 'content', example: 'TypeError: x is undefined\n    at f (https://a.test/x.js:10:5)' },
  { path: 'stackTrace', kind: 'error-report', when: 'stack', yields: 'content', example: 'TypeError: x is undefined\n    at f (https://a.test/x.js:10:5)' },
  { path: 'parsedStack', kind: 'error-report', when: 'stack', yields: 'content', example: 'TypeError: x is undefined\n    at f (https://a.test/x.js:10:5)' },
  { path: 'errorStack', kind: 'error-report', when: 'stack', yields: 'content', example: 'TypeError: x is undefined\n    at f (https://a.test/x.js:10:5)' },
  // The message of an exception event is part of the error report (it often quotes the user's data).
  { path: 'message', kind: 'error-report', when: 'error-text', yields: 'content', example: 'TypeError: x is undefined' },
  { path: 'errorMessage', kind: 'error-report', when: 'error-text', yields: 'content', example: 'TypeError: x is undefined' },
  { path: 'exceptionMessage', kind: 'error-report', when: 'error-text', yields: 'content', example: 'TypeError: x is undefined' },
  { path: 'dump', kind: 'memory-dump', when: 'dump', yields: 'content', example: { modules: ['kernel32.dll'] } },
  { path: 'minidump', kind: 'memory-dump', when: 'dump', yields: 'content', example: { modules: ['kernel32.dll'] } },
  { path: 'memoryDump', kind: 'memory-dump', when: 'dump', yields: 'content', example: { modules: ['kernel32.dll'] } },
  { path: 'crashDump', kind: 'memory-dump', when: 'dump', yields: 'content', example: { modules: ['kernel32.dll'] } },

  // --- Feedback ---
  { path: 'comment', kind: 'feedback-content', when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'comments', kind: 'feedback-content', when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'feedbackText', kind: 'feedback-content', when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'userComment', kind: 'feedback-content', when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'verbatim', kind: 'feedback-content', when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },

  // --- Online help: query parameters (support.office.com/client/results?…&lcid=&omkt=, config16?syslcid=&uilcid=) ---
  { path: 'lcid', signal: 'locale', yields: 'item', example: '1053' },
  { path: 'clcid', signal: 'locale', yields: 'item', example: '1053' },
  { path: 'syslcid', signal: 'locale', yields: 'item', example: '1053' },
  { path: 'uilcid', signal: 'language', yields: 'item', example: '1053' },
  { path: 'omkt', signal: 'market', yields: 'item', example: 'sv-se' },
  { path: 'mkt', signal: 'market', in: 'query', yields: 'item', example: 'sv-se' },
  { path: 'ui', signal: 'language', in: 'query', yields: 'item', example: 'sv-SE' },
  { path: 'setlang', signal: 'language', in: 'query', when: 'langtag', yields: 'item', example: 'sv-SE' },
  { path: 'query', kind: 'help-query', helpOnly: true, when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'q', kind: 'help-query', helpOnly: true, when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'searchTerm', kind: 'help-query', helpOnly: true, when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'searchQuery', kind: 'help-query', helpOnly: true, when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'search', kind: 'help-query', helpOnly: true, when: 'text', yields: 'content', example: 'Hur delar jag min skärm?' },
  { path: 'rating', kind: 'help-rating', helpOnly: true, yields: 'content', example: '5' },
  { path: 'helpful', kind: 'help-rating', helpOnly: true, yields: 'content', example: '5' },
  { path: 'wasHelpful', kind: 'help-rating', helpOnly: true, yields: 'content', example: '5' },

  // --- Push registration and endpoint identifiers (Teams registrar, Trouter, Skype) ---
  { path: 'registrationId', kind: 'device-id', yields: 'identifier', example: '0b5e6f7a-1c2d-4e3f-8a9b-0c1d2e3f4a5b', when: 'token' },
  { path: 'epid', kind: 'device-id', yields: 'identifier', example: '6f1c8d3e-2b4a-4c5d-9e8f-7a6b5c4d3e2f', when: 'token' },
  { path: 'clientId', kind: 'device-id', yields: 'identifier', example: 'c0ffee00-1234-4d5e-8f90-abcdef012345', when: 'token', in: 'body' },
  { path: 'machineId', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b', when: 'token' },
  { path: 'installId', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b', when: 'token' },

  // --- Language and region as Office and its web services spell them (LCIDs decimal or hex, codes) ---
  { path: 'DEVLANG', signal: 'language', yields: 'item', example: '1053', when: 'langtag' },
  { path: 'LanguageId', signal: 'language', yields: 'item', example: 1053, when: 'langtag' },
  { path: 'LanguageUxId', signal: 'language', yields: 'item', example: 'sv-SE', when: 'langtag' },
  { path: 'uiLanguage', signal: 'language', yields: 'item', example: 'sv-SE', when: 'langtag' },
  { path: 'uiLang', signal: 'language', yields: 'item', example: 'SVE', when: 'langtag' },
  { path: 'displayLanguage', signal: 'language', yields: 'item', example: 'sv-SE', when: 'langtag' },
  { path: 'browserLanguage', signal: 'language', yields: 'item', example: 'sv-SE', when: 'langtag' },
  { path: 'userLanguage', signal: 'language', yields: 'item', example: 'sv-SE', when: 'langtag' },
  { path: 'OsLocale', signal: 'locale', yields: 'item', example: 'sv-SE', when: 'langtag' },
  { path: 'SystemLocale', signal: 'locale', yields: 'item', example: '0x41d', when: 'langtag' },
  { path: 'userLocale', signal: 'locale', yields: 'item', example: 'sv-SE', when: 'langtag' },
  { path: 'market', signal: 'market', yields: 'item', example: 'sv-SE', when: 'langtag' },
  { path: 'country', signal: 'location', yields: 'item', example: 'SE' },
  { path: 'countryCode', signal: 'location', yields: 'item', example: 'SE' },

  // --- OS and browser under generic app names (dotted, underscored, User-Agent Client Hints in a body) ---
  { path: 'osVer', signal: 'os-version', yields: 'item', example: '10.0' },
  { path: 'osBuild', signal: 'os-version', yields: 'item', example: '19045' },
  { path: 'platformVersion', signal: 'os-version', yields: 'item', example: '15.0.0' },
  { path: 'browserVer', signal: 'browser-version', yields: 'item', example: '124.0.2478.51' },
  { path: 'cpuArchitecture', signal: 'cpu-architecture', yields: 'item', example: 'x64' },
  { path: 'clientIpAddress', signal: 'ip-address', yields: 'item', example: '192.0.2.44', when: 'ip' },
  { path: 'localIp', signal: 'ip-address', yields: 'item', example: '10.1.2.3', when: 'ip' },
  { path: 'publicIp', signal: 'ip-address', yields: 'item', example: '192.0.2.44', when: 'ip' },

  // --- Never items: the page, the server, the call's far end, the SDK and the app describe themselves ---
  { path: 'pageLanguage', yields: 'none', example: 'sv-SE' },
  { path: 'page.lang', yields: 'none', example: 'sv-SE' },
  { path: 'page.language', yields: 'none', example: 'sv-SE' },
  { path: 'document.lang', yields: 'none', example: 'sv-SE' },
  { path: 'contentLanguage', yields: 'none', example: 'sv-SE' },
  { path: 'htmlLang', yields: 'none', example: 'sv-SE' },
  { path: 'serverIp', yields: 'none', example: '52.112.0.10' },
  { path: 'serverAddress', yields: 'none', example: '52.112.0.10' },
  { path: 'remoteAddress', yields: 'none', example: '52.112.0.10' },
  { path: 'remoteIp', yields: 'none', example: '52.112.0.10' },
  { path: 'relayAddress', yields: 'none', example: '52.112.0.10' },
  { path: 'destination.ip', yields: 'none', example: '52.112.0.10' },
  { path: 'serverTime', yields: 'none', example: '2024-05-01T10:00:00Z' },
  { path: 'serverTimestamp', yields: 'none', example: '2024-05-01T10:00:00Z' },
  { path: 'ext.sdk.ver', yields: 'none', example: '1DS-Web-JS-3.2.6' },
  { path: 'ext.app.ver', yields: 'none', example: '1415/24050101' },
  { path: 'App.Version', yields: 'none', example: '16.0.17531.20000' },
  { path: 'sdkVersion', yields: 'none', example: 'javascript:3.1.2' },
  { path: 'appVersion', yields: 'none', example: '1.2.3' },
  { path: 'clientVersion', yields: 'none', example: '27/1.0.0.2024' },
  { path: 'productVersion', yields: 'none', example: '16.0.1' },

  // --- Generic names that are precise enough on their own (with a value test where the name is broad) ---
  { path: 'ip', signal: 'ip-address', when: 'ip', yields: 'item', example: '192.0.2.44' },
  { path: 'clientIp', signal: 'ip-address', when: 'ip', yields: 'item', example: '192.0.2.44' },
  { path: 'ipAddress', signal: 'ip-address', when: 'ip', yields: 'item', example: '192.0.2.44' },
  { path: 'osName', signal: 'os-name', yields: 'hint', example: 'Windows' },
  { path: 'osVersion', signal: 'os-version', yields: 'item', example: '10.0.19045' },
  { path: 'browserName', signal: 'browser-name', yields: 'hint', example: 'Edge' },
  { path: 'browserVersion', signal: 'browser-version', yields: 'item', example: '124.0.2478.51' },
  { path: 'screenResolution', signal: 'screen-resolution', yields: 'item', example: '1920x1080' },
  { path: 'timeZone', signal: 'time-zone', yields: 'item', example: 'Europe/Stockholm' },
  { path: 'locale', signal: 'locale', when: 'langtag', yields: 'item', example: 'sv-SE' },
  { path: 'language', signal: 'language', when: 'langtag', yields: 'item', example: 'sv-SE' },
  { path: 'lang', signal: 'language', when: 'langtag', yields: 'item', example: 'sv-SE' },
  { path: 'deviceModel', signal: 'device-model', yields: 'item', example: 'Surface Laptop 5' },
  { path: 'userId', kind: 'user-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'tenantId', kind: 'tenant-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'deviceId', kind: 'device-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
  { path: 'sessionId', kind: 'session-id', yields: 'identifier', example: '3f1e5b2a-8d4c-4e6f-9a1b-2c3d4e5f6a7b' },
];

/**
 * UCWA (the Lync / Skype for Business web API) read by resource: what a request to one resource carries that the
 * user wrote or that names someone else. The names `to`, `subject` or `query` mean this only there, so these are
 * not body rules. Resources and fields from Microsoft's UCWA reference (advocations/skype at 92831bea,
 * Skype/UCWA/<name>_ref.md and the SendAnIM, SearchForUsersContact and SubscribeToThe… how-tos).
 *
 * `resource` is the path below `…/applications/<id>/`, compared in lower case; `*` stands for one segment (an
 * id). `body`: the whole body (text/plain or text/html) is that content. `query` and `fields`: query parameters
 * and JSON body fields (a dotted key path from the body's root) that carry it; a string, or each string of an
 * array, counts. An `href` counts only as a `data:` URI (the message inline); any other href names a resource.
 * `example` is a request to the resource in which the rule must find its kinds (checked by a meta-test).
 */
export interface UcwaResourceRule {
  resource: string;
  body?: ContentKindId;
  query?: Readonly<Record<string, ContentKindId>>;
  fields?: Readonly<Record<string, ContentKindId>>;
  example: { query?: string; body?: string; mimeType?: string };
}

/** Who a conversation invitation goes to, its subject and its first message (startMessaging_ref.md). */
const INVITATION_FIELDS = { to: 'contact-address', subject: 'instant-message', '_links.message.href': 'instant-message' } as const;
const INVITATION_EXAMPLE = {
  body: '{"operationId":"74cb7404","to":"sip:john@contoso.com","importance":"Normal","subject":"SkypeforBusiness","_links":{"message":{"href":"data:text/plain;base64,SGVqIQ=="}}}',
  mimeType: 'application/json',
};
const TO_EXAMPLE = { body: '{"operationId":"74cb7404","to":"sip:john@contoso.com"}', mimeType: 'application/json' };

export const UCWA_RESOURCE_RULES: readonly UcwaResourceRule[] = [
  // SendAnIM.md: the message text is the body of the POST; sendMessage_ref.md names the same resource sendMessage.
  { resource: 'communication/conversations/*/messaging/messages', body: 'instant-message', example: { body: "What's up?", mimeType: 'text/plain' } },
  { resource: 'communication/conversations/*/messaging/sendmessage', body: 'instant-message', example: { body: 'HelloWorld!', mimeType: 'text/plain' } },
  { resource: 'communication/startmessaging', query: { to: 'contact-address' }, fields: INVITATION_FIELDS, example: INVITATION_EXAMPLE },
  { resource: 'communication/messaginginvitations', fields: INVITATION_FIELDS, example: INVITATION_EXAMPLE },
  { resource: 'communication/conversations/*/messaging/addmessaging', fields: { '_links.message.href': 'instant-message' }, example: INVITATION_EXAMPLE },
  // addParticipant_ref.md, startAudio_ref.md, startAudioVideo_ref.md, startPhoneAudio_ref.md: whom you call or add.
  { resource: 'communication/conversations/*/addparticipant', query: { to: 'contact-address' }, fields: { to: 'contact-address' }, example: TO_EXAMPLE },
  { resource: 'communication/startaudio', query: { to: 'contact-address' }, fields: { to: 'contact-address' }, example: TO_EXAMPLE },
  { resource: 'communication/startaudiovideo', query: { to: 'contact-address' }, fields: { to: 'contact-address' }, example: TO_EXAMPLE },
  { resource: 'communication/startphoneaudio', query: { to: 'contact-address' }, fields: { to: 'contact-address' }, example: TO_EXAMPLE },
  // SearchForUsersContact.md (people/search?query=) and search_ref.md (search?query=&mail=).
  { resource: 'people/search', query: { query: 'people-search', mail: 'people-search' }, example: { query: 'query=sarad@contoso.com&limit=3' } },
  { resource: 'search', query: { query: 'people-search', mail: 'people-search' }, example: { query: 'query=Sara&limit=3' } },
  // SubscribeToThePresenceOfSelectedContacts.md, presenceSubscriptions_ref.md, memberships_ref.md: whose presence you follow.
  { resource: 'presencesubscriptions', fields: { uris: 'contact-address' }, example: { body: '{"duration":15,"uris":["sip:johndoe@contoso.com"]}', mimeType: 'application/json' } },
  { resource: 'people/presencesubscriptions', fields: { uris: 'contact-address' }, example: { body: '{"duration":11,"Uris":["sip:SaraD@contoso.com"]}', mimeType: 'application/json' } },
  { resource: 'presencesubscription/memberships', fields: { contacturis: 'contact-address' }, example: { body: '{"contactUris":["sip:user2@contoso.com"]}', mimeType: 'application/json' } },
  { resource: 'presencesubscription/addtopresencesubscription', fields: { contacturis: 'contact-address' }, example: { body: '{"contactUris":["sip:user2@contoso.com"]}', mimeType: 'application/json' } },
  // ScheduleAnOnlineMeeting.md, UpdateAnOnlineMeeting.md, myOnlineMeetings_ref.md: whom a meeting invites and who leads it.
  { resource: 'onlinemeetings/myonlinemeetings', fields: { attendees: 'contact-address', leaders: 'contact-address' }, example: { body: '{"subject":"holiday party","attendees":["sip:Chris@contoso.com"],"leaders":[]}', mimeType: 'application/json' } },
  { resource: 'onlinemeetings/myonlinemeetings/*', fields: { attendees: 'contact-address', leaders: 'contact-address' }, example: { body: '{"attendees":["sip:Chris@contoso.com"],"leaders":[]}', mimeType: 'application/json' } },
];

/**
 * Headers the engine reads by name. `user-agent` is parsed into OS and browser parts; `client-hints` brand
 * lists (`"Chromium";v="124", …`) give the browser name and version. Every other header is scanned by value.
 */
export interface HeaderRule {
  signals: SignalId[];
  parse?: 'user-agent' | 'brands';
  /** Ignore the header when its value is one of these (e.g. an empty `Sec-CH-UA-Model: ""`). */
  ignore?: string[];
}

export const HEADER_RULES: Readonly<Record<string, HeaderRule>> = {
  'user-agent': { signals: ['os-name', 'os-version', 'browser-name', 'browser-version'], parse: 'user-agent' },
  'accept-language': { signals: ['language'] },
  'sec-ch-ua': { signals: ['browser-name', 'browser-version'], parse: 'brands' },
  'sec-ch-ua-full-version-list': { signals: ['browser-name', 'browser-version'], parse: 'brands' },
  'sec-ch-ua-full-version': { signals: ['browser-version'] },
  'sec-ch-ua-platform': { signals: ['os-name'] },
  'sec-ch-ua-platform-version': { signals: ['os-version'] },
  'sec-ch-ua-model': { signals: ['device-model'], ignore: ['""', ''] },
  'sec-ch-ua-arch': { signals: ['cpu-architecture'], ignore: ['""', ''] },
  'sec-ch-ua-bitness': { signals: ['cpu-architecture'], ignore: ['""', ''] },
  // `?0` only says "not a 32-bit browser on 64-bit Windows"; `?1` says which architecture the browser runs on.
  'sec-ch-ua-wow64': { signals: ['cpu-architecture'], ignore: ['?0'] },
  'sec-ch-ua-mobile': { signals: ['device-class'] },
  'sec-ch-ua-form-factors': { signals: ['device-class'], ignore: ['""', ''] },
  // Not sent by browsers themselves, but a proxy or a client library may add them.
  'x-forwarded-for': { signals: ['ip-address'] },
  'x-client-ip': { signals: ['ip-address'] },
};

// The help and feedback hosts live with every other host list, in lib/catalogue/hosts.ts.
export { HELP_HOSTS, FEEDBACK_HOSTS } from '../catalogue/hosts';
