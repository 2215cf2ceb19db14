/** Counts of clear, vague and omitted (and incorrect) flows per feature. */
import type { Policy } from '../../lib/policy/types';
import { VERDICTS } from '../../lib/policy/types';
import { useI18n } from '../common/i18n';
import { featureName } from '../common/policy-view';
import { verdictLabel } from '../common/VerdictBadge';
import type { Conformance as ConformanceData } from './model';

export function Conformance({ policy, data }: { policy: Policy; data: ConformanceData }) {
  const { lang, t } = useI18n();
  return (
    <section class="tt-conformance" aria-labelledby="tt-conf-title">
      <h2 id="tt-conf-title">{t('conformance')}</h2>
      <p class="tt-muted">{t('conformanceHint')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('feature')}</th>
            {VERDICTS.map((v) => (
              <th scope="col" data-verdict={v}>
                {verdictLabel(t, v)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((row) => (
            <tr data-feature={row.feature}>
              <th scope="row">{featureName(policy, row.feature, lang)}</th>
              {VERDICTS.map((v) => (
                <td data-verdict={v}>{row.counts[v]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
