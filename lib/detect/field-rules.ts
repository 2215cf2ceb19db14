/**
 * What the engine knows by name: body fields, query parameters and headers that carry standard computer
 * information, content or identifiers. This file is data only; adding a field name means adding one line here
 * (and a fixture that shows it).
 *
 * Body and query rules
 * --------------------
 * `path` is a dotted key path matched case-insensitively against the END of a field's key path, with dotted
 * keys counting as nested ones: `ext.os.ver` matches `{"ext":{"os":{"ver":…}}}` anywhere in a body, and
 * `ai.device.os` matches `{"tags":{"ai.device.os":…}}`. Array indices are ignored. When several rules match a
 * field, the longest path wins. A one-segment path (`culture`) matches that key at any depth, so those carry a
 * `when` test on the value to stay precise.
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
 * - `user-agent`: a string parsed as a User-Agent; each part found (OS, browser) is its own evidence.
 */
export type ValueTest = 'value' | 'langtag' | 'text' | 'stack' | 'error-text' | 'exception' | 'ip' | 'dump' | 'user-agent';

export interface FieldRule {
  path: string;
  /** The standard-computer-information signal this field shows (user-agent rules find their own). */
  signal?: SignalId;
  /** Or the content kind / identifier it carries. */
  kind?: ContentKindId | IdentifierId;
  /** `body` or `query` only; both when absent. */
  in?: 'body' | 'query';
  when?: ValueTest;
  /** Counts only on online-help hosts (HELP_HOSTS), where the parameter names are generic. */
  helpOnly?: boolean;
}

export const FIELD_RULES: readonly FieldRule[] = [
  // --- Common Schema (1DS / OneCollector) `ext` blocks ---
  { path: 'ext.os.name', signal: 'os-name' },
  { path: 'ext.os.ver', signal: 'os-version' },
  { path: 'ext.os.locale', signal: 'locale' },
  { path: 'ext.web.browser', signal: 'browser-name' },
  { path: 'ext.web.browserVer', signal: 'browser-version' },
  { path: 'ext.web.browserLang', signal: 'language' },
  { path: 'ext.web.screenRes', signal: 'screen-resolution' },
  { path: 'ext.web.userAgent', when: 'user-agent' },
  { path: 'ext.device.make', signal: 'device-make' },
  { path: 'ext.device.model', signal: 'device-model' },
  { path: 'ext.device.deviceClass', signal: 'device-class' },
  { path: 'ext.device.localId', kind: 'device-id' },
  { path: 'ext.device.id', kind: 'device-id' },
  { path: 'ext.device.ip', signal: 'ip-address', when: 'ip' },
  { path: 'ext.app.locale', signal: 'locale' },
  { path: 'ext.app.sesId', kind: 'session-id' },
  { path: 'ext.user.locale', signal: 'locale' },
  { path: 'ext.user.localId', kind: 'user-id' },
  { path: 'ext.user.authId', kind: 'user-id' },
  { path: 'ext.user.id', kind: 'user-id' },
  { path: 'ext.loc.tz', signal: 'time-zone' },
  { path: 'ext.loc.country', signal: 'location' },
  { path: 'ext.sdk.installId', kind: 'device-id' },
  { path: 'sdk.installId', kind: 'device-id' },

  // --- Application Insights envelope tags ---
  { path: 'ai.device.id', kind: 'device-id' },
  { path: 'ai.device.ip', signal: 'ip-address', when: 'ip' },
  { path: 'ai.device.language', signal: 'language' },
  { path: 'ai.device.locale', signal: 'locale' },
  { path: 'ai.device.model', signal: 'device-model' },
  { path: 'ai.device.oemName', signal: 'device-make' },
  { path: 'ai.device.os', signal: 'os-name' },
  { path: 'ai.device.osVersion', signal: 'os-version' },
  { path: 'ai.device.type', signal: 'device-class' },
  { path: 'ai.device.browser', signal: 'browser-name' },
  { path: 'ai.device.browserVersion', signal: 'browser-version' },
  { path: 'ai.device.screenResolution', signal: 'screen-resolution' },
  { path: 'ai.device.machineName', kind: 'device-id' },
  { path: 'ai.location.ip', signal: 'ip-address', when: 'ip' },
  { path: 'ai.location.country', signal: 'location' },
  { path: 'ai.location.province', signal: 'location' },
  { path: 'ai.location.city', signal: 'location' },
  { path: 'ai.user.id', kind: 'user-id' },
  { path: 'ai.user.authUserId', kind: 'user-id' },
  // "In multi-tenant applications this is the account ID or name which the user is acting with."
  { path: 'ai.user.accountId', kind: 'tenant-id' },
  { path: 'ai.user.userAgent', when: 'user-agent' },
  { path: 'ai.session.id', kind: 'session-id' },
  // Exception telemetry: `data.baseType` and `baseData.exceptions[].{stack,parsedStack}`.
  { path: 'baseType', kind: 'error-report', when: 'exception' },
  { path: 'exceptions', kind: 'error-report', when: 'stack' },

  // --- Office required diagnostic data ---
  { path: 'Device.OsVersion', signal: 'os-version' },
  { path: 'Device.OsBuild', signal: 'os-version' },
  { path: 'Device.OsName', signal: 'os-name' },
  { path: 'Device.Model', signal: 'device-model' },
  { path: 'Device.Manufacturer', signal: 'device-make' },
  { path: 'Device.Name', kind: 'device-id' },
  { path: 'Device.Id', kind: 'device-id' },
  { path: 'Device.OsLocale', signal: 'locale' },
  { path: 'Device.NetworkCountry', signal: 'location' },
  { path: 'Device.ProcessorArchitecture', signal: 'cpu-architecture' },
  { path: 'Device.ScreenResolution', signal: 'screen-resolution' },
  { path: 'Session.Id', kind: 'session-id' },
  { path: 'Session.TimeZoneBiasInMinutes', signal: 'time-zone' },
  { path: 'User.TenantId', kind: 'tenant-id' },
  { path: 'User.PrimaryIdentityHash', kind: 'user-id' },
  { path: 'App.Locale', signal: 'locale' },

  // --- Teams client telemetry and registration ---
  { path: 'DeviceInfo.OsName', signal: 'os-name' },
  { path: 'DeviceInfo.OsVersion', signal: 'os-version' },
  { path: 'DeviceInfo.CpuArchitecture', signal: 'cpu-architecture' },
  { path: 'DeviceInfo.BrowserName', signal: 'browser-name' },
  { path: 'DeviceInfo.BrowserVersion', signal: 'browser-version' },
  { path: 'DeviceInfo.ScreenResolution', signal: 'screen-resolution' },
  { path: 'DeviceInfo.Model', signal: 'device-model' },
  { path: 'DeviceInfo.Id', kind: 'device-id' },
  { path: 'UserInfo.Language', signal: 'language' },
  { path: 'UserInfo.Locale', signal: 'locale' },
  { path: 'UserInfo.TimeZone', signal: 'time-zone' },
  { path: 'UserInfo.Id', kind: 'user-id' },
  { path: 'UserInfo.TenantId', kind: 'tenant-id' },
  // Trouter / registrar registration: clientDescription.{languageId, platform, ...}
  { path: 'clientDescription.languageId', signal: 'language', when: 'langtag' },
  { path: 'clientDescription.platform', signal: 'browser-name' },

  // --- Lync / Skype UCWA application registration {UserAgent, EndpointId, Culture} ---
  { path: 'UserAgent', when: 'user-agent' },
  { path: 'Culture', signal: 'locale', when: 'langtag' },
  { path: 'EndpointId', kind: 'device-id' },

  // --- Push and messaging payloads ---
  { path: 'messagePreview', kind: 'message-preview', when: 'text' },
  { path: 'previewText', kind: 'message-preview', when: 'text' },
  { path: 'senderDisplayName', kind: 'sender-display-name', when: 'text' },
  { path: 'imdisplayname', kind: 'sender-display-name', when: 'text' },
  { path: 'fromDisplayName', kind: 'sender-display-name', when: 'text' },
  { path: 'conversationId', kind: 'conversation-id' },
  { path: 'conversation.id', kind: 'conversation-id' },
  { path: 'threadId', kind: 'conversation-id' },

  // --- Error reports and dumps ---
  { path: 'stack', kind: 'error-report', when: 'stack' },
  { path: 'stackTrace', kind: 'error-report', when: 'stack' },
  { path: 'parsedStack', kind: 'error-report', when: 'stack' },
  { path: 'errorStack', kind: 'error-report', when: 'stack' },
  // The message of an exception event is part of the error report (it often quotes the user's data).
  { path: 'message', kind: 'error-report', when: 'error-text' },
  { path: 'errorMessage', kind: 'error-report', when: 'error-text' },
  { path: 'exceptionMessage', kind: 'error-report', when: 'error-text' },
  { path: 'dump', kind: 'memory-dump', when: 'dump' },
  { path: 'minidump', kind: 'memory-dump', when: 'dump' },
  { path: 'memoryDump', kind: 'memory-dump', when: 'dump' },
  { path: 'crashDump', kind: 'memory-dump', when: 'dump' },

  // --- Feedback ---
  { path: 'comment', kind: 'feedback-content', when: 'text' },
  { path: 'comments', kind: 'feedback-content', when: 'text' },
  { path: 'feedbackText', kind: 'feedback-content', when: 'text' },
  { path: 'userComment', kind: 'feedback-content', when: 'text' },
  { path: 'verbatim', kind: 'feedback-content', when: 'text' },

  // --- Online help: query parameters (support.office.com/client/results?…&lcid=&omkt=, config16?syslcid=&uilcid=) ---
  { path: 'lcid', signal: 'locale' },
  { path: 'clcid', signal: 'locale' },
  { path: 'syslcid', signal: 'locale' },
  { path: 'uilcid', signal: 'language' },
  { path: 'omkt', signal: 'market' },
  { path: 'mkt', signal: 'market', in: 'query' },
  { path: 'ui', signal: 'language', in: 'query' },
  { path: 'setlang', signal: 'language', in: 'query', when: 'langtag' },
  { path: 'query', kind: 'help-query', helpOnly: true, when: 'text' },
  { path: 'q', kind: 'help-query', helpOnly: true, when: 'text' },
  { path: 'searchTerm', kind: 'help-query', helpOnly: true, when: 'text' },
  { path: 'searchQuery', kind: 'help-query', helpOnly: true, when: 'text' },
  { path: 'search', kind: 'help-query', helpOnly: true, when: 'text' },
  { path: 'rating', kind: 'help-rating', helpOnly: true },
  { path: 'helpful', kind: 'help-rating', helpOnly: true },
  { path: 'wasHelpful', kind: 'help-rating', helpOnly: true },

  // --- Generic names that are precise enough on their own (with a value test where the name is broad) ---
  { path: 'ip', signal: 'ip-address', when: 'ip' },
  { path: 'clientIp', signal: 'ip-address', when: 'ip' },
  { path: 'ipAddress', signal: 'ip-address', when: 'ip' },
  { path: 'client_ip', signal: 'ip-address', when: 'ip' },
  { path: 'osName', signal: 'os-name' },
  { path: 'osVersion', signal: 'os-version' },
  { path: 'browserName', signal: 'browser-name' },
  { path: 'browserVersion', signal: 'browser-version' },
  { path: 'screenResolution', signal: 'screen-resolution' },
  { path: 'timeZone', signal: 'time-zone' },
  { path: 'locale', signal: 'locale', when: 'langtag' },
  { path: 'language', signal: 'language', when: 'langtag' },
  { path: 'lang', signal: 'language', when: 'langtag' },
  { path: 'deviceModel', signal: 'device-model' },
  { path: 'userId', kind: 'user-id' },
  { path: 'tenantId', kind: 'tenant-id' },
  { path: 'deviceId', kind: 'device-id' },
  { path: 'sessionId', kind: 'session-id' },
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
  'sec-ch-ua-wow64': { signals: ['cpu-architecture'] },
  'sec-ch-ua-mobile': { signals: ['device-class'] },
  'sec-ch-ua-form-factors': { signals: ['device-class'], ignore: ['""', ''] },
  // Not sent by browsers themselves, but a proxy or a client library may add them.
  'x-forwarded-for': { signals: ['ip-address'] },
  'x-client-ip': { signals: ['ip-address'] },
};

// The help and feedback hosts live with every other host list, in lib/catalogue/hosts.ts.
export { HELP_HOSTS, FEEDBACK_HOSTS } from '../catalogue/hosts';
