/**
 * Which captured requests the background classifies later, when the writer's queue is written (their journal
 * entry holds the URL and headers meanwhile), and which at once.
 */
import { describe, expect, it } from 'vitest';
import { captureContext, classifiedLater, loadEngine } from '../../../../entrypoints/background/classifier';
import type { CapturedRequest, Recording } from '../../../../lib/model';

const engine = loadEngine();
const captured = (over: Partial<CapturedRequest['request']> = {}, rest: Partial<CapturedRequest> = {}): CapturedRequest => ({
  requestId: '1',
  request: { url: 'https://res.cdn.office.net/owamail/app.js', method: 'GET', headers: [{ name: 'User-Agent', value: 'Mozilla/5.0' }], type: 'script', time: 1, ...over },
  tabId: 3,
  frameId: 0,
  clientOrigin: 'https://outlook.office.com',
  status: -1,
  requestSize: 0,
  ...rest,
});
const recording = (rawEvidence: boolean) => ({ id: 4, rawEvidence }) as Recording;

describe('classifiedLater', () => {
  it('defers a request without a body, in the passive log and in a redacted recording', () => {
    expect(classifiedLater(captured(), captureContext(engine, undefined))).toBe(true);
    expect(classifiedLater(captured(), captureContext(engine, recording(false)))).toBe(true);
    expect(captureContext(engine, recording(false))).toMatchObject({ recordingId: 4, raw: false, keep: 'redacted' });
  });

  it('classifies at once what has a body, raw evidence, a rebuilt request, or too much to journal', () => {
    const passive = captureContext(engine, undefined);
    expect(classifiedLater(captured({ method: 'POST', type: 'xmlhttprequest' }), passive)).toBe(false);
    expect(classifiedLater(captured({ body: { text: 'a=1' } }), passive)).toBe(false);
    expect(classifiedLater(captured(), captureContext(engine, recording(true)))).toBe(false);
    expect(classifiedLater(captured({}, { restored: true }), passive)).toBe(false);
    expect(classifiedLater(captured({ headers: [{ name: 'X-Big', value: 'x'.repeat(20_000) }] }), passive)).toBe(false);
  });
});
