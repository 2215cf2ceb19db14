/** The one place a merged request and its annotation become the stored Observation shape. */
import type { Annotation, Observation } from '../model';
import type { CapturedRequest } from './captured';

export function observationOf(c: CapturedRequest, annotation: Annotation): Observation {
  const obs: Observation = {
    requestId: c.requestId,
    time: c.request.time,
    tabId: c.tabId,
    frameId: c.frameId,
    clientOrigin: c.clientOrigin,
    url: c.request.url,
    method: c.request.method,
    type: c.request.type,
    status: c.status,
    requestSize: c.requestSize,
    headers: c.request.headers,
    annotation,
  };
  if (c.error) obs.error = c.error;
  if (c.incomplete) obs.incomplete = c.incomplete;
  return obs;
}
