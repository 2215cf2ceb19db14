import 'fake-indexeddb/auto';
import type { Annotation, Evidence, Observation } from '../../../../lib/model';
import type { Verdict } from '../../../../lib/policy/types';
import { openTelltaleDB } from '../../../../lib/store/db';

let n = 0;
/** A fresh database per test: fake-indexeddb keeps databases for the whole run. */
export function freshDb() {
  return openTelltaleDB(`test-${Date.now()}-${n++}`);
}

export function ev(value: string, path = 'body[0].ext.os.ver'): Evidence {
  return { where: 'body', path, value, matchedBy: 'key', signal: 'os-version' };
}

export function annotation(over: Partial<Annotation> = {}): Annotation {
  return {
    policy: 'lync-2012',
    features: ['standard-computer-information'],
    purposes: ['provide-services'],
    items: [{ item: 'os-version', verdict: 'clear', clause: 'sci-items', evidence: [ev('10.0.…')] }],
    findings: [],
    hints: [],
    body: { format: 'ndjson', gzip: false, truncated: false, undecodable: false, size: 120 },
    ...over,
  };
}

export function item(id: 'os-version' | 'browser-version' | 'language-settings' | 'hardware-id', verdict: Verdict) {
  return { item: id, verdict, clause: `clause-${verdict}`, evidence: [ev(`${id}-${verdict}`)] };
}

export function observation(over: Partial<Observation> = {}): Observation {
  return {
    requestId: String(1000 + n++),
    time: 1_700_000_000_000,
    tabId: 7,
    frameId: 0,
    clientOrigin: 'https://outlook.office.com',
    url: 'https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true',
    method: 'POST',
    type: 'xmlhttprequest',
    status: 200,
    requestSize: 512,
    headers: [{ name: 'User-Agent', value: 'Mozilla/5.0' }],
    annotation: annotation(),
    ...over,
  };
}
