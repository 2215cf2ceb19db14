/**
 * What the client's service worker or web workers sent (no tab of their own: counted under the client origin),
 * shown in the popup of a tab on that origin.
 */
import type { Policy } from '../../lib/policy/types';
import type { ScopeAggregate } from '../../lib/model';
import { useI18n } from '../common/i18n';
import { contentName, featureName, itemName } from '../common/policy-view';

export function WorkerLine({ worker, policy }: { worker?: ScopeAggregate | null; policy: Policy }) {
  const { lang, t } = useI18n();
  if (!worker || worker.requests === 0) return null;
  const what = [...Object.keys(worker.items).map((i) => itemName(policy, i, lang)), ...Object.keys(worker.contents).map((c) => contentName(policy, c, lang))];
  const features = Object.keys(worker.features).map((f) => featureName(policy, f, lang));
  return (
    <section class="tt-worker" data-worker={worker.key} data-features={Object.keys(worker.features).join(' ')} aria-label={t('workerLabel')}>
      <p>
        <strong>{t('workerFrom')}</strong>{' '}
        {worker.requests === 1 ? t('scopeRequestsOne') : t('scopeRequestsMany', String(worker.requests))}
        {what.length > 0 && <>: {what.join(', ')}</>}
        {features.length > 0 && <span class="tt-muted"> ({features.join(', ')})</span>}
      </p>
    </section>
  );
}
