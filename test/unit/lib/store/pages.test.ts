import { describe, expect, it } from 'vitest';
import { applyObservation } from '../../../../lib/store/aggregate';
import { MAX_EARLIER_PAGES, startPage } from '../../../../lib/store/pages';
import { addGaps } from '../../../../lib/store/aggregate';
import { annotation, item, observation } from './helpers';

const CLIENT = 'https://outlook.office.com';
const HELP = 'https://support.microsoft.com';

function helpNavigation(requestId: string, url = `${HELP}/sv-se/search?query=x`) {
  return observation({
    requestId,
    type: 'main_frame',
    method: 'GET',
    url,
    clientOrigin: CLIENT,
    annotation: annotation({ features: ['online-help'], items: [item('language-settings', 'clear')], findings: [{ kind: 'help-query', verdict: 'clear', clause: 'c', evidence: [] }] }),
  });
}

describe('pages of a tab', () => {
  it('moves the page so far to earlier on this tab when the tab navigates, instead of wiping it', () => {
    let agg = startPage(undefined, 'tab:7', { navigation: '1', origin: CLIENT, time: 10 });
    agg = applyObservation(agg, observation({ time: 11, annotation: annotation({ items: [item('os-version', 'omitted')] }) }), 'tab:7');
    agg = startPage(agg, 'tab:7', { navigation: '2', origin: HELP, openedFrom: CLIENT, time: 20 });
    expect(agg.requests).toBe(0);
    expect(agg.page).toEqual({ navigation: '2', origin: HELP, openedFrom: CLIENT, time: 20 });
    expect(agg.earlier).toHaveLength(1);
    expect(agg.earlier![0]).toMatchObject({ origin: CLIENT, requests: 1, items: { 'os-version': 'omitted' }, undisclosedSeen: true });
  });

  it('keeps a redirect chain (fwlink → support page) one page, and records what its legs sent to get there', () => {
    let agg = startPage(undefined, 'tab:3', { navigation: '9', origin: 'https://go.microsoft.com', openedFrom: CLIENT, time: 1 });
    agg = applyObservation(agg, helpNavigation('9', 'https://go.microsoft.com/fwlink/?LinkId=1'), 'tab:3');
    agg = startPage(agg, 'tab:3', { navigation: '9', origin: HELP, openedFrom: CLIENT, time: 2 });
    agg = applyObservation(agg, helpNavigation('9'), 'tab:3');
    expect(agg.earlier).toBeUndefined();
    expect(agg.page?.origin).toBe(HELP);
    expect(agg.page?.openedFrom).toBe(CLIENT);
    expect(agg.page?.sent).toEqual({ features: ['online-help'], items: ['language-settings'], contents: ['help-query'] });
    expect(agg.requests).toBe(2);
  });

  it('starts the page from a recorded navigation whose start was missed', () => {
    const agg = applyObservation(undefined, helpNavigation('5'), 'tab:4');
    expect(agg.page).toMatchObject({ navigation: '5', origin: HELP, openedFrom: CLIENT });
    // A later start of the same navigation does not archive its own page.
    expect(startPage(agg, 'tab:4', { navigation: '5', origin: HELP, time: 3 }).earlier).toBeUndefined();
  });

  it('does not archive an empty page, and keeps at most MAX_EARLIER_PAGES', () => {
    let agg = startPage(undefined, 'tab:1', { navigation: '0', origin: CLIENT, time: 0 });
    agg = startPage(agg, 'tab:1', { navigation: 'empty', origin: CLIENT, time: 1 });
    expect(agg.earlier).toBeUndefined();
    for (let i = 0; i < MAX_EARLIER_PAGES + 3; i++) {
      agg = applyObservation(agg, observation({ time: 100 + i }), 'tab:1');
      agg = startPage(agg, 'tab:1', { navigation: `n${i}`, origin: CLIENT, time: 100 + i });
    }
    expect(agg.earlier).toHaveLength(MAX_EARLIER_PAGES);
    expect(agg.earlier!.at(-1)!.lastSeen).toBe(100 + MAX_EARLIER_PAGES + 2);
    expect(agg.earlier![0]!.lastSeen).toBe(103);
  });

  it('counts dropped third-party requests apart from gaps', () => {
    const agg = addGaps(addGaps(undefined, 'tab:2', 3, 5, 'dropped'), 'tab:2', 1, 6);
    expect(agg.dropped).toBe(3);
    expect(agg.gaps).toBe(1);
  });

  it('leaves non-tab scopes without pages', () => {
    expect(applyObservation(undefined, helpNavigation('8'), 'log').page).toBeUndefined();
  });
});
