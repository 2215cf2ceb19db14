/**
 * The selected request: request line, URL query, headers and the body as the engine saw it, with every field
 * that carried evidence highlighted (<mark>) and labelled with its item or content kind and verdict.
 * All values come from web traffic and are rendered as text.
 */
import type { Policy } from '../../lib/policy/types';
import type { Observation } from '../../lib/model';
import { useI18n } from '../common/i18n';
import { contentName, itemName } from '../common/policy-view';
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

const ITEMS = new Set(['ip-address', 'os-version', 'browser-version', 'regional-settings', 'language-settings', 'hardware-id']);

function LeafTags({ leaves, policy }: { leaves: EvidenceLeaf[]; policy: Policy }) {
  const { lang, t } = useI18n();
  return (
    <>
      {leaves.map((l) => (
        <span class="tt-leaf" data-subject={l.subject}>
          <span class={`tt-verdict tt-verdict--${l.verdict}`} data-verdict={l.verdict}>
            {(ITEMS.has(l.subject) ? itemName(policy, l.subject, lang) : contentName(policy, l.subject, lang)) + ': ' + verdictLabel(t, l.verdict)}
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
  const tree = bodyTree(a);
  const params = queryParams(parseUrl(o.url).query);
  const body = a.body;
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
          <dl class="tt-kv">
            {params.map(([name, value]) => {
              const leaves = query.get(name);
              return (
                <div class={leaves ? 'tt-kv__row tt-kv__row--match' : 'tt-kv__row'}>
                  <dt>{name}</dt>
                  <dd>
                    {leaves ? <Value path={`url:query.${name}`} value={value} onCopy={onCopy} /> : value}
                    {leaves && <LeafTags leaves={leaves} policy={policy} />}
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      )}

      <h3>{t('headers')}</h3>
      <dl class="tt-kv">
        {o.headers.map((h) => {
          const leaves = headers.get(h.name.toLowerCase());
          return (
            <div class={leaves ? 'tt-kv__row tt-kv__row--match' : 'tt-kv__row'}>
              <dt>{h.name}</dt>
              <dd>
                {leaves ? <Value path={`header:${h.name.toLowerCase()}`} value={h.value} onCopy={onCopy} /> : h.value}
                {leaves && <LeafTags leaves={leaves} policy={policy} />}
              </dd>
            </div>
          );
        })}
      </dl>

      <h3>{t('body')}</h3>
      {body.format === 'none' ? (
        <p class="tt-muted">{t('bodyNone')}</p>
      ) : (
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
      )}
    </section>
  );
}
