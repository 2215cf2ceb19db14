// @vitest-environment happy-dom
/**
 * Markup in traffic renders as text. Hostile requests go through the real engine (raw evidence, so values
 * reach the views unshortened), the store's aggregation and the views' own models, then the popup, the report
 * page, the DevTools panel and the policy page are rendered and every button is pressed: no element, attribute
 * or event handler may come from the hostile strings, and the strings must be on screen as text.
 */
import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../../components/popup/Popup';
import { Report } from '../../../components/report/Report';
import { Panel } from '../../../components/devtools/Panel';
import { PolicyView } from '../../../components/policy/PolicyView';
import { I18nContext, i18nOf } from '../../../components/common/i18n';
import { applyObservation } from '../../../lib/store/aggregate';
import type { Observation, Recording, ScopeAggregate } from '../../../lib/model';
import type { Policy } from '../../../lib/policy/types';
import { i18nFor, policy } from '../components/popup/fixtures';
import { AI_TRACK, COLLECTOR, FEEDBACK, observe, post, XSS, xssEvent } from './hostile';

const T = 1_700_000_000_000;

function hostileObservations(): Observation[] {
  const requests = [
    post(COLLECTOR, xssEvent(), 'application/x-json-stream'),
    post(`${AI_TRACK}?${XSS.map((x, i) => `q${i}=${encodeURIComponent(x)}`).join('&')}`, JSON.stringify([{ name: XSS[1], tags: { 'ai.device.osVersion': XSS[0], 'ai.device.locale': XSS[2], 'ai.user.id': XSS[0] } }])),
    post(FEEDBACK, JSON.stringify({ feedback: XSS.join(' '), Comment: XSS[0], clientFeedbackId: XSS[2] })),
    { ...post(COLLECTOR, '{}'), url: `https://support.office.com/client/results?query=${encodeURIComponent(XSS[0])}&lcid=1053` },
  ];
  return requests.map((r, i) => ({
    ...observe({ ...r, headers: [...r.headers, { name: 'User-Agent', value: XSS[0] }, { name: XSS[2], value: XSS[1] }], initiator: 'https://outlook.office.com' }, { raw: true, recordingId: 3, tabId: 7 }),
    id: i + 1,
    time: T + i * 1000,
    clientOrigin: 'https://outlook.office.com',
    error: XSS[1],
  }));
}

const recording: Recording = { id: 3, title: XSS[0], notes: XSS[1], startedAt: T, browser: XSS[2], extensionVersion: '0.1.0', policyId: 'lync-2012', rawEvidence: true };

const hosts: HTMLElement[] = [];
function mount(node: ComponentChildren): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  hosts.push(host);
  act(() => render(node, host));
  return host;
}
afterEach(() => {
  for (const h of hosts.splice(0)) {
    act(() => render(null, h));
    h.remove();
  }
});

let alerts: ReturnType<typeof vi.fn>;
beforeEach(() => {
  alerts = vi.fn();
  vi.stubGlobal('alert', alerts);
  vi.stubGlobal('confirm', () => false);
  delete (globalThis as { __pwned?: unknown }).__pwned;
});

/** Presses every button (and row) once, re-checking after each press, since panes open on demand. */
function pressEverything(host: HTMLElement, check: () => void): number {
  let pressed = 0;
  const seen = new Set<Element>();
  for (let round = 0; round < 4; round++) {
    const targets = [...host.querySelectorAll('button, [role="row"], [role="option"], summary, li[tabindex], tr[tabindex]')].filter((el) => !seen.has(el));
    if (!targets.length) break;
    for (const el of targets) {
      seen.add(el);
      if (!el.isConnected) continue;
      act(() => (el as HTMLElement).click());
      pressed++;
      check();
    }
  }
  return pressed;
}

/** Nothing in `host` was made from the hostile strings. */
function assertInert(host: HTMLElement): void {
  expect(host.querySelector('script, iframe, object, embed, img[src="x"], svg[onload]')).toBeNull();
  for (const el of host.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `${el.tagName} ${attr}`).toBe(false);
      const value = el.getAttribute(attr) ?? '';
      if (attr === 'href' || attr === 'src' || attr === 'action' || attr === 'formaction') {
        expect(value.trim().toLowerCase().startsWith('javascript:'), `${el.tagName} ${attr}=${value}`).toBe(false);
      }
    }
  }
  expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  expect(alerts).not.toHaveBeenCalled();
}

/** The hostile strings that are on screen as text. */
function shownAsText(host: HTMLElement): string[] {
  const text = host.textContent ?? '';
  return XSS.filter((x) => text.includes(x));
}

describe('hostile strings render inert', () => {
  const observations = hostileObservations();

  it('the check itself catches markup made from a string', () => {
    for (const x of XSS.slice(0, 3)) {
      const host = document.createElement('div');
      // Deliberately parsed as markup, as an unsafe view would: assertInert must notice.
      host.append(document.createRange().createContextualFragment(x));
      expect(() => assertInert(host), x).toThrow();
    }
  });

  it('in the popup', { timeout: 30_000 }, () => {
    let aggregate: ScopeAggregate | undefined;
    for (const o of observations) aggregate = applyObservation(aggregate, o, 'rec:3');
    const host = mount(
      <Popup
        policy={policy}
        i18n={i18nFor('en')}
        tabId={7}
        scope="rec:3"
        aggregate={aggregate}
        status={{ paused: false, recording: { ...recording, id: 3 } as never }}
        error={XSS[1]}
        now={T + 60_000}
      />,
    );
    assertInert(host);
    expect(pressEverything(host, () => assertInert(host))).toBeGreaterThan(3);
    expect(shownAsText(host).length).toBeGreaterThanOrEqual(2);
  });

  it('on the report page, with every row selected', () => {
    const host = mount(
      <I18nContext.Provider value={i18nOf('en')}>
        <Report
          policy={policy}
          recordings={[{ recording, requests: observations.length }]}
          scope={3}
          observations={observations}
          rawAvailable
          status={{ kind: 'error', text: XSS[1] }}
          tableHeight={400}
          now={T + 60_000}
          onScope={vi.fn()}
          onExport={vi.fn()}
          onImport={vi.fn()}
        />
      </I18nContext.Provider>,
    );
    assertInert(host);
    expect(pressEverything(host, () => assertInert(host))).toBeGreaterThan(observations.length);
    // The last row pressed depends on the sort the buttons left; the URL with every string is the AI one.
    act(() => [...host.querySelectorAll<HTMLElement>('[role="row"]')].find((r) => r.textContent!.includes('dc.services'))!.click());
    assertInert(host);
    expect(shownAsText(host)).toEqual([...XSS]);
  });

  it('in the DevTools panel, with every request opened', () => {
    const host = mount(
      <I18nContext.Provider value={i18nOf('en')}>
        <Panel policy={policy} tabId={7} observations={observations} limit={500} now={T + 60_000} onClear={vi.fn()} onExport={vi.fn()} status={{ kind: 'error', text: XSS[1] } as never} />
      </I18nContext.Provider>,
    );
    assertInert(host);
    expect(pressEverything(host, () => assertInert(host))).toBeGreaterThan(observations.length);
    expect(shownAsText(host).length).toBeGreaterThanOrEqual(3);
  });

  it('on the policy page, even if the policy data itself carried markup', { timeout: 30_000 }, () => {
    const hostile = withMarkup(policy);
    const host = mount(<PolicyView policy={hostile} lang="en" sourceText={XSS.join('\n')} onLangChange={vi.fn()} />);
    assertInert(host);
    pressEverything(host, () => assertInert(host));
    expect(shownAsText(host)).toContain(XSS[0]);
  });
});

/** A copy of the policy whose every Swedish/English text ends in markup (ids and references unchanged). */
function withMarkup(p: Policy): Policy {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o)) out[k] = (k === 'sv' || k === 'en' || k === 'section') && typeof x === 'string' ? `${x} ${XSS[0]}` : walk(x);
      return out;
    }
    return v;
  };
  return walk(p) as Policy;
}
