/**
 * Where the tab's page came from: "Opened from Lync Web App (…)", and what the navigation sent to get here
 * (the help search, language…), with the feature it was read as. Shown only when a client page started it.
 */
import type { Policy } from '../../lib/policy/types';
import type { PageInfo } from '../../lib/model';
import { useI18n } from '../common/i18n';
import { contentName, featureName, itemName } from '../common/policy-view';
import { clientName, shortOrigin } from './client-name';

export function PageOrigin({ page, policy, customOrigins }: { page?: PageInfo; policy: Policy; customOrigins: readonly string[] }) {
  const { lang, t } = useI18n();
  if (!page?.openedFrom) return null;
  const sent = page.sent;
  const what = sent ? [...sent.items.map((i) => itemName(policy, i, lang)), ...sent.contents.map((c) => contentName(policy, c, lang))] : [];
  return (
    <section class="tt-origin" data-opened-from={page.openedFrom} aria-label={t('pageOriginLabel')}>
      <p class="tt-origin__from">
        {t('pageOpenedFrom', [clientName(page.openedFrom, customOrigins), shortOrigin(page.openedFrom)])}
      </p>
      {sent && (
        <p class="tt-origin__sent" data-features={sent.features.join(' ')}>
          {what.length ? t('pageSentToGetHere', what.join(', ')) : t('pageSentNothing')}
          {sent.features.length > 0 && <span class="tt-muted"> ({sent.features.map((f) => featureName(policy, f, lang)).join(', ')})</span>}
        </p>
      )}
    </section>
  );
}
