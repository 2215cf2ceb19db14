/**
 * The selected request: request line, URL query, headers and the body as the engine saw it, with every field
 * that carried evidence highlighted (<mark>) and labelled with its item or content kind and verdict.
 * All values come from web traffic and are rendered as text.
 */
import type { Policy } from '../../lib/policy/types';
import type { Observation } from '../../lib/model';
import { useI18n } from '../common/i18n';
import { flowName } from '../common/policy-view';
import { verdictLabel } from '../common/VerdictBadge';
import { bodyTree, headerAndUrlEvidence, type EvidenceLeaf, type TreeNode } from './evidence-tree';
import { parseUrl, queryParams } from '../../lib/util/url';

export interface EvidencePaneProps {
  policy: Policy;
  observation: Observation | undefined;
  /** Copies a value; without it no copy buttons are drawn. */
  onCopy?: (text: string) => void;
}

/** A marked evidence value with its copy button (values from traffic are rendered as text). */
function Value({ path, value, shown = value, onCopy }: { path: string; value: string; shown?: string; onCopy?: (text: string) => void }) {
  const { t } = useI18n();
  return (
    <>
      <mark class="tt-match" data-path={path}>
        {shown}
      </mark>
      {onCopy && (
        <button type="button" class="tt-copy" data-copy={path} aria-label={t('copyValue', path)} title={t('copyValue', path)} onClick={() => onCopy(value)}>
          {t('copy')}
        </button>
      )}
    </>
  );
}

function LeafTags({ leaves, policy }: { leaves: EvidenceLeaf[]; policy: Policy }) {
  const { lang, t } = useI18n();
  return (
    <>
      {leaves.map((l) => (
        <span class="tt-leaf" data-subject={l.subject}>
          <span class={`tt-verdict tt-verdict--${l.verdict}`} data-verdict={l.verdict}>
            {flowName(policy, l.subject, lang) + ': ' + verdictLabel(t, l.verdict)}
          </span>
        </span>
      ))}
    </>
  );
}

function Tree({ node, policy, onCopy }: { node: TreeNode; policy: Policy; onCopy?: (text: string) => void }) {
  return (
    <ul class="tt-tree">
      {node.children.map((c) => (
        <li>
          <span class="tt-tree__key">{c.key}</span>
          {c.leaves.length > 0 && (
            <>
              {': '}
              <Value path={c.leaves[0]!.evidence.path} value={c.leaves[0]!.evidence.value} shown={JSON.stringify(c.leaves[0]!.evidence.value)} onCopy={onCopy} />{' '}
              <LeafTags leaves={c.leaves} policy={policy} />
            </>
          )}
          {c.children.length > 0 && <Tree node={c} policy={policy} onCopy={onCopy} />}
        </li>
      ))}
    </ul>
  );
}

interface KvRow {
  name: string;
  value: string;
  /** The evidence path a marked value is copied and labelled under. */
  path: string;
  /** What the annotation found in this value; none leaves the row plain. */
  leaves?: EvidenceLeaf[];
}

/** Name–value rows (query parameters, headers); a value that carried evidence is marked and tagged. */
function KvList({ rows, policy, onCopy }: { rows: KvRow[]; policy: Policy; onCopy?: (text: string) => void }) {
  return (
    <dl class="tt-kv">
      {rows.map((r) => (
        <div class={r.leaves ? 'tt-kv__row tt-kv__row--match' : 'tt-kv__row'}>
          <dt>{r.name}</dt>
          <dd>
            {r.leaves ? <Value path={r.path} value={r.value} onCopy={onCopy} /> : r.value}
            {r.leaves && <LeafTags leaves={r.leaves} policy={policy} />}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The body as the engine decoded it: format and size, and the tree of fields that carried evidence. */
function BodyEvidence({ observation: o, policy, onCopy }: { observation: Observation; policy: Policy; onCopy?: (text: string) => void }) {
  const { t } = useI18n();
  const body = o.annotation.body;
  if (body.format === 'none') return <p class="tt-muted">{t('bodyNone')}</p>;
  const tree = bodyTree(o.annotation);
  return (
    <>
      <p class="tt-muted">
        {t('bodyInfo', [body.format, body.size, `${body.gzip ? t('bodyGzip') : ''}${body.truncated ? t('bodyTruncated') : ''}`])}
      </p>
      {body.undecodable && <p class="tt-warn">{t('bodyUndecodable')}</p>}
      {tree.children.length > 0 && (
        <>
          <p class="tt-muted">{t('bodyNotStored')}</p>
          <div class="tt-body" aria-label={t('body')}>
            <span class="tt-tree__key">body</span>
            <Tree node={tree} policy={policy} onCopy={onCopy} />
          </div>
        </>
      )}
    </>
  );
}

export function EvidencePane({ policy, observation: o, onCopy }: EvidencePaneProps) {
  const { t } = useI18n();
  if (!o) {
    return (
      <section class="tt-evidence-pane" aria-labelledby="tt-evidence-title">
        <h2 id="tt-evidence-title">{t('evidence')}</h2>
        <p class="tt-muted">{t('selectRequest')}</p>
      </section>
    );
  }
  const a = o.annotation;
  const { headers, query, url, connection } = headerAndUrlEvidence(a);
  const params = queryParams(parseUrl(o.url).query).map(([name, value]) => ({ name, value, path: `url:query.${name}`, leaves: query.get(name) }));
  const headerRows = o.headers.map((h) => {
    const key = h.name.toLowerCase();
    return { name: h.name, value: h.value, path: `header:${key}`, leaves: headers.get(key) };
  });
  return (
    <section class="tt-evidence-pane" aria-labelledby="tt-evidence-title">
      <h2 id="tt-evidence-title">{t('evidence')}</h2>
      <p class="tt-reqline">
        <code>{t('requestLine', [o.method, o.url])}</code>
      </p>
      {a.items.length + a.findings.length === 0 && <p class="tt-muted">{t('noFlows')}</p>}
      {connection.length > 0 && <p class="tt-muted">{t('connection')}</p>}
      {url.length > 0 && <LeafTags leaves={url} policy={policy} />}

      {params.length > 0 && (
        <>
          <h3>{t('urlQuery')}</h3>
          <KvList rows={params} policy={policy} onCopy={onCopy} />
        </>
      )}

      <h3>{t('headers')}</h3>
      <KvList rows={headerRows} policy={policy} onCopy={onCopy} />

      <h3>{t('body')}</h3>
      <BodyEvidence observation={o} policy={policy} onCopy={onCopy} />
    </section>
  );
}
