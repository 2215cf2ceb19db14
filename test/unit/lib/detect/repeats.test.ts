import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../../lib/decode/index';
import { detect } from '../../../../lib/detect/index';
import { EDGE_SV, kind, lines, request, signal } from './helpers';

// Fields that repeat from event to event of a batch are worked out once per body (field-memo.ts): these
// check that what a repeat finds is what a first sight finds.

const STACK = 'TypeError: x is undefined\n    at render (https://teams.microsoft.com/app.js:1:200)\n    at main (app.js:2:10)';

function batch(events: unknown[]) {
  const req = request('https://browser.events.data.microsoft.com/OneCollector/1.0/', {
    body: { text: events.map((e) => JSON.stringify(e)).join('\n'), mimeType: 'application/x-json-stream' },
  });
  const heard: string[] = [];
  const det = detect(req, decodeBody(req.body), EDGE_SV, undefined, (id, where, path) => heard.push(`${id} ${where} ${path}`));
  return { det, heard };
}

const event = (i: number, extra: Record<string, unknown> = {}) => ({
  name: 'Teams.PanelAction',
  time: '2024-05-02T09:15:00.000Z',
  ext: { os: { name: 'Windows', ver: '10.0' }, device: { localId: 'c:4f2a9c1e77d34b1a' }, app: { sesId: `s-${i}` } },
  data: { panel: 'chat', zone: 'Europe/Stockholm', ...extra },
});

describe('repeated fields of a batch', () => {
  it('tells a content sink of every occurrence of a repeated identifier, and keeps its evidence once', () => {
    const { det, heard } = batch([0, 1, 2, 3].map((i) => event(i)));
    expect(heard.filter((h) => h.startsWith('device-id '))).toEqual([0, 1, 2, 3].map((i) => `device-id body body[${i}].ext.device.localId`));
    expect(kind(det, 'device-id').map((e) => e.path)).toEqual(['body[0].ext.device.localId']);
  });

  it('keeps a repeated signal once, at its first place', () => {
    const { det } = batch([0, 1, 2].map((i) => event(i)));
    expect(lines(signal(det, 'os-version'))).toEqual(['body[0].ext.os.ver = 10.0 (key)']);
    expect(lines(signal(det, 'time-zone'))).toEqual(['body[0].data.zone = Europe/Stockholm (value)']);
  });

  it('marks every event that repeats the same stack trace an error, not only the first', () => {
    const { det } = batch([event(0, { details: STACK }), event(1), event(2, { details: STACK }), event(3, { details: STACK })]);
    expect(det.events).toEqual({ total: 4, errors: 3 });
  });

  it('finds the same with a property added to Object.prototype, and nothing inherited', () => {
    const plain = batch([0, 1].map((i) => event(i))).det;
    const proto = Object.prototype as Record<string, unknown>;
    proto.injected = '1920x1080';
    try {
      const polluted = batch([0, 1].map((i) => event(i))).det;
      expect(polluted).toEqual(plain);
      expect(signal(polluted, 'screen-resolution')).toEqual([]);
    } finally {
      delete proto.injected;
    }
  });
});
