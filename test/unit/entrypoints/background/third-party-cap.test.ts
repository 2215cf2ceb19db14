/**
 * The per-page third-party cap counts a request on the page it was captured on, even when it is classified
 * later, after its tab has started another page (requests without a body wait for the writer's flush).
 */
import { describe, expect, it } from 'vitest';
import { ScopeTracker } from '../../../../entrypoints/background/scope';
import { MAX_THIRD_PARTY_PER_PAGE, type Observation } from '../../../../lib/store';

const tab = 3;
const obs = (features: string[]): Observation =>
  ({ requestId: 'r', tabId: tab, clientOrigin: 'https://outlook.office.com', annotation: { features } }) as unknown as Observation;
const thirdParty = obs(['third-party']);
const fill = (scope: ScopeTracker, page: string, n: number) => {
  for (let i = 0; i < n; i++) expect(scope.overThirdPartyCap(thirdParty, page)).toBe(false);
};

describe('third-party cap', () => {
  it('drops a page\'s third-party records beyond the cap, and never a Microsoft one', () => {
    const scope = new ScopeTracker();
    const page = scope.capPage({ tabId: tab, clientOrigin: 'https://outlook.office.com' });
    fill(scope, page, MAX_THIRD_PARTY_PER_PAGE);
    expect(scope.overThirdPartyCap(thirdParty, page)).toBe(true);
    expect(scope.overThirdPartyCap(obs(['error-reporting']), page)).toBe(false);
  });

  it('counts an earlier page\'s late records on that page, not on the one the tab has moved to', () => {
    const scope = new ScopeTracker();
    const first = scope.capPage({ tabId: tab, clientOrigin: 'https://outlook.office.com' });
    scope.forgetTab(tab);
    const second = scope.capPage({ tabId: tab, clientOrigin: 'https://outlook.office.com' });
    expect(second).not.toBe(first);
    // The first page's requests, classified after the navigation, fill its own cap ...
    fill(scope, first, MAX_THIRD_PARTY_PER_PAGE);
    expect(scope.overThirdPartyCap(thirdParty, first)).toBe(true);
    // ... and the new page still has all of its own.
    fill(scope, second, MAX_THIRD_PARTY_PER_PAGE);
    expect(scope.overThirdPartyCap(thirdParty, second)).toBe(true);
  });

  it('starts a page over when the tab navigates again, and keeps worker scopes apart from tabs', () => {
    const scope = new ScopeTracker();
    const first = scope.capPage({ tabId: tab, clientOrigin: 'https://outlook.office.com' });
    fill(scope, first, MAX_THIRD_PARTY_PER_PAGE);
    scope.forgetTab(tab);
    scope.forgetTab(tab);
    const third = scope.capPage({ tabId: tab, clientOrigin: 'https://outlook.office.com' });
    expect(scope.overThirdPartyCap(thirdParty, third)).toBe(false);
    expect(scope.capPage({ tabId: -1, clientOrigin: 'https://teams.microsoft.com' })).toBe('worker:https://teams.microsoft.com');
  });
});
