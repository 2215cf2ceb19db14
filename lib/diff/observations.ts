/**
 * Flows of stored observations (a recording, an import, a stretch of the passive log), counted with the same
 * FlowCounter and compared with the same diffFlows as `telltale diff`, so the report page's comparison and
 * the command line agree flow for flow. Each flow keeps the id of the observation its example came from,
 * which the report uses to open that request in its evidence pane.
 */
import type { Observation } from '../model';
import { diffFlows, type FlowDiff } from './compare';
import { FlowCounter } from './flows';

export function flowsOfObservations(observations: Iterable<Observation>): FlowCounter<number> {
  const counter = new FlowCounter<number>();
  for (const o of observations) counter.add({ url: o.url, ...o.annotation }, o.id ?? -1);
  return counter;
}

/** What changed from one set of observations to another; refs are observation ids. */
export function diffObservations(before: Iterable<Observation>, after: Iterable<Observation>): FlowDiff<number> {
  const a = flowsOfObservations(before);
  const b = flowsOfObservations(after);
  return diffFlows(a.result(), b.result(), { before: a.requests, after: b.requests });
}
