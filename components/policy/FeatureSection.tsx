/** One feature of the policy: what it does, collects, how it uses it and the choice, each a clause reference. */
import { purposeById, text } from '../../lib/policy/lookup';
import type { Feature, Lang, Policy } from '../../lib/policy/types';
import { ClauseLink } from './ClauseLink';
import { POLICY_STRINGS } from './strings';

const ROLES = ['does', 'collects', 'use', 'choice'] as const;

export function FeatureSection({ policy, feature, lang }: { policy: Policy; feature: Feature; lang: Lang }) {
  const s = POLICY_STRINGS[lang];
  const headingId = `feature-${feature.id}-h`;
  return (
    <section id={`feature-${feature.id}`} aria-labelledby={headingId} class="feature">
      <h3 id={headingId}>{text(feature.name, lang)}</h3>
      {feature.note && (
        <p class="note">
          <strong>{`${s.note}: `}</strong>
          {text(feature.note, lang)}
        </p>
      )}
      <dl class="roles">
        {ROLES.filter((role) => feature[role].length > 0).map((role) => (
          <div key={role}>
            <dt>{s[role]}</dt>
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
            <dt>{s.purposes}</dt>
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
