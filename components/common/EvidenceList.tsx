/**
 * Where a flow was seen: request host, path and time, and for each request the field (`path`) and the
 * redacted value. Everything here came from a web page's request, so it is rendered as text only.
 */
import './common.css';
import type { EvidenceSample, Evidence } from '../../lib/model';
import { formatTime, isoTime } from './format';
import { useI18n } from './i18n';

export interface EvidenceListProps {
  samples: EvidenceSample[];
  /** Total requests of the flow, to say how many are not sampled. */
  total?: number;
  now?: number;
}

/** Newest first; the store keeps only the most recent samples. */
export function EvidenceList({ samples, total, now }: EvidenceListProps) {
  const { lang, t } = useI18n();
  if (samples.length === 0) return <p class="tt-muted">{t('evidenceNone')}</p>;
  const sorted = [...samples].sort((a, b) => b.time - a.time);
  return (
    <div class="tt-evidence">
      <ul class="tt-evidence__requests" aria-label={t('evidenceLabel')}>
        {sorted.map((s) => (
          <li key={`${s.observationId}-${s.time}`} class="tt-evidence__request">
            <div class="tt-evidence__where">
              <span class="tt-evidence__host">{s.host}</span>
              <span class="tt-evidence__path">{s.path}</span>
              <time class="tt-evidence__time" dateTime={isoTime(s.time)}>
                {formatTime(s.time, lang, now)}
              </time>
            </div>
            <ul class="tt-evidence__fields">
              {s.evidence.map((e, i) => (
                <EvidenceField key={i} evidence={e} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {total !== undefined && total > samples.length && (
        <p class="tt-muted">{t('evidenceMore', [String(samples.length), String(total)])}</p>
      )}
    </div>
  );
}

function EvidenceField({ evidence }: { evidence: Evidence }) {
  const { t } = useI18n();
  return (
    <li class="tt-evidence__field" data-where={evidence.where}>
      <code class="tt-evidence__fieldpath">{evidence.path}</code>
      {evidence.value !== '' && (
        <>
          <span class="tt-muted"> = </span>
          <code class="tt-evidence__value" title={t('evidenceValueTitle')}>
            {evidence.value}
          </code>
        </>
      )}
    </li>
  );
}
