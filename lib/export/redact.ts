/**
 * Redaction of annotations from a raw-evidence recording, for the default (redacted) export. The rules are
 * the engine's own: items keep a short preview, identifiers are masked, content becomes a fingerprint.
 * Annotations stored without raw evidence are already redacted and pass through untouched (applying a mask
 * twice would change it).
 */
import type { Annotation, Evidence } from '../types';
import { IDENTIFIER_IDS } from '../policy/types';
import { fingerprintContent, maskIdentifier, previewValue } from '../classify/redact';

const IDENTIFIERS = new Set<string>(IDENTIFIER_IDS);

function redactEvidence(list: readonly Evidence[], redact: (v: string) => string): Evidence[] {
  // The connection evidence of the IP address carries no value to redact.
  return list.map((e) => (e.value ? { ...e, value: redact(e.value) } : { ...e }));
}

export function redactAnnotation(annotation: Annotation): Annotation {
  return {
    ...annotation,
    items: annotation.items.map((i) => ({ ...i, evidence: redactEvidence(i.evidence, previewValue) })),
    findings: annotation.findings.map((f) => ({
      ...f,
      evidence: redactEvidence(f.evidence, IDENTIFIERS.has(f.kind) ? maskIdentifier : (v) => fingerprintContent(f.kind, v)),
    })),
  };
}

/** The annotation as an export shows it. */
export function exportAnnotation(annotation: Annotation, rawSource: boolean, rawWanted: boolean): Annotation {
  return rawSource && !rawWanted ? redactAnnotation(annotation) : annotation;
}
