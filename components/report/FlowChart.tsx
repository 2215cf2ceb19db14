/**
 * Item → feature → purpose as a Sankey diagram. d3-sankey computes the layout (node positions, link
 * widths); Preact draws it as SVG. Links take the colour of their worst verdict. Labels never collide or get
 * cut: item labels sit in a left margin and purpose labels in a right margin, each as wide as its longest
 * label, and the chart grows taller with its longest column so nodes keep a label's height apart.
 */
import { useMemo } from 'preact/hooks';
import { sankey, sankeyLeft, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import type { Lang, Policy, Verdict } from '../../lib/policy/types';
import { VERDICTS } from '../../lib/policy/types';
import { useI18n } from '../common/i18n';
import { contentName, featureName, itemName, purposeOf } from '../common/policy-view';
import { verdictLabel } from '../common/VerdictBadge';
import { text } from '../../lib/policy/lookup';
import type { FlowGraph } from './model';

export interface FlowChartProps {
  policy: Policy;
  graph: FlowGraph;
  /** Least width of the plot between the label margins (it grows to fit the feature labels). */
  plotWidth?: number;
}

type NodeData = { id: string; kind: 'flow' | 'feature' | 'purpose'; ref: string };
type LinkData = { value: number; verdict: Verdict };
type LaidNode = SankeyNode<NodeData, LinkData>;
type LaidLink = SankeyLink<NodeData, LinkData>;

const ITEMS = new Set(['ip-address', 'os-version', 'browser-version', 'regional-settings', 'language-settings', 'hardware-id']);
/** Upper bound of one character's advance at the chart's 11 px label size (system-ui, Latin). */
export const CHAR_PX = 6.6;
const GAP = 6;
/** Vertical room per node: more than a label's line height, so labels in a column never overlap. */
export const NODE_PITCH = 22;

export function labelWidth(label: string): number {
  return Math.ceil(label.length * CHAR_PX);
}

export function nodeName(policy: Policy, n: NodeData, lang: Lang): string {
  if (n.kind === 'feature') return featureName(policy, n.ref, lang);
  if (n.kind === 'purpose') {
    const p = purposeOf(policy, n.ref);
    return p ? text(p.name, lang) : n.ref;
  }
  return ITEMS.has(n.ref) ? itemName(policy, n.ref, lang) : contentName(policy, n.ref, lang);
}

export interface FlowLayout {
  nodes: LaidNode[];
  links: LaidLink[];
  width: number;
  height: number;
  left: number;
}

export function layoutFlow(graph: FlowGraph, label: (n: NodeData) => string, minPlot = 420): FlowLayout {
  const widest = (kind: NodeData['kind']) => Math.max(0, ...graph.nodes.filter((n) => n.kind === kind).map((n) => labelWidth(label(n))));
  const left = widest('flow') + GAP + 2;
  const right = widest('purpose') + GAP + 2;
  // Feature labels run right from the middle column: half the plot must hold the widest with room to spare.
  const plotWidth = Math.max(minPlot, 2 * (widest('feature') + GAP + 24));
  const column = (kind: NodeData['kind']) => graph.nodes.filter((n) => n.kind === kind).length;
  const height = Math.max(160, Math.max(column('flow'), column('feature'), column('purpose')) * NODE_PITCH + 10);
  const width = left + plotWidth + right;
  if (graph.nodes.length === 0) return { nodes: [], links: [], width, height, left };
  const layout = sankey<NodeData, LinkData>()
    .nodeId((n) => n.id)
    // Left-aligned: a feature with no stated purpose stays in the middle column instead of the last.
    .nodeAlign(sankeyLeft)
    .nodeWidth(12)
    .nodePadding(NODE_PITCH - 6)
    .extent([
      [left, 5],
      [width - right, height - 5],
    ]);
  const laid = layout({ nodes: graph.nodes.map((n) => ({ ...n })), links: graph.links.map((l) => ({ ...l })) });
  return { ...laid, width, height, left };
}

export function FlowChart({ policy, graph, plotWidth }: FlowChartProps) {
  const { lang, t } = useI18n();
  const name = (n: NodeData) => nodeName(policy, n, lang);
  const laid = useMemo(() => layoutFlow(graph, name, plotWidth), [graph, plotWidth, lang]);
  const path = sankeyLinkHorizontal<NodeData, LinkData>();
  return (
    <section class="tt-flow" aria-labelledby="tt-flow-title">
      <h2 id="tt-flow-title">{t('flowChart')}</h2>
      <p class="tt-muted">{t('flowChartHint')}</p>
      <ul class="tt-legend" aria-label={t('legend')}>
        {VERDICTS.map((v) => (
          <li data-verdict={v}>
            <span class={`tt-swatch tt-swatch--${v}`} aria-hidden="true" /> {verdictLabel(t, v)}
          </li>
        ))}
      </ul>
      <svg width={laid.width} height={laid.height} viewBox={`0 0 ${laid.width} ${laid.height}`} role="img" aria-labelledby="tt-flow-title">
        <g class="tt-flow__links">
          {laid.links.map((l) => {
            const s = l.source as LaidNode;
            const d = l.target as LaidNode;
            return (
              <path d={path(l) ?? ''} class={`tt-link tt-link--${l.verdict}`} data-verdict={l.verdict} stroke-width={Math.max(1, l.width ?? 1)} fill="none">
                <title>{`${name(s)} → ${name(d)}: ${l.value} · ${verdictLabel(t, l.verdict)}`}</title>
              </path>
            );
          })}
        </g>
        <g class="tt-flow__nodes">
          {laid.nodes.map((n) => {
            const x0 = n.x0 ?? 0;
            const x1 = n.x1 ?? 0;
            const y0 = n.y0 ?? 0;
            const y1 = n.y1 ?? 0;
            // Items label to their left (in the left margin), features and purposes to their right.
            const before = n.kind === 'flow';
            return (
              <g data-node={n.id}>
                <rect x={x0} y={y0} width={x1 - x0} height={Math.max(1, y1 - y0)} class={`tt-node tt-node--${n.kind}`} />
                <text x={before ? x0 - GAP : x1 + GAP} y={(y0 + y1) / 2 + 4} text-anchor={before ? 'end' : 'start'} class="tt-svg-text tt-svg-label">
                  {name(n)}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </section>
  );
}
