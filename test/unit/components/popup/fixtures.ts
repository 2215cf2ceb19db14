/**
 * Realistic aggregates for the popup tests, built the way the store builds them: hand-written annotations
 * (verdicts and clauses looked up in the real policy) applied one by one with the store's applyObservation.
 */
import { i18nOf, type I18n } from '../../../../components/common/i18n';
import { loadPolicy } from '../../../../lib/policy/load';
import { disclosureFor } from '../../../../lib/policy/lookup';
import type { Destination, FeatureId, ItemId, Lang } from '../../../../lib/policy/types';
import { applyObservation } from '../../../../lib/store/aggregate';
import type { Observation, ScopeAggregate, ScopeKey } from '../../../../lib/model';
import type { Evidence, Finding, ItemFlow } from '../../../../lib/model';

export const policy = loadPolicy();
export function i18nFor(lang: Lang): I18n {
  return i18nOf(lang);
}

/** A fixed "now" on the same day as the fixture times, so times render without dates. */
export const T0 = Date.UTC(2024, 4, 14, 9, 30, 0);
export const NOW = T0 + 60 * 60 * 1000;

const SCI: FeatureId = 'standard-computer-information';
const SCI_PURPOSES = ['provide-internet-services', 'improve-products', 'statistical-analysis'];

function ev(path: string, value: string, signal?: string, where: Evidence['where'] = 'body'): Evidence {
  return { where, path, value, matchedBy: 'key', signal };
}

function item(id: ItemId, feature: FeatureId, evidence: Evidence[], verdict?: ItemFlow['verdict']): ItemFlow {
  const d = disclosureFor(policy, id, feature);
  return { item: id, verdict: verdict ?? d.verdict, clause: d.clause, evidence };
}

function finding(kind: string, feature: FeatureId, evidence: Evidence[], destination?: Destination): Finding {
  const d = disclosureFor(policy, kind, feature, destination);
  return { kind, verdict: d.verdict, clause: d.clause, evidence };
}

let nextId = 1;
function observation(
  time: number,
  url: string,
  features: FeatureId[],
  purposes: string[],
  items: ItemFlow[],
  findings: Finding[],
  tabId = 7,
): Observation {
  return {
    id: nextId++,
    requestId: `r${nextId}`,
    time,
    tabId,
    frameId: 0,
    clientOrigin: 'https://outlook.office.com',
    url,
    method: 'POST',
    type: 'xmlhttprequest',
    status: 200,
    requestSize: 900,
    headers: [],
    annotation: {
      policy: policy.id,
      features,
      purposes,
      items,
      findings,
      hints: [],
      body: { format: 'ndjson', gzip: false, truncated: false, undecodable: false, size: 900 },
    },
  };
}

export const HOSTILE_VALUE = '<img src=x onerror="globalThis.__pwned=1"><script>globalThis.__pwned=2</script>';

/**
 * An Outlook tab: 1DS telemetry carrying five items (hardware ID only under a broad term) plus a user id and a
 * session id the policy never names, and two Send-a-Smile feedback posts.
 */
export function telemetryTab(key: ScopeKey = 'tab:7'): ScopeAggregate {
  const oneDs = 'https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true';
  const ip = ev('connection', '', 'ip-address', 'connection');
  const observations = [
    observation(
      T0,
      oneDs,
      [SCI],
      SCI_PURPOSES,
      [
        item('ip-address', SCI, [ip]),
        item('os-version', SCI, [ev('body[0].ext.os.ver', '10.0', 'os-version')]),
        item('browser-version', SCI, [ev('body[0].ext.web.browserVer', '120.0', 'browser-version')]),
        item('language-settings', SCI, [ev('body[0].ext.web.browserLang', 'sv-SE', 'language')]),
      ],
      [finding('user-id', SCI, [ev('body[0].ext.user.localId', 'c:3f…a9', undefined)])],
    ),
    observation(
      T0 + 5 * 60_000,
      oneDs,
      [SCI],
      SCI_PURPOSES,
      [
        item('ip-address', SCI, [ip]),
        item('os-version', SCI, [ev('body[0].ext.os.ver', '10.0', 'os-version')]),
        item('hardware-id', SCI, [ev('body[0].data.screenRes', HOSTILE_VALUE, 'screen-resolution')], 'vague'),
      ],
      [finding('session-id', SCI, [ev('body[0].ext.app.sesId', 'a1b2…', undefined)])],
    ),
    // Two feedback posts: a clear content flow seen more often than the undisclosed identifiers.
    ...[1, 2].map((n) =>
      observation(
        T0 + (10 + n) * 60_000,
        'https://sas.office.microsoft.com/upload.ashx',
        ['online-feedback'],
        ['improve-websites-products', 'follow-up-feedback'],
        [item('ip-address', 'online-feedback', [ip])],
        [finding('feedback-content', 'online-feedback', [ev('form.comment', 'Det fungerar inte …')])],
      ),
    ),
  ];
  let agg: ScopeAggregate | undefined;
  for (const o of observations) agg = applyObservation(agg, o, key);
  return agg!;
}

/**
 * An on-premises Lync Web App tab (lyncweb.contoso.com, the organisation's own server): a people search, an
 * invitation to a contact and one instant message, as UCWA sends them.
 */
export function lyncWebAppTab(key: ScopeKey = 'tab:7'): ScopeAggregate {
  const app = 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/102';
  const at = (o: Observation): Observation => ({ ...o, clientOrigin: 'https://lyncweb.contoso.com', annotation: { ...o.annotation!, destination: 'organisation' } });
  const ip = ev('connection', '', 'ip-address', 'connection');
  const observations = [
    observation(T0, `${app}/people/search?query=%5Bpeople-search%3A%205%20chars%5D`, [SCI], [], [item('ip-address', SCI, [ip])], [
      finding('people-search', SCI, [ev('url:query.query', '[people-search: 5 chars, sha256:8e11529cbc58]', undefined, 'url')], 'organisation'),
    ]),
    observation(T0 + 60_000, `${app}/communication/startMessaging`, [SCI], [], [item('ip-address', SCI, [ip])], [
      finding('contact-address', SCI, [ev('body.to', '[contact-address: 21 chars, sha256:ab67b15cc933]')], 'organisation'),
    ]),
    observation(T0 + 2 * 60_000, `${app}/communication/conversations/21a1/messaging/messages`, [SCI], [], [item('ip-address', SCI, [ip])], [
      finding('instant-message', SCI, [ev('body', '[instant-message: 10 chars, sha256:834032dfb827]')], 'organisation'),
    ]),
  ].map(at);
  let agg: ScopeAggregate | undefined;
  for (const o of observations) agg = applyObservation(agg, o, key);
  return agg!;
}
