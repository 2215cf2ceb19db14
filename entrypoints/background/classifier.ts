/**
 * The classifier as the background uses it: one classification per request, turned into its stored form by
 * lib/redact. It never throws: a request whose classification fails is stored with an empty annotation that
 * says its body was undecodable, and the worker goes on with the next one.
 */
import type { Annotation, BrowserProfile, CapturedRequest, NormalizedRequest, Recording } from '../../lib/model';
import { methodHasBody } from '../../lib/capture/normalize';
import type { CustomRules } from '../../lib/classify/rules';
import type { KeepBody } from '../../lib/redact/body';
import { redactClassified, type StoredForm } from '../../lib/redact/classified';
import { classifyRequest } from '../../lib/classify/index';
import { loadPolicy } from '../../lib/policy/load';

export interface ClassifyOptions {
  profile?: BrowserProfile;
  rules?: CustomRules;
  /** The user's custom client origins: requests to their hosts go to the organisation's own server. */
  organisationOrigins?: readonly string[];
  /** Store evidence values verbatim (a recording with raw evidence). */
  raw: boolean;
  /** The body to keep with the observation (recordings only). */
  keep?: KeepBody;
}

export interface Engine {
  policyId: string;
  classify(request: NormalizedRequest, options: ClassifyOptions): StoredForm;
}

export function emptyAnnotation(policy: string): Annotation {
  return {
    policy,
    features: [],
    purposes: [],
    items: [],
    findings: [],
    hints: [],
    body: { format: 'none', gzip: false, truncated: false, undecodable: false, size: 0 },
  };
}

export function loadEngine(): Engine {
  let policyId = 'unclassified';
  try {
    policyId = loadPolicy().id;
  } catch (e) {
    console.error('policy failed to load', e);
  }
  return {
    policyId,
    classify(request, options) {
      try {
        // Only a redacted kept body needs the place of every content value in it.
        return redactClassified(request, classifyRequest(request, options, options.keep === 'redacted'), options);
      } catch (e) {
        console.error('classify threw', e);
        const annotation = { ...emptyAnnotation(policyId), body: { ...emptyAnnotation(policyId).body, undecodable: true } };
        return { annotation, redacted: annotation };
      }
    },
  };
}

/** What classifying a captured request depends on besides the request, taken when the request finished. */
export interface CaptureContext {
  engine: Engine;
  recordingId?: number;
  raw: boolean;
  keep?: KeepBody;
}

/** The context of a request finished now, while this recording (if any) runs. */
export function captureContext(engine: Engine, recording: Recording | undefined): CaptureContext {
  const raw = recording?.rawEvidence === true;
  // A recording keeps each request's body (redacted unless it keeps raw evidence); the passive log keeps none.
  return { engine, recordingId: recording?.id, raw, keep: recording ? (raw ? 'raw' : 'redacted') : undefined };
}

/**
 * A request without a body (a script, style sheet, image, a GET) is classified when the writer's flush comes,
 * once the traffic pauses and the page has loaded (at most 2 s later), not while the page that asked for it is
 * loading: its URL and headers are all it has, and the journal holds them meanwhile. Not with raw evidence (raw
 * values stay out of storage.session), nor a request rebuilt after a restart (it may be stored already; rare),
 * nor one too large to journal.
 */
export function classifiedLater(c: CapturedRequest, context: CaptureContext): boolean {
  return !context.raw && !c.restored && c.request.body === undefined && !methodHasBody(c.request.method) && journalSize(c) <= MAX_JOURNALED_CHARS;
}

/**
 * Beyond this, a request is classified at once: its journal entry would hold its URL and headers as sent, and a
 * few hostile ones (a 256 KB header) could fill storage.session, whose refused write would take the whole batch.
 */
const MAX_JOURNALED_CHARS = 16_384;

function journalSize(c: CapturedRequest): number {
  let n = c.request.url.length;
  for (const h of c.request.headers) n += h.name.length + h.value.length;
  return n;
}
