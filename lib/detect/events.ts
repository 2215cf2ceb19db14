/**
 * Telemetry events in a decoded body: the elements of an NDJSON body or JSON array (1DS lines, Application
 * Insights envelopes), the `events` array of a JSON object, or a single event object. An event is an error when
 * its name says Exception/Error/Crash, its `baseType` is ExceptionData, or it carries a stack trace (the walk
 * marks those).
 */
import type { DecodedBody } from '../decode/types';
import type { Segment } from './paths';
import { isObject } from '../util/is-object';

export interface EventRoot {
  index: number;
  segs: Segment[];
  obj: Record<string, unknown>;
}

/** An object that has the shape of a telemetry event (name or type plus data, or Common Schema / AI fields). */
function looksLikeEvent(o: Record<string, unknown>): boolean {
  return (
    typeof o.name === 'string' ||
    typeof o.eventName === 'string' ||
    typeof o.EventName === 'string' ||
    typeof o.baseType === 'string' ||
    isObject(o.ext) ||
    isObject(o.tags) ||
    (isObject(o.data) && typeof o.time === 'string')
  );
}

export function findEventRoots(decoded: DecodedBody): EventRoot[] {
  const v = decoded.value;
  if (decoded.format !== 'json' && decoded.format !== 'ndjson') return [];
  const out: EventRoot[] = [];
  const fromArray = (list: unknown[], prefix: Segment[]): void => {
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (isObject(e) && looksLikeEvent(e)) out.push({ index: out.length, segs: [...prefix, i], obj: e });
    }
  };
  if (Array.isArray(v)) fromArray(v, []);
  else if (isObject(v)) {
    const key = ['events', 'Events', 'records'].find((k) => Array.isArray(v[k]));
    if (key) fromArray(v[key] as unknown[], [key]);
    else if (looksLikeEvent(v)) out.push({ index: 0, segs: [], obj: v });
  }
  return out;
}

const ERROR_NAME = /exception|error|crash/i;

/** The event's name when it names an error, with the key it is under. */
export function errorName(e: Record<string, unknown>): [key: string, name: string] | undefined {
  for (const key of ['name', 'eventName', 'EventName']) {
    const n = e[key];
    if (typeof n === 'string' && ERROR_NAME.test(n)) return [key, n];
  }
  return undefined;
}
