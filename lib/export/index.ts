/** Exports (HAR 1.2, JSON in the CLI's schema, CSV), their manifest and hash chain, verify, and HAR import. */
export { canonicalJson } from './canonical';
export { chainHashes, findChainProblem, linkHash, manifestHash, type ChainBlock, type ChainProblem } from './chain';
export {
  buildManifest,
  exportsRaw,
  serializeJson,
  EXPORT_FORMAT,
  type ExportContext,
  type ExportKind,
  type ExportManifest,
  type ExportSource,
} from './manifest';
export { buildHar, harEntryContent, postDataOf, type HarDocument, type HarEntry, type HarWriteOptions } from './har';
export { buildJsonExport, exportFileName, summaryOfEntries, type JsonExport } from './json';
export { buildCsvExport, csvCell, neutralizeCell, parseCsv, CSV_COLUMNS, type CsvExport } from './csv';
export { describeProblem, verifyExport, type TamperProblem, type VerifyResult } from './verify';
export { importHar, parseHarImport, HarError, type ImportOptions, type ParsedImport } from './import';
