/**
 * Telltale as a library: `import { classify, loadPolicy, readHar } from 'telltale'`.
 * Bundled to dist/index.mjs by test/scripts/build-node.mjs.
 */
export { classify, matchEndpoint } from './classify/index';
export type { ClassifyOptions } from './classify/index';
export { parseRules, RulesError } from './classify/rules';
export type { CustomRules, CustomEndpointRule, CustomFieldRule } from './classify/rules';
export { loadPolicy, PolicyError } from './policy/load';
export { decodeBody } from './decode/index';
export type { DecodedBody } from './decode/index';
export { detect } from './detect/index';
export type { Detection } from './detect/index';
export { readHar } from './har/read';
export { readHarStream } from './har/stream';
export { HarEntryScanner } from './har/scanner';
export type { HarRequest } from './har/stream';
export { entryToRequest } from './har/entry';
export type { TelltaleHarFields } from './formats/har-telltale';
export { HarError } from './har/errors';
export { loadCatalogue, EndpointCatalogue, BUILTIN_RULES, MICROSOFT_DOMAINS, DESTINATIONS } from './catalogue/index';
export { HostSet } from './catalogue/host-set';
export type { EndpointRule, EndpointMatch } from './catalogue/index';
export { sha256, sha256Hex } from './util/sha256';
export type * from './model';
export type * from './policy/types';
export { FEATURE_IDS, ITEM_IDS, VERDICTS, SIGNAL_IDS, CONTENT_KIND_IDS, IDENTIFIER_IDS } from './policy/types';
export { FlowCounter, flowKey, destinationOf } from './diff/flows';
export type { FlowEntry, CountedFlow } from './diff/flows';
export { diffFlows } from './diff/compare';
export type { FlowDiff, FlowChange } from './diff/compare';
export { diffJson } from './diff/json';
export type { Flow, FlowExample, DiffJson, DiffSummary } from './formats/diff-output';
