/**
 * A flow's kept samples grouped by host and path: one line per endpoint with how many requests and when the
 * latest was, then each distinct field (where, path, redacted value) once, instead of one line per request.
 */
import type { EvidenceSample } from '../../lib/model';
import type { Evidence } from '../../lib/model';
import { formatTime, isoTime } from '../common/format';
import { useI18n } from '../common/i18n';

interface EvidenceGroup {
  host: string;
  path: string;
  requests: number;
  latest: number;
  fields: Evidence[];
}

/** Groups in order of their latest request, newest first; fields deduplicated by where, path and value. */
export function groupSamples(samples: EvidenceSample[]): EvidenceGroup[] {
  const groups = new Map<string, EvidenceGroup & { seen: Set<string> }>();
  for (const s of samples) {
    const key = `${s.host}\u0000${s.path}`;
    let g = groups.get(key);
    if (!g) {
      g = { host: s.host, path: s.path, requests: 0, latest: s.time, fields: [], seen: new Set() };
      groups.set(key, g);
    }
    g.requests += 1;
    g.latest = Math.max(g.latest, s.time);
    for (const e of s.evidence) {
      const id = `${e.where}\u0000${e.path}\u0000${e.value}`;
      if (g.seen.has(id)) continue;
      g.seen.add(id);
      g.fields.push(e);
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.latest - a.latest)
    .map(({ seen: _seen, ...g }) => g);
}

export function EvidenceGroups({ samples, total, now }: { samples: EvidenceSample[]; total: number; now?: number }) {
  const { locale, t } = useI18n();
  if (samples.length === 0) return <p class="tt-muted">{t('evidenceNone')}</p>;
  return (
    <div class="tt-evgroups">
      <ul aria-label={t('popupEvidenceHeading')}>
        {groupSamples(samples).map((g) => (
          <li key={`${g.host}${g.path}`} class="tt-evgroup" data-evidence-host={g.host}>
            <div class="tt-evgroup__where">
              <span class="tt-evgroup__endpoint">
                {g.host}
                {g.path}
              </span>{' '}
              <span class="tt-muted">
                {t('popupEvidenceGroup', [g.requests, ''])}
                <time dateTime={isoTime(g.latest)}>{formatTime(g.latest, locale, now)}</time>
              </span>
            </div>
            <ul class="tt-evgroup__fields">
              {g.fields.map((e, i) => (
                <li key={i} data-where={e.where}>
                  <code class="tt-evidence__fieldpath">{e.path}</code>
                  {e.value !== '' && (
                    <>
                      <span class="tt-muted"> = </span>
                      <code class="tt-evidence__value" title={t('evidenceValueTitle')}>
                        {e.value}
                      </code>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {total > samples.length && <p class="tt-muted">{t('popupEvidenceKept', samples.length)}</p>}
    </div>
  );
}
