import { describe, expect, it } from 'vitest';
import { PhaseMerger } from '../../../../lib/capture/merger';
import { NOT_WATCHED } from '../../../../lib/capture/captured';
import type { RequestStart } from '../../../../lib/model';
import { chromeBefore, chromeCompleted, chromeError, chromeHeaders, firefoxBeacon } from './details';

function clock(start = 0) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('PhaseMerger', () => {
  it('merges before-request, headers and completion into one record', () => {
    const m = new PhaseMerger();
    expect(m.onBeforeRequest(chromeBefore())).toBeUndefined();
    m.onSendHeaders(chromeHeaders());
    expect(m.size).toBe(1);
    const rec = m.onCompleted(chromeCompleted())!;
    expect(m.size).toBe(0);
    expect(rec.requestId).toBe('1001');
    expect(rec.status).toBe(200);
    expect(rec.tabId).toBe(7);
    expect(rec.clientOrigin).toBe('https://outlook.office.com');
    expect(rec.requestSize).toBe(25);
    expect(rec.incomplete).toBeUndefined();
    expect(rec.request.time).toBe(1_700_000_000_000);
    expect(rec.request.body?.mimeType).toBe('application/x-json-stream');
    expect(rec.request.headers.find((h) => h.name === 'Cookie')?.value).toBe('[redacted]');
  });

  it('finishes a failed request with status 0 and the error', () => {
    const m = new PhaseMerger();
    m.onBeforeRequest(chromeBefore());
    m.onSendHeaders(chromeHeaders());
    const rec = m.onError(chromeError())!;
    expect(rec.status).toBe(0);
    expect(rec.error).toBe('net::ERR_CONNECTION_REFUSED');
  });

  it('handles a Firefox beacon', () => {
    const m = new PhaseMerger();
    m.onBeforeRequest(firefoxBeacon());
    m.onSendHeaders({ ...firefoxBeacon(), requestHeaders: [{ name: 'Content-Type', value: 'text/plain' }] });
    const rec = m.onCompleted({ ...firefoxBeacon(), statusCode: 204 })!;
    expect(rec.request.type).toBe('beacon');
    expect(rec.clientOrigin).toBe('https://teams.microsoft.com');
    expect(rec.status).toBe(204);
  });

  it('ignores requests whose page is not a client origin', () => {
    const starts: RequestStart[] = [];
    const m = new PhaseMerger({ onStart: (s) => starts.push(s) });
    const other = { initiator: 'https://news.example.com' };
    m.onBeforeRequest(chromeBefore(other));
    m.onSendHeaders(chromeHeaders(other));
    expect(m.onCompleted(chromeCompleted(other))).toBeUndefined();
    expect(m.size).toBe(0);
    expect(starts).toHaveLength(0);
  });

  it('records custom origins once they are set', () => {
    const m = new PhaseMerger();
    const lync = { initiator: 'https://lyncweb.example.com', url: 'https://lyncweb.example.com/ucwa/oauth/v1/applications' };
    m.onBeforeRequest(chromeBefore(lync));
    expect(m.onCompleted(chromeCompleted(lync))).toBeUndefined();
    m.setCustomOrigins(['https://lyncweb.example.com']);
    m.onBeforeRequest(chromeBefore(lync));
    expect(m.onCompleted(chromeCompleted(lync))?.clientOrigin).toBe('https://lyncweb.example.com');
    // And no longer once removed, although the page was a client a moment ago.
    m.setCustomOrigins([]);
    const again = { ...lync, requestId: 'after-removal' };
    m.onBeforeRequest(chromeBefore(again));
    expect(m.onCompleted(chromeCompleted(again))).toBeUndefined();
  });

  it('stores a completion whose earlier phases died with a previous worker, marked incomplete', () => {
    const m = new PhaseMerger();
    const rec = m.onCompleted(chromeCompleted())!;
    expect(rec.incomplete).toEqual(['body', 'headers']);
    expect(rec.requestSize).toBe(-1);
    expect(rec.request.body?.error).toMatch(/not seen/);
    expect(rec.request.url).toContain('OneCollector');
  });

  it('does not call a GET body lost', () => {
    const m = new PhaseMerger();
    m.onSendHeaders(chromeHeaders({ method: 'GET' }));
    const rec = m.onCompleted(chromeCompleted({ method: 'GET' }))!;
    expect(rec.incomplete).toBeUndefined();
    expect(rec.request.body).toBeUndefined();
  });

  it('reports each started request once to onStart', () => {
    const starts: RequestStart[] = [];
    const m = new PhaseMerger({ onStart: (s) => starts.push(s) });
    m.onBeforeRequest(chromeBefore());
    m.onSendHeaders(chromeHeaders());
    m.onCompleted(chromeCompleted());
    expect(starts.map((s) => s.requestId)).toEqual(['1001']);
    expect(starts[0]).toMatchObject({ tabId: 7, method: 'POST', clientOrigin: 'https://outlook.office.com' });
  });

  it('ends the previous leg when a redirect starts a new before-request with the same id', () => {
    const m = new PhaseMerger();
    m.onBeforeRequest(chromeBefore({ url: 'https://go.microsoft.com/fwlink/?LinkId=1' }));
    const leg = m.onBeforeRequest(chromeBefore({ url: 'https://support.office.com/client/results' }))!;
    expect(leg.error).toBe('redirected');
    expect(leg.request.url).toContain('fwlink');
    expect(m.onCompleted(chromeCompleted({ url: 'https://support.office.com/client/results' }))?.request.url).toContain(
      'support.office.com',
    );
  });

  describe('both header listeners reporting one request (the full one being switched on or off)', () => {
    // The cheap listener (Chromium without extraHeaders) does not see Accept-Language, Cookie and the like.
    const cheap = () => chromeHeaders({ requestHeaders: [{ name: 'User-Agent', value: 'Mozilla/5.0 Chrome/156.0.0.0' }] });
    const acceptLanguage = (rec: ReturnType<PhaseMerger['onCompleted']>) => rec!.request.headers.find((h) => h.name === 'Accept-Language')?.value;

    it('keeps the full headers when the cheap report comes second', () => {
      const m = new PhaseMerger();
      m.onBeforeRequest(chromeBefore());
      expect(m.onSendHeaders(chromeHeaders(), true)).toEqual({ redirected: undefined });
      expect(m.onSendHeaders(cheap(), false)).toEqual({ fewer: true });
      expect(acceptLanguage(m.onCompleted(chromeCompleted()))).toBe('sv-SE,sv;q=0.9');
    });

    it('takes the full headers when they come second', () => {
      const m = new PhaseMerger();
      m.onBeforeRequest(chromeBefore());
      expect(m.onSendHeaders(cheap(), false).fewer).toBeUndefined();
      expect(m.onSendHeaders(chromeHeaders(), true).fewer).toBeUndefined();
      expect(acceptLanguage(m.onCompleted(chromeCompleted()))).toBe('sv-SE,sv;q=0.9');
    });

    it('still takes a cheap report of a redirect leg after a full one', () => {
      const m = new PhaseMerger();
      m.onBeforeRequest(chromeBefore());
      m.onSendHeaders(chromeHeaders(), true);
      const moved = 'https://browser.events.data.microsoft.com/OneCollector/1.0/?moved=1';
      const { redirected, fewer } = m.onSendHeaders({ ...cheap(), url: moved }, false);
      expect(fewer).toBeUndefined();
      expect(redirected?.status).toBe(0);
      expect(m.has('1001')).toBe(true);
    });
  });

  describe('requests finished when their headers leave (types without a body, Chromium)', () => {
    const CDN = 'https://res.cdn.office.net/owa/app.js';
    const script = (over = {}) => chromeHeaders({ requestId: '2001', url: CDN, method: 'GET', type: 'script', ...over });
    const bodiless = () => new PhaseMerger({ finishAtHeaders: (type) => type === 'script' });

    it('records the request from its send-headers phase alone, complete, with its status not watched', () => {
      const m = bodiless();
      const { redirected, finished } = m.onSendHeaders(script());
      expect(redirected).toBeUndefined();
      expect(finished).toMatchObject({ requestId: '2001', status: NOT_WATCHED, tabId: 7, clientOrigin: 'https://outlook.office.com' });
      expect(finished!.incomplete).toBeUndefined();
      expect(finished!.request.headers.some((h) => h.name === 'User-Agent')).toBe(true);
      expect(m.size).toBe(0);
    });

    it('makes no second record from a later error or completion of the same request', () => {
      const m = bodiless();
      m.onSendHeaders(script());
      expect(m.onError(chromeError({ requestId: '2001', url: CDN, method: 'GET', type: 'script' }))).toBeUndefined();
      expect(m.onCompleted(chromeCompleted({ requestId: '2001', url: CDN, method: 'GET', type: 'script' }))).toBeUndefined();
      expect(m.size).toBe(0);
    });

    it('records a redirect target as its own leg; the same URL again is not a new request', () => {
      const m = bodiless();
      m.onSendHeaders(script());
      expect(m.onSendHeaders(script()).finished).toBeUndefined();
      const next = m.onSendHeaders(script({ url: 'https://res-1.cdn.office.net/owa/app.js' }));
      expect(next.finished?.request.url).toBe('https://res-1.cdn.office.net/owa/app.js');
    });

    it('ends a leg whose headers were seen when send-headers comes for another URL with the same id', () => {
      const m = new PhaseMerger();
      m.onSendHeaders(chromeHeaders({ method: 'GET', type: 'image', url: 'https://res.cdn.office.net/a.png' }));
      const { redirected } = m.onSendHeaders(chromeHeaders({ method: 'GET', type: 'image', url: 'https://res.cdn.office.net/b.png' }));
      expect(redirected).toMatchObject({ error: 'redirected', status: 0 });
      expect(redirected!.request.url).toBe('https://res.cdn.office.net/a.png');
      expect(m.onCompleted(chromeCompleted({ method: 'GET', type: 'image', url: 'https://res.cdn.office.net/b.png' }))?.request.url).toBe(
        'https://res.cdn.office.net/b.png',
      );
    });
  });

  describe('eviction', () => {
    it('finishes requests with no phase for staleMs as incomplete, once', () => {
      const c = clock(1_000);
      const m = new PhaseMerger({ staleMs: 60_000, now: c.now });
      m.onBeforeRequest(chromeBefore());
      m.onSendHeaders(chromeHeaders());
      c.t += 59_999;
      expect(m.evictStale()).toHaveLength(0);
      c.t += 1;
      const [stub] = m.evictStale();
      expect(stub!.incomplete).toEqual(['completion']);
      expect(stub!.request.body?.raw?.byteLength).toBe(25);
      expect(m.size).toBe(0);
      // A completion that arrives after all is not a second record.
      expect(m.onCompleted(chromeCompleted())).toBeUndefined();
    });

    it('bounds the number of pending requests', () => {
      const m = new PhaseMerger({ maxPending: 3 });
      for (let i = 0; i < 5; i++) m.onBeforeRequest(chromeBefore({ requestId: String(i) }));
      const evicted = m.evictStale();
      expect(evicted.map((e) => e.requestId)).toEqual(['0', '1']);
      expect(m.size).toBe(3);
    });

    it('restored journal entries merge later phases, or become stubs when stale', () => {
      const c = clock(1_000_000);
      const m = new PhaseMerger({ now: c.now });
      const start = (id: string, time: number): RequestStart => ({
        requestId: id,
        url: 'https://browser.events.data.microsoft.com/OneCollector/1.0/',
        method: 'POST',
        type: 'xmlhttprequest',
        tabId: 7,
        frameId: 0,
        clientOrigin: 'https://outlook.office.com',
        time,
      });
      m.restore([start('old', 1_000_000 - 120_000), start('live', 1_000_000 - 1_000)]);
      const stubs = m.evictStale();
      expect(stubs.map((s) => s.requestId)).toEqual(['old']);
      expect(stubs[0]!.restored).toBe(true);
      expect(stubs[0]!.incomplete).toEqual(['body', 'headers', 'completion']);
      const live = m.onCompleted(chromeCompleted({ requestId: 'live' }))!;
      expect(live.restored).toBe(true);
      expect(live.incomplete).toEqual(['body', 'headers']);
      expect(live.request.time).toBe(1_000_000 - 1_000);
    });
  });
});

describe('PhaseMerger across service-worker restarts', () => {
  const client = 'https://outlook.office.com';
  const journaled = (over: Partial<RequestStart> = {}): RequestStart => ({
    requestId: '1001',
    url: chromeBefore().url,
    method: 'POST',
    type: 'xmlhttprequest',
    tabId: 7,
    frameId: 0,
    clientOrigin: client,
    time: chromeBefore().timeStamp,
    ...over,
  });

  it('merges a before-request phase delivered after send-headers into the same record, not a redirect', () => {
    const m = new PhaseMerger();
    m.onSendHeaders(chromeHeaders({ timeStamp: chromeBefore().timeStamp + 5 }));
    expect(m.onBeforeRequest(chromeBefore())).toBeUndefined();
    const rec = m.onCompleted(chromeCompleted())!;
    expect(rec.incomplete).toBeUndefined();
    expect(rec.request.time).toBe(chromeBefore().timeStamp);
    expect(rec.requestSize).toBe(25);
  });

  it('merges the before-request phase a journal entry was written for', () => {
    const m = new PhaseMerger();
    m.restore([journaled()]);
    expect(m.onBeforeRequest(chromeBefore())).toBeUndefined();
    m.onSendHeaders(chromeHeaders());
    const rec = m.onCompleted(chromeCompleted())!;
    expect(rec.incomplete).toBeUndefined();
    expect(rec.restored).toBe(true);
  });

  it('still ends a restored leg when the before-request phase is for another URL (a redirect)', () => {
    const m = new PhaseMerger();
    m.restore([journaled({ url: 'https://go.microsoft.com/fwlink/?LinkId=1' })]);
    const leg = m.onBeforeRequest(chromeBefore())!;
    expect(leg.error).toBe('redirected');
    expect(m.size).toBe(1);
  });

  it('ignores earlier phases that arrive after the completion: one record, marked incomplete', () => {
    const m = new PhaseMerger();
    const rec = m.onCompleted(chromeCompleted())!;
    expect(rec.incomplete).toEqual(['body', 'headers']);
    expect(m.onBeforeRequest(chromeBefore())).toBeUndefined();
    m.onSendHeaders(chromeHeaders());
    expect(m.size).toBe(0);
    expect(m.evictStale()).toEqual([]);
  });

  it('drops journal entries whose page is not a client origin', () => {
    const m = new PhaseMerger();
    m.restore([journaled({ requestId: 'a', clientOrigin: 'https://news.example.com' }), journaled({ requestId: 'b' })]);
    expect(m.size).toBe(1);
    expect(m.has('b')).toBe(true);
  });

  it('turns restored entries into stubs after restoredStaleMs, fresh ones only after staleMs', () => {
    const c = clock(1_000_000);
    const m = new PhaseMerger({ now: c.now, staleMs: 60_000, restoredStaleMs: 10_000 });
    m.restore([journaled({ requestId: 'r', time: c.t })]);
    m.onBeforeRequest(chromeBefore({ requestId: 'f' }));
    c.t += 9_999;
    expect(m.evictStale()).toEqual([]);
    c.t += 1;
    expect(m.evictStale().map((s) => [s.requestId, s.incomplete])).toEqual([['r', ['body', 'headers', 'completion']]]);
    c.t += 50_000;
    expect(m.evictStale().map((s) => s.requestId)).toEqual(['f']);
  });
});
