/**
 * Detection of standard computer information, content and identifiers in one request, with evidence.
 *
 * Evidence paths: `body[2].ext.os.ver`, `body[0].tags["ai.device.os"]` (keys that are not plain identifiers in
 * JSON string brackets), `url:query.lcid`, `url:path`, `header:sec-ch-ua-platform`, `connection`; a value found
 * only after URL- or base64-decoding ends in `~urlencoded` / `~base64`. See paths.ts.
 *
 * matchedBy: `key` (a known field name, FIELD_RULES), `header` (a known header, HEADER_RULES), `value` (this
 * browser's own value found anywhere, an IP-looking or stack-trace-looking value, and the connection's IP).
 */
export { detect, IP_CONNECTION_EVIDENCE, IP_CONNECTION_VALUE } from './detect';
export type { Detection } from './types';
export { FIELD_RULES, HEADER_RULES, HELP_HOSTS, FEEDBACK_HOSTS } from './field-rules';
export type { FieldRule, HeaderRule, ValueTest } from './field-rules';
export {
  MAX_EVIDENCE,
  MAX_EVIDENCE_PER_ID,
  MAX_EVIDENCE_VALUE,
  MAX_WALK_DEPTH,
  MAX_LEAVES,
} from './limits';
export { needlesFor } from './needles';
export { forgetScans } from './memo';
export type { Needle, Needles } from './needles';
export { parseUserAgent, parseBrands } from './user-agent';
export type { ParsedUserAgent, UaPart, Brand } from './user-agent';
export { formatPath } from './paths';
export { isIpAddress, isIPv4, isIPv6, looksLikeStackTrace, looksBase64, isLanguageTag } from './values';
