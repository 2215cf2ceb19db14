/** One feature of the policy: what it does, collects, how it uses it and the choice, each a clause reference. */
import { purposeById, text } from '../../lib/policy/lookup';
import type { Feature, Lang, Policy } from '../../lib/policy/types';
import { ClauseLink } from './ClauseLink';
import { translator } from '../common/strings';

const ROLES = ['does', 'collects', 'use', 'choice'] as const;
const ROLE_KEY = { does: 'policyDoes', collects: 'policyCollects', use: 'policyUse', choice: 'policyChoice' } as const;

export function FeatureSection({ policy, feature, lang }: { policy: Policy; feature: Feature; lang: Lang }) {
  const t = translator(lang);
  const headingId = `feature-${feature.id}-h`;
  return (
    <section id={`feature-${feature.id}`} aria-labelledby={headingId} class="feature">
      <h3 id={headingId}>{text(feature.name, lang)}</h3>
      {feature.note && (
        <p class="note">
          <strong>{`${t('policyNote')}: `}</strong>
          {text(feature.note, lang)}
        </p>
      )}
      <dl class="roles">
        {ROLES.filter((role) => feature[role].length > 0).map((role) => (
          <div key={role}>
            <dt>{t(ROLE_KEY[role])}</dt>
            <dd>
              <ul class="refs">
                {feature[role].map((id) => (
                  <li key={id}>
                    <ClauseLink policy={policy} id={id} lang={lang} gist />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
        {feature.purposes.length > 0 && (
          <div>
            <dt>{t('policyPurposes')}</dt>
            <dd>
              <ul class="inline-list">
                {feature.purposes.map((id) => {
                  const p = purposeById(policy, id);
                  return (
                    <li key={id}>
                      <a href={`#purpose-${id}`}>{p ? text(p.name, lang) : id}</a>
                    </li>
                  );
                })}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
