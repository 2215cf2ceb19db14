/**
 * The redacted version of a raw body kept with an observation (a recording with raw evidence), for a redacted
 * export of that recording. The kept body goes through the engine again, as `telltale check` would read it
 * from a HAR file, and comes out redacted exactly as a body kept redacted from the start.
 */
import type { NormalizedRequest, RequestBody, Observation, ObservationBody } from '../model';
import { classifyKeepingBody, type ClassifyOptions } from './index';
import { base64ToBytes } from '../util/base64';

/** The request an observation stands for, its body rebuilt from the kept one. */
export function requestOfObservation(obs: Observation, kept: ObservationBody): NormalizedRequest {
  const body: RequestBody = kept.encoding === 'base64' ? { raw: base64ToBytes(kept.text) ?? new Uint8Array() } : { text: kept.text };
  if (kept.mimeType) body.mimeType = kept.mimeType;
  const request: NormalizedRequest = { url: obs.url, method: obs.method, headers: obs.headers, type: obs.type, time: obs.time, body };
  if (obs.clientOrigin) request.initiator = obs.clientOrigin;
  return request;
}

/** The observation's body redacted; the body itself when it already is; undefined when it kept none. */
export function redactObservationBody(obs: Observation, options: Pick<ClassifyOptions, 'policy' | 'rules'> = {}): ObservationBody | undefined {
  const kept = obs.body;
  if (!kept) return undefined;
  if (kept.redacted) return kept;
  const { body } = classifyKeepingBody(requestOfObservation(obs, kept), options, 'redacted');
  if (!body) return undefined;
  // What was cut or inflated when the raw body was kept stays said of its redacted version.
  return { ...body, truncated: body.truncated || kept.truncated, ...(kept.gzip ? { gzip: true } : {}) };
}
