import { contentKindById, disclosureFor, featureById, itemById, text } from '../../lib/policy/lookup';
import { VERDICTS, type Lang, type Policy, type Verdict } from '../../lib/policy/types';
import { translator, type StringKey } from '../common/strings';
import { verdictLabel } from '../common/VerdictBadge';

const VERDICT_MEANING: Record<Verdict, StringKey> = {
  clear: 'policyVerdictMeaningClear',
  vague: 'policyVerdictMeaningVague',
  omitted: 'policyVerdictMeaningOmitted',
  incorrect: 'policyVerdictMeaningIncorrect',
};
import { ClauseLink, clauseNumber } from './ClauseLink';

interface DisclosureTableProps {
  policy: Policy;
  lang: Lang;
}

/**
 * Every subject (item, content kind, identifier) against every feature, with the verdict the policy gives a
 * flow of it and a link to the clause it rests on: the same lookup the engine uses for each request.
 */
export function DisclosureTable({ policy, lang }: DisclosureTableProps) {
  const t = translator(lang);
  const subjects = [
    ...policy.items.map((i) => ({ id: i.id, name: i.name, href: `#item-${i.id}` })),
    ...policy.contentKinds.map((k) => ({ id: k.id, name: k.name, href: `#kind-${k.id}` })),
  ];
  return (
    <>
      <dl class="legend">
        {VERDICTS.map((v) => (
          <div key={v}>
            <dt>
              <span class={`verdict verdict-${v}`}>{verdictLabel(t, v)}</span>
            </dt>
            <dd>{t(VERDICT_MEANING[v])}</dd>
          </div>
        ))}
      </dl>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('policyDisclosuresTable')}>
        <table class="disclosures">
          <thead>
            <tr>
              <th scope="col">{t('policySubject')}</th>
              {policy.features.map((f) => (
                <th scope="col" key={f.id}>
                  <a href={`#feature-${f.id}`}>{text(f.name, lang)}</a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {subjects.map((subject) => (
              <tr key={subject.id}>
                <th scope="row">
                  <a href={subject.href}>{text(subject.name, lang)}</a>
                </th>
                {policy.features.map((f) => {
                  const d = disclosureFor(policy, subject.id, f.id);
                  return (
                    <td key={f.id} data-verdict={d.verdict}>
                      <a
                        href={`#clause-${d.clause}`}
                        class={`verdict verdict-${d.verdict}`}
                        aria-label={`${verdictLabel(t, d.verdict)}, ${t('policyClause')} ${clauseNumber(policy, d.clause) ?? ''}`}
                      >
                        {verdictLabel(t, d.verdict)}
                      </a>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul class="readings">
        {readings(policy, lang).map((r) => (
          <li key={r.key}>
            <span class={`verdict verdict-${r.verdict}`}>{verdictLabel(t, r.verdict)}</span>{' '}
            <strong>{r.subjects.join(', ')}</strong>
            {' → '}
            <strong>{r.feature}</strong>
            {`: ${r.note} `}
            <ClauseLink policy={policy} id={r.clause} lang={lang} />
          </li>
        ))}
      </ul>
    </>
  );
}

interface Reading {
  key: string;
  verdict: Verdict;
  subjects: string[];
  feature: string;
  note: string;
  clause: string;
}

/** Disclosure notes, with statements that share verdict, feature, clause and note shown once for all their subjects. */
function readings(policy: Policy, lang: Lang): Reading[] {
  const groups = new Map<string, Reading>();
  for (const d of policy.disclosures) {
    if (!d.note) continue;
    const key = [d.verdict, d.feature, d.destination ?? '', d.clause, d.note.en].join('\u0000');
    const name = subjectName(policy, d.subject, lang);
    const group = groups.get(key);
    if (group) {
      group.subjects.push(name);
      continue;
    }
    const t = translator(lang);
    const feature = d.feature === '*' ? t('policyAnyFeature') : featureById(policy, d.feature);
    const featureText = typeof feature === 'string' ? feature : feature ? text(feature.name, lang) : d.feature;
    // A statement for the organisation's own server says where it applies: its verdict is not Microsoft's.
    const where = d.destination === 'organisation' ? ` ${t('policyAtOrganisation')}` : '';
    groups.set(key, {
      key,
      verdict: d.verdict,
      subjects: [name],
      feature: featureText + where,
      note: text(d.note, lang),
      clause: d.clause,
    });
  }
  return [...groups.values()];
}

function subjectName(policy: Policy, subject: string, lang: Lang): string {
  if (subject === '*') return translator(lang)('policyAnyItem');
  const named = itemById(policy, subject) ?? contentKindById(policy, subject);
  return named ? text(named.name, lang) : subject;
}
