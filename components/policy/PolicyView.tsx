import { clauseById, purposeById, sectionHeading, text } from '../../lib/policy/lookup';
import type { Feature, Lang, Policy, Text } from '../../lib/policy/types';
import { ClauseQuote } from './ClauseQuote';
import { DisclosureTable } from './DisclosureTable';
import { translator, type StringKey } from '../common/strings';

export interface PolicyViewProps {
  policy: Policy;
  lang: Lang;
  /** When given, a language toggle is shown and calls this. */
  onLangChange?: (lang: Lang) => void;
  /** The verbatim policy text, shown whole at the end when given. */
  sourceText?: string;
}

const ROLES = ['does', 'collects', 'use', 'choice'] as const;
const ROLE_LABEL: Record<(typeof ROLES)[number], StringKey> = {
  does: 'policyDoes',
  collects: 'policyCollects',
  use: 'policyUse',
  choice: 'policyChoice',
};

/**
 * The policy model as a readable page. Anchors `#feature-<id>`, `#item-<id>`, `#clause-<id>`, `#purpose-<id>`,
 * `#signal-<id>` and `#kind-<id>` let other pages link straight to what a verdict rests on.
 */
export function PolicyView({ policy, lang, onLangChange, sourceText }: PolicyViewProps) {
  const t = translator(lang);
  return (
    <article class="policy" lang={lang}>
      <header>
        <h1>{text(policy.title, lang)}</h1>
        <p>
          {`${t('policyLastUpdated')}: `}
          <time dateTime={policy.published}>{policy.published}</time>
        </p>
        {onLangChange && <LanguageToggle lang={lang} onLangChange={onLangChange} />}
        <p>{t('policyIntro')}</p>
      </header>

      <nav aria-label={t('policyContents')}>
        <h2>{t('policyContents')}</h2>
        <ul>
          <li>
            <a href="#features">{t('policyFeatures')}</a>
            <ul>
              {policy.features.map((f) => (
                <li key={f.id}>
                  <a href={`#feature-${f.id}`}>{text(f.name, lang)}</a>
                </li>
              ))}
            </ul>
          </li>
          <li><a href="#items">{t('policyItems')}</a></li>
          <li><a href="#purposes">{t('policyPurposes')}</a></li>
          <li><a href="#signals">{t('policySignals')}</a></li>
          <li><a href="#content-kinds">{t('policyContentKinds')}</a></li>
          <li><a href="#choices">{t('policyChoices')}</a></li>
          <li><a href="#disclosures">{t('policyDisclosures')}</a></li>
          <li><a href="#clauses">{t('policyClauses')}</a></li>
          {sourceText && <li><a href="#source">{t('policySource')}</a></li>}
        </ul>
      </nav>

      <section id="features" aria-labelledby="features-h">
        <h2 id="features-h">{t('policyFeatures')}</h2>
        {policy.features.map((f) => (
          <FeatureSection key={f.id} policy={policy} feature={f} lang={lang} />
        ))}
      </section>

      <section id="items" aria-labelledby="items-h">
        <h2 id="items-h">{t('policyItems')}</h2>
        {policy.items.map((item) => {
          const signals = policy.signals.filter((sig) => sig.item === item.id);
          return (
            <section key={item.id} id={`item-${item.id}`} aria-labelledby={`item-${item.id}-h`}>
              <h3 id={`item-${item.id}-h`}>{text(item.name, lang)}</h3>
              <p>{text(item.description, lang)}</p>
              <ClauseRef policy={policy} id={item.clause} lang={lang} />
              {signals.length > 0 && (
                <p>
                  {`${t('policySignalsOfItem')}: `}
                  {signals.map((sig, i) => (
                    <span key={sig.id}>
                      {i > 0 && ', '}
                      <a href={`#signal-${sig.id}`}>{text(sig.name, lang)}</a>
                      {` (${sig.precision === 'named' ? t('policyNamed') : t('policyBroad')})`}
                    </span>
                  ))}
                </p>
              )}
            </section>
          );
        })}
      </section>

      <section id="purposes" aria-labelledby="purposes-h">
        <h2 id="purposes-h">{t('policyPurposes')}</h2>
        <ul class="purposes">
          {policy.purposes.map((p) => {
            const users = policy.features.filter((f) => f.purposes.includes(p.id));
            return (
              <li key={p.id} id={`purpose-${p.id}`}>
                <strong>{text(p.name, lang)}</strong>
                {users.length > 0 && (
                  <span class="used-by">
                    {` — ${t('policyUsedBy')}: `}
                    {users.map((f, i) => (
                      <span key={f.id}>
                        {i > 0 && ', '}
                        <a href={`#feature-${f.id}`}>{text(f.name, lang)}</a>
                      </span>
                    ))}
                  </span>
                )}
                <ClauseRef policy={policy} id={p.clause} lang={lang} />
              </li>
            );
          })}
        </ul>
      </section>

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
                      <span class={`precision precision-${sig.precision}`}>
                        {sig.precision === 'named' ? t('policyNamed') : t('policyBroad')}
                      </span>
                    </td>
                    <td>{sig.note ? text(sig.note, lang) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section id="content-kinds" aria-labelledby="content-kinds-h">
        <h2 id="content-kinds-h">{t('policyContentKinds')}</h2>
        <p>{t('policyContentIntro')}</p>
        <KindList policy={policy} lang={lang} kind="content" />
        <h3>{t('policyIdentifiers')}</h3>
        <p>{t('policyIdentifiersIntro')}</p>
        <KindList policy={policy} lang={lang} kind="identifier" />
      </section>

      <section id="choices" aria-labelledby="choices-h">
        <h2 id="choices-h">{t('policyChoices')}</h2>
        <dl>
          {policy.features.map((f) => (
            <div key={f.id}>
              <dt>
                <a href={`#feature-${f.id}`}>{text(f.name, lang)}</a>
              </dt>
              {f.choice.map((id) => (
                <dd key={id}>
                  <ClauseRef policy={policy} id={id} lang={lang} />
                </dd>
              ))}
            </div>
          ))}
        </dl>
      </section>

      <section id="disclosures" aria-labelledby="disclosures-h">
        <h2 id="disclosures-h">{t('policyDisclosures')}</h2>
        <p>{t('policyDisclosuresIntro')}</p>
        <DisclosureTable policy={policy} lang={lang} />
      </section>

      <section id="clauses" aria-labelledby="clauses-h">
        <h2 id="clauses-h">{t('policyClauses')}</h2>
        {groupBySection(policy).map(([section, clauses]) => (
          <section key={section}>
            <h3 lang={lang}>{sectionHeading(policy, clauses[0]!, lang)}</h3>
            {clauses.map((c) => (
              <ClauseQuote key={c.id} policy={policy} clause={c} lang={lang} anchor />
            ))}
          </section>
        ))}
      </section>

      {sourceText && (
        <section id="source" aria-labelledby="source-h">
          <h2 id="source-h">{t('policySource')}</h2>
          <details>
            <summary>{t('policyShowSource')}</summary>
            <div lang="sv" class="source-text">
              {paragraphs(sourceText).map((para, i) => (
                <p key={i}>{para}</p>
              ))}
            </div>
          </details>
        </section>
      )}
    </article>
  );
}

function LanguageToggle({ lang, onLangChange }: { lang: Lang; onLangChange: (lang: Lang) => void }) {
  const t = translator(lang);
  const options: [Lang, string][] = [
    ['sv', 'Svenska'],
    ['en', 'English'],
  ];
  return (
    <div class="lang-toggle" role="group" aria-label={t('policyLanguage')}>
      {options.map(([value, label]) => (
        <button
          key={value}
          type="button"
          lang={value}
          aria-pressed={lang === value}
          onClick={() => onLangChange(value)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function FeatureSection({ policy, feature, lang }: { policy: Policy; feature: Feature; lang: Lang }) {
  const t = translator(lang);
  const headingId = `feature-${feature.id}-h`;
  return (
    <section id={`feature-${feature.id}`} aria-labelledby={headingId} class="feature">
      <h3 id={headingId}>{text(feature.name, lang)}</h3>
      {feature.note && <Note note={feature.note} lang={lang} />}
      <dl>
        {ROLES.map((role) => (
          <div key={role}>
            <dt>{t(ROLE_LABEL[role])}</dt>
            {feature[role].map((id) => (
              <dd key={id}>
                <ClauseRef policy={policy} id={id} lang={lang} />
              </dd>
            ))}
          </div>
        ))}
        <div>
          <dt>{t('policyPurposes')}</dt>
          <dd>
            <ul>
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
      </dl>
    </section>
  );
}

function KindList({ policy, lang, kind }: { policy: Policy; lang: Lang; kind: 'content' | 'identifier' }) {
  return (
    <dl class="kinds">
      {policy.contentKinds
        .filter((k) => k.kind === kind)
        .map((k) => (
          <div key={k.id} id={`kind-${k.id}`}>
            <dt>{text(k.name, lang)}</dt>
            <dd>
              {text(k.description, lang)} <a href={`#clause-${k.clause}`}>{`${translator(lang)('policyClause')} ${k.clause}`}</a>
            </dd>
          </div>
        ))}
    </dl>
  );
}

function ClauseRef({ policy, id, lang }: { policy: Policy; id: string; lang: Lang }) {
  const clause = clauseById(policy, id);
  return clause ? <ClauseQuote policy={policy} clause={clause} lang={lang} /> : <a href={`#clause-${id}`}>{id}</a>;
}

function Note({ note, lang }: { note: Text; lang: Lang }) {
  const t = translator(lang);
  return (
    <p class="note">
      <strong>{`${t('policyNote')}: `}</strong>
      {text(note, lang)}
    </p>
  );
}

/** Clauses grouped by their section heading, in the order the sections first appear in the clause list. */
function groupBySection(policy: Policy): [string, Policy['clauses']][] {
  const groups = new Map<string, Policy['clauses']>();
  for (const c of policy.clauses) {
    const list = groups.get(c.section);
    if (list) list.push(c);
    else groups.set(c.section, [c]);
  }
  return [...groups];
}

function paragraphs(source: string): string[] {
  return source
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
