/**
 * The report cannot show a request body (bodies are not stored in clear), so it rebuilds the body's shape
 * from the evidence paths the engine recorded: `body[2].ext.os.ver`, `body[0].tags["ai.device.os"]`, … become
 * a tree whose leaves are the matched fields with their (redacted) values.
 */
import type { Evidence, Annotation } from '../../lib/model';
import type { Verdict } from '../../lib/policy/types';

export interface EvidenceLeaf {
  /** Item id or finding kind. */
  subject: string;
  verdict: Verdict;
  evidence: Evidence;
}

export interface TreeNode {
  key: string;
  children: TreeNode[];
  leaves: EvidenceLeaf[];
}

/** Splits `body[2].ext["a.b"].c` (without the leading `body`) into ['[2]', 'ext', 'a.b', 'c']. */
export function pathSegments(path: string): string[] {
  const segments: string[] = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) segments.push(`[${m[1]}]`);
    else if (m[2] !== undefined) segments.push(m[2].replace(/\\(.)/g, '$1'));
    else if (m[3] !== undefined) segments.push(m[3]);
  }
  return segments;
}

function leavesOf(a: Annotation): EvidenceLeaf[] {
  return [
    ...a.items.flatMap((i) => i.evidence.map((evidence) => ({ subject: i.item as string, verdict: i.verdict, evidence }))),
    ...a.findings.flatMap((f) => f.evidence.map((evidence) => ({ subject: f.kind, verdict: f.verdict, evidence }))),
  ];
}

export function bodyTree(a: Annotation): TreeNode {
  const root: TreeNode = { key: 'body', children: [], leaves: [] };
  for (const leaf of leavesOf(a)) {
    if (leaf.evidence.where !== 'body') continue;
    const rest = leaf.evidence.path.replace(/^body/, '');
    let node = root;
    for (const seg of pathSegments(rest)) {
      let child = node.children.find((c) => c.key === seg);
      if (!child) node.children.push((child = { key: seg, children: [], leaves: [] }));
      node = child;
    }
    node.leaves.push(leaf);
  }
  return root;
}

/** Evidence by header name (lower case) and by URL query parameter. */
export function headerAndUrlEvidence(a: Annotation): { headers: Map<string, EvidenceLeaf[]>; query: Map<string, EvidenceLeaf[]>; url: EvidenceLeaf[]; connection: EvidenceLeaf[] } {
  const headers = new Map<string, EvidenceLeaf[]>();
  const query = new Map<string, EvidenceLeaf[]>();
  const url: EvidenceLeaf[] = [];
  const connection: EvidenceLeaf[] = [];
  const push = (map: Map<string, EvidenceLeaf[]>, key: string, leaf: EvidenceLeaf) => map.set(key, [...(map.get(key) ?? []), leaf]);
  for (const leaf of leavesOf(a)) {
    const { where, path } = leaf.evidence;
    if (where === 'header') push(headers, path.replace(/^header:/, '').toLowerCase(), leaf);
    else if (where === 'connection') connection.push(leaf);
    else if (where === 'url') {
      const q = /^url:query\.(.+)$/.exec(path);
      if (q) push(query, q[1]!, leaf);
      else url.push(leaf);
    }
  }
  return { headers, query, url, connection };
}
