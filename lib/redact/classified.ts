/**
 * A classified request turned into what is stored: the annotation (redacted unless the recording keeps raw
 * evidence), its redacted form for the shared aggregates, and the body a recording keeps. One classification
 * serves all three, so a raw-evidence recording classifies each request once.
 */
import type { Annotation, ContentHit, NormalizedRequest, ObservationBody } from '../model';
import type { DecodedBody } from '../decode/types';
import { redactAnnotation } from './annotation';
import { keptBody, type KeepBody } from './body';

/** What classify gives the caller to redact (lib/classify `classifyRequest`). */
export interface Classified {
  /** Evidence values as found. */
  annotation: Annotation;
  /** Content values and identifiers found in the body, with their paths: what a kept body must redact. */
  bodyHits: readonly ContentHit[];
  /** The body as decoded, for the body a recording keeps. */
  decoded: DecodedBody;
  /** Whether the policy names a kind an identifier (masked) rather than content (fingerprinted). */
  isIdentifier: (kind: string) => boolean;
}

export interface StoredForm {
  /** The annotation as stored: raw when `raw`, redacted otherwise. */
  annotation: Annotation;
  /** The annotation redacted (what aggregates shared with other scopes keep). */
  redacted: Annotation;
  /** The body kept, when `keep` was given and the request had one. */
  body?: ObservationBody;
}

export function redactClassified(request: NormalizedRequest, c: Classified, options: { raw: boolean; keep?: KeepBody }): StoredForm {
  const redacted = redactAnnotation(c.annotation, c.isIdentifier);
  const out: StoredForm = { annotation: options.raw ? c.annotation : redacted, redacted };
  if (options.keep) {
    const body = keptBody(request, c.decoded, { mode: options.keep, hits: c.bodyHits, isIdentifier: c.isIdentifier });
    if (body) out.body = body;
  }
  return out;
}
