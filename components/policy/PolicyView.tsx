import { sectionHeading, text } from '../../lib/policy/lookup';
import type { Lang, Policy } from '../../lib/policy/types';
import { clauseNumbers, clauseUses } from './clause-refs';
import { ClauseQuote } from './ClauseQuote';
import { DisclosureTable } from './DisclosureTable';
import { FeatureSection } from './FeatureSection';
import { ItemsSection, KindsSection, PurposesSection, SignalsSection } from './ModelSections';
import { translator } from '../common/strings';

export interface PolicyViewProps {
  policy: Policy;
  lang: Lang;
  /** When given, a language toggle is shown and calls this. */
  onLangChange?: (lang: Lang) => void;
  /** The verbatim policy text, shown whole at the end when given. */
  sourceText?: string;
}

/** The table of contents: every section, and under the features each feature. */
function PolicyContents({ policy, lang, hasSource }: { policy: Policy; lang: Lang; hasSource: boolean }) {
  const t = translator(lang);
  const sections: Array<[string, string]> = [
    ['features', t('policyFeatures')],
    ['items', t('policyItems')],
    ['purposes', t('policyPurposes')],
    ['signals', t('policySignals')],
    ['content-kinds', t('policyContentKinds')],
    ['disclosures', t('policyDisclosures')],
    ['clauses', t('policyClauses')],
    ...(hasSource ? ([['source', t('policySource')]] as Array<[string, string]>) : []),
  ];
  return (
    <nav aria-label={t('policyContents')} class="toc">
      <h2>{t('policyContents')}</h2>
      <ol>
        {sections.map(([id, name]) => (
          <li key={id}>
            <a href={`#${id}`}>{name}</a>
            {id === 'features' && (
              <ul>
                {policy.features.map((f) => (
                  <li key={f.id}>
                    <a href={`#feature-${f.id}`}>{text(f.name, lang)}</a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * The policy model as a readable page. Every clause is quoted in full once, in "The policy text"; everything
 * else refers to it by number (§n) and links there, and each quote links back to where it is used. Anchors
 * `#feature-<id>`, `#item-<id>`, `#clause-<id>`, `#purpose-<id>`, `#signal-<id>` and `#kind-<id>` let other
 * pages link straight to what a verdict rests on.
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

      <PolicyContents policy={policy} lang={lang} hasSource={!!sourceText} />

      <section id="features" aria-labelledby="features-h">
        <h2 id="features-h">{t('policyFeatures')}</h2>
        <div class="features">
          {policy.features.map((f) => (
            <FeatureSection key={f.id} policy={policy} feature={f} lang={lang} />
          ))}
        </div>
      </section>

      <ItemsSection policy={policy} lang={lang} />
      <PurposesSection policy={policy} lang={lang} />
      <SignalsSection policy={policy} lang={lang} />
      <KindsSection policy={policy} lang={lang} />

      <section id="disclosures" aria-labelledby="disclosures-h">
        <h2 id="disclosures-h">{t('policyDisclosures')}</h2>
        <p>{t('policyDisclosuresIntro')}</p>
        <DisclosureTable policy={policy} lang={lang} />
      </section>

      <ClauseList policy={policy} lang={lang} />

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

function ClauseList({ policy, lang }: { policy: Policy; lang: Lang }) {
  const t = translator(lang);
  const numbers = clauseNumbers(policy);
  const uses = clauseUses(policy, lang);
  return (
    <section id="clauses" aria-labelledby="clauses-h">
      <h2 id="clauses-h">{t('policyClauses')}</h2>
      <p>{t('policyClausesIntro')}</p>
      {groupBySection(policy).map(([section, clauses]) => (
        <section key={section}>
          <h3 lang={lang}>{sectionHeading(policy, clauses[0]!, lang)}</h3>
          {clauses.map((c) => (
            <ClauseQuote key={c.id} clause={c} number={numbers.get(c.id)!} lang={lang} uses={uses.get(c.id)} />
          ))}
        </section>
      ))}
    </section>
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
        <button key={value} type="button" lang={value} aria-pressed={lang === value} onClick={() => onLangChange(value)}>
          {label}
        </button>
      ))}
    </div>
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
