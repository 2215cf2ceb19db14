/**
 * Item → feature → purpose as a Sankey diagram. d3-sankey computes the layout (node positions, link
 * widths); Preact draws it as SVG. Links take the colour of their worst verdict. Labels never collide or get
 * cut: long names wrap onto up to three lines, item labels sit in a left margin and purpose labels in a right
 * margin as wide as their longest line, feature labels get half the plot, and nodes are spaced by the height
 * of the tallest label so neighbours cannot overlap.
 */
import { useMemo } from 'preact/hooks';
import { sankey, sankeyLeft, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import type { Lang, Policy, Verdict } from '../../lib/policy/types';
import { VERDICTS } from '../../lib/policy/types';
import { useI18n } from '../common/i18n';
import { featureName, flowName, purposeOf } from '../common/policy-view';
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

/** Upper bound of one character's advance at the chart's 11 px label size (system-ui, Latin). */
export const CHAR_PX = 6.6;
const GAP = 6;
/** Line height of a label (11 px type). */
export const LINE_PX = 13;
/** Characters per label line; longer names wrap at word boundaries. */
const WRAP = { flow: 22, feature: 26, purpose: 30 } as const;

export function labelWidth(label: string): number {
  return Math.ceil(label.length * CHAR_PX);
}

/** Splits a label into lines of at most `max` characters at spaces (a longer word keeps its own line). */
export function wrapLabel(label: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  // Three lines at most: the rest joins the last line, which then only widens its margin.
  return lines.length > 3 ? [...lines.slice(0, 2), lines.slice(2).join(' ')] : lines;
}

export function nodeLines(n: NodeData, label: string): string[] {
  return wrapLabel(label, WRAP[n.kind]);
}

export function nodeName(policy: Policy, n: NodeData, lang: Lang): string {
  if (n.kind === 'feature') return featureName(policy, n.ref, lang);
  if (n.kind === 'purpose') {
    const p = purposeOf(policy, n.ref);
    return p ? text(p.name, lang) : n.ref;
  }
  return flowName(policy, n.ref, lang);
}

export interface FlowLayout {
  nodes: LaidNode[];
  links: LaidLink[];
  width: number;
  height: number;
  left: number;
}

export function layoutFlow(graph: FlowGraph, label: (n: NodeData) => string, minPlot = 420): FlowLayout {
  const lines = new Map(graph.nodes.map((n) => [n.id, nodeLines(n, label(n))]));
  const widest = (kind: NodeData['kind']) =>
    Math.max(0, ...graph.nodes.filter((n) => n.kind === kind).flatMap((n) => lines.get(n.id)!.map(labelWidth)));
  const left = widest('flow') + GAP + 2;
  const right = widest('purpose') + GAP + 2;
  // Feature labels run right from the middle column: half the plot must hold the widest with room to spare.
  const plotWidth = Math.max(minPlot, 2 * (widest('feature') + GAP + 24));
  // Nodes in a column stand at least a tallest label apart.
  const padding = Math.max(...[...lines.values()].map((l) => l.length), 1) * LINE_PX + 3;
  // Room above the first node and below the last for half of a tall label.
  const edge = Math.ceil(padding / 2) + 4;
  const column = (kind: NodeData['kind']) => graph.nodes.filter((n) => n.kind === kind).length;
  const height = Math.max(160, Math.max(column('flow'), column('feature'), column('purpose')) * (padding + 4) + 2 * edge);
  const width = left + plotWidth + right;
  if (graph.nodes.length === 0) return { nodes: [], links: [], width, height, left };
  const layout = sankey<NodeData, LinkData>()
    .nodeId((n) => n.id)
    // Left-aligned: a feature with no stated purpose stays in the middle column instead of the last.
    .nodeAlign(sankeyLeft)
    .nodeWidth(12)
    .nodePadding(padding)
    .extent([
      [left, edge],
      [width - right, height - edge],
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
            const lines = nodeLines(n, name(n));
            const x = before ? x0 - GAP : x1 + GAP;
            // Centred on the node: the first baseline sits half the block above the middle.
            const top = (y0 + y1) / 2 - ((lines.length - 1) * LINE_PX) / 2 + 4;
            return (
              <g data-node={n.id}>
                <rect x={x0} y={y0} width={x1 - x0} height={Math.max(1, y1 - y0)} class={`tt-node tt-node--${n.kind}`} />
                <text x={x} y={top} text-anchor={before ? 'end' : 'start'} class="tt-svg-text tt-svg-label" data-lines={lines.length}>
                  {lines.map((l, i) => (
                    <tspan x={x} y={top + i * LINE_PX}>
                      {l}
                    </tspan>
                  ))}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </section>
  );
}
