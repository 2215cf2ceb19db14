/**
 * "Earlier on this tab": the pages the tab showed before it navigated on, newest first, each with what left
 * while it was shown. Their requests stay in the report page (by tab).
 */
import type { Policy } from '../../lib/policy/types';
import type { EarlierPage } from '../../lib/model';
import { useI18n } from '../common/i18n';
import { contentName, itemName } from '../common/policy-view';
import { VerdictBadge } from '../common/VerdictBadge';
import { clientName, shortOrigin } from './client-name';

export function EarlierPages({ earlier, policy, customOrigins }: { earlier?: EarlierPage[]; policy: Policy; customOrigins: readonly string[] }) {
  const { lang, t } = useI18n();
  if (!earlier?.length) return null;
  return (
    <section class="tt-section tt-earlier" aria-labelledby="tt-earlier-h">
      <h2 id="tt-earlier-h">{t('earlierHeading')}</h2>
      <ul class="tt-earlier__list">
        {[...earlier].reverse().map((p) => (
          <li key={`${p.firstSeen}-${p.origin ?? ''}`} data-earlier={p.origin ?? ''}>
            <strong>{p.origin ? `${clientName(p.origin, customOrigins)} (${shortOrigin(p.origin)})` : t('earlierUnknownPage')}</strong>{' '}
            <span class="tt-muted">{p.requests === 1 ? t('scopeRequestsOne') : t('scopeRequestsMany', String(p.requests))}</span>
            <ul class="tt-earlier__flows">
              {Object.entries(p.items).map(([id, verdict]) => (
                <li key={id} data-item={id}>
                  {itemName(policy, id, lang)} {verdict && <VerdictBadge verdict={verdict} />}
                </li>
              ))}
              {Object.entries(p.contents).map(([id, verdict]) => (
                <li key={id} data-content={id}>
                  {contentName(policy, id, lang)} <VerdictBadge verdict={verdict} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
