/**
 * Item → feature → purpose as a Sankey diagram. d3-sankey computes the layout (node positions, link
 * widths); Preact draws it as SVG. The layout is a pure function of the graph, so it is memoised.
 */
import { useMemo } from 'preact/hooks';
import { sankey, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import type { Policy } from '../../lib/policy/types';
import { useI18n } from '../common/i18n';
import { contentName, featureName, itemName, purposeOf } from '../common/policy-view';
import { text } from '../../lib/policy/lookup';
import type { FlowGraph } from './model';

export interface FlowChartProps {
  policy: Policy;
  graph: FlowGraph;
  width?: number;
  height?: number;
}

type NodeData = { id: string; kind: 'flow' | 'feature' | 'purpose'; ref: string };
type LinkData = { value: number };
type LaidNode = SankeyNode<NodeData, LinkData>;
type LaidLink = SankeyLink<NodeData, LinkData>;

const ITEMS = new Set(['ip-address', 'os-version', 'browser-version', 'regional-settings', 'language-settings', 'hardware-id']);

export function layoutFlow(graph: FlowGraph, width: number, height: number): { nodes: LaidNode[]; links: LaidLink[] } {
  if (graph.nodes.length === 0) return { nodes: [], links: [] };
  const layout = sankey<NodeData, LinkData>()
    .nodeId((n) => n.id)
    .nodeWidth(12)
    .nodePadding(10)
    .extent([
      [1, 1],
      [width - 1, height - 1],
    ]);
  return layout({ nodes: graph.nodes.map((n) => ({ ...n })), links: graph.links.map((l) => ({ ...l })) });
}

export function FlowChart({ policy, graph, width = 760, height = 360 }: FlowChartProps) {
  const { lang, t } = useI18n();
  const laid = useMemo(() => layoutFlow(graph, width, height), [graph, width, height]);
  const path = sankeyLinkHorizontal<NodeData, LinkData>();
  const name = (n: NodeData) => {
    if (n.kind === 'feature') return featureName(policy, n.ref, lang);
    if (n.kind === 'purpose') {
      const p = purposeOf(policy, n.ref);
      return p ? text(p.name, lang) : n.ref;
    }
    return ITEMS.has(n.ref) ? itemName(policy, n.ref, lang) : contentName(policy, n.ref, lang);
  };
  return (
    <section class="tt-flow" aria-labelledby="tt-flow-title">
      <h2 id="tt-flow-title">{t('flowChart')}</h2>
      <p class="tt-muted">{t('flowChartHint')}</p>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="tt-flow-title">
        <g class="tt-flow__links">
          {laid.links.map((l) => {
            const s = l.source as LaidNode;
            const d = l.target as LaidNode;
            return (
              <path d={path(l) ?? ''} class={`tt-link tt-link--${s.kind}`} stroke-width={Math.max(1, l.width ?? 1)} fill="none">
                <title>{`${name(s)} → ${name(d)}: ${l.value}`}</title>
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
            const right = x0 > width / 2;
            return (
              <g data-node={n.id}>
                <rect x={x0} y={y0} width={x1 - x0} height={Math.max(1, y1 - y0)} class={`tt-node tt-node--${n.kind}`} />
                <text x={right ? x0 - 6 : x1 + 6} y={(y0 + y1) / 2 + 4} text-anchor={right ? 'end' : 'start'} class="tt-svg-text">
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
