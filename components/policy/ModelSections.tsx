/**
 * The policy model's lists as compact tables: the six items, the purposes, the details (signals) and the
 * content kinds and identifiers. Each row names the clause it rests on by number and links to its quote.
 */
import { text } from '../../lib/policy/lookup';
import type { Lang, Policy } from '../../lib/policy/types';
import { ClauseLink } from './ClauseLink';
import { translator } from '../common/strings';

interface Props {
  policy: Policy;
  lang: Lang;
}

export function ItemsSection({ policy, lang }: Props) {
  const t = translator(lang);
  return (
    <section id="items" aria-labelledby="items-h">
      <h2 id="items-h">{t('policyItems')}</h2>
      <dl class="model-list">
        {policy.items.map((item) => {
          const signals = policy.signals.filter((sig) => sig.item === item.id);
          return (
            <div key={item.id} id={`item-${item.id}`}>
              <dt>
                {text(item.name, lang)} <ClauseLink policy={policy} id={item.clause} lang={lang} />
              </dt>
              <dd>
                {text(item.description, lang)}
                {signals.length > 0 && (
                  <span class="muted">
                    {` ${t('policySignalsOfItem')}: `}
                    <AnchorList links={signals.map((sig) => ({ id: sig.id, href: `#signal-${sig.id}`, label: text(sig.name, lang) }))} />
                    .
                  </span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/** Links within the policy page, separated by commas, as one sentence reads them. */
function AnchorList({ links }: { links: { id: string; href: string; label: string }[] }) {
  return (
    <>
      {links.map((l, i) => (
        <span key={l.id}>
          {i > 0 && ', '}
          <a href={l.href}>{l.label}</a>
        </span>
      ))}
    </>
  );
}

export function PurposesSection({ policy, lang }: Props) {
  const t = translator(lang);
  return (
    <section id="purposes" aria-labelledby="purposes-h">
      <h2 id="purposes-h">{t('policyPurposes')}</h2>
      <ul class="purposes">
        {policy.purposes.map((p) => {
          const users = policy.features.filter((f) => f.purposes.includes(p.id));
          return (
            <li key={p.id} id={`purpose-${p.id}`}>
              <strong>{text(p.name, lang)}</strong> <ClauseLink policy={policy} id={p.clause} lang={lang} />
              {users.length > 0 && (
                <span class="used-by">
                  {` — ${t('policyUsedBy')}: `}
                  <AnchorList links={users.map((f) => ({ id: f.id, href: `#feature-${f.id}`, label: text(f.name, lang) }))} />
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function SignalsSection({ policy, lang }: Props) {
  const t = translator(lang);
  return (
    <section id="signals" aria-labelledby="signals-h">
      <h2 id="signals-h">{t('policySignals')}</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('policySignalsTable')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('policySignal')}</th>
              <th scope="col">{t('policyItem')}</th>
              <th scope="col">{t('policyPrecision')}</th>
              <th scope="col">{t('policyWhy')}</th>
            </tr>
          </thead>
          <tbody>
            {policy.signals.map((sig) => {
              const item = policy.items.find((i) => i.id === sig.item);
              return (
                <tr key={sig.id} id={`signal-${sig.id}`}>
                  <th scope="row">{text(sig.name, lang)}</th>
                  <td>{item ? <a href={`#item-${item.id}`}>{text(item.name, lang)}</a> : '—'}</td>
                  <td>
                    <span class={`precision precision-${sig.precision}`}>{sig.precision === 'named' ? t('policyNamed') : t('policyBroad')}</span>
                  </td>
                  <td>{sig.note ? text(sig.note, lang) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function KindList({ policy, lang, kind }: Props & { kind: 'content' | 'identifier' }) {
  return (
    <dl class="model-list">
      {policy.contentKinds
        .filter((k) => k.kind === kind)
        .map((k) => (
          <div key={k.id} id={`kind-${k.id}`}>
            <dt>
              {text(k.name, lang)} <ClauseLink policy={policy} id={k.clause} lang={lang} />
            </dt>
            <dd>{text(k.description, lang)}</dd>
          </div>
        ))}
    </dl>
  );
}

export function KindsSection({ policy, lang }: Props) {
  const t = translator(lang);
  return (
    <section id="content-kinds" aria-labelledby="content-kinds-h">
      <h2 id="content-kinds-h">{t('policyContentKinds')}</h2>
      <p>{t('policyContentIntro')}</p>
      <KindList policy={policy} lang={lang} kind="content" />
      <h3>{t('policyIdentifiers')}</h3>
      <p>{t('policyIdentifiersIntro')}</p>
      <KindList policy={policy} lang={lang} kind="identifier" />
    </section>
  );
}
