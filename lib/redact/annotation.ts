/**
 * Redaction of annotations: of each one classify() makes (unless raw evidence was asked for), and of those from
 * a raw-evidence recording for the default (redacted) export. Annotations stored without raw evidence are
 * already redacted and pass through untouched (applying a mask twice would change it).
 */
import type { Annotation, Evidence, Observation } from '../model';
import { IDENTIFIER_IDS } from '../policy/types';
import { fingerprintContent, maskIdentifier, previewValue } from './value';

const IDENTIFIERS = new Set<string>(IDENTIFIER_IDS);

function redactEvidence(list: readonly Evidence[], redact: (v: string) => string): Evidence[] {
  // The connection evidence of the IP address carries no value to redact.
  return list.map((e) => (e.value ? { ...e, value: redact(e.value) } : { ...e }));
}

/**
 * The annotation with its evidence values redacted: items keep a short preview, identifiers are masked,
 * content becomes a fingerprint. `isIdentifier` says which kinds the policy names identifiers.
 */
export function redactAnnotation(annotation: Annotation, isIdentifier: (kind: string) => boolean = (k) => IDENTIFIERS.has(k)): Annotation {
  return {
    ...annotation,
    items: annotation.items.map((i) => ({ ...i, evidence: redactEvidence(i.evidence, previewValue) })),
    // Hints are previewed as items are (an OS family, a browser name); older annotations have none.
    hints: (annotation.hints ?? []).map((h) => ({ ...h, evidence: redactEvidence(h.evidence, previewValue) })),
    findings: annotation.findings.map((f) => ({
      ...f,
      evidence: redactEvidence(f.evidence, isIdentifier(f.kind) ? maskIdentifier : (v) => fingerprintContent(f.kind, v)),
    })),
  };
}

/** The annotation as an export shows it. */
export function exportAnnotation(annotation: Annotation, rawSource: boolean, rawWanted: boolean): Annotation {
  return rawSource && !rawWanted ? redactAnnotation(annotation) : annotation;
}

/**
 * An observation as an always-redacted export shows it: one from a raw-evidence recording gets its annotation
 * redacted; the others are already redacted as stored (redacting twice would change the masks).
 */
export function redactedForExport(obs: Observation, rawRecordingIds: ReadonlySet<number>): Observation {
  return obs.recordingId !== undefined && rawRecordingIds.has(obs.recordingId)
    ? { ...obs, annotation: redactAnnotation(obs.annotation) }
    : obs;
}
