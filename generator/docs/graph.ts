// The registry as a diagram: services and topics as nodes, an edge from each sending service to
// its topic and from the topic to each receiving service. Laid out at build time by dagre (so the
// page needs no script to draw it) and printed as SVG through the site's one escaping template.
import * as dagre from '@dagrejs/dagre';
import { html, trustedMarkup, type Markup } from './html.js';

// dagre 3.1.4's declarations import their own files without an extension, which NodeNext does not resolve, so
// every export reaches us untyped. This is the part of its API the layout uses, as its lib/types.d.ts declares it
// (node positions are filled in by `layout`).
interface LayoutPoint {
  readonly x: number;
  readonly y: number;
}
interface DagreGraph {
  setGraph(label: {
    rankdir: 'LR';
    nodesep: number;
    ranksep: number;
    marginx: number;
    marginy: number;
    ranker: 'network-simplex' | 'longest-path';
  }): void;
  setDefaultEdgeLabel(label: () => object): void;
  setNode(id: string, label: { width: number; height: number }): void;
  setEdge(from: string, to: string): void;
  node(id: string): LayoutPoint & { readonly width: number; readonly height: number };
  edge(from: string, to: string): { readonly points?: readonly LayoutPoint[] } | undefined;
  graph(): { readonly width?: number; readonly height?: number };
}
const { Graph, layout } = dagre as unknown as {
  readonly Graph: new (options: { multigraph: boolean }) => DagreGraph;
  readonly layout: (graph: DagreGraph) => void;
};

export interface GraphNode {
  readonly id: string;
  readonly kind: 'service' | 'topic';
  readonly label: string;
  readonly href: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
}

export interface GraphInput {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

interface PlacedNode extends GraphNode {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface PlacedEdge extends GraphEdge {
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

const NODE_HEIGHT = 36;
/** Width of one character of the 13 px sans-serif label, generously estimated. */
const CHAR_WIDTH = 7.6;
const MAX_LABEL = 40;
/** Nodes above which the layout ranks by longest path instead of network simplex. */
const LARGE_GRAPH = 60;

export function layoutGraph(input: GraphInput): GraphLayout {
  const graph = new Graph({ multigraph: false });
  graph.setGraph({
    rankdir: 'LR',
    nodesep: 18,
    ranksep: 60,
    marginx: 12,
    marginy: 12,
    // network-simplex draws the tightest diagrams but costs most of a 400-message site's build time
    // (≈3× longest-path on the 100-node benchmark graph); large registries get the cheaper ranker.
    ranker: input.nodes.length > LARGE_GRAPH ? 'longest-path' : 'network-simplex',
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of input.nodes)
    graph.setNode(node.id, { width: Math.round(shortLabel(node.label).length * CHAR_WIDTH + 28), height: NODE_HEIGHT });
  for (const edge of input.edges) graph.setEdge(edge.from, edge.to);
  layout(graph);
  const nodes = input.nodes.map((node) => {
    const placed = graph.node(node.id);
    return { ...node, x: placed.x, y: placed.y, width: placed.width, height: placed.height };
  });
  const edges = input.edges.map((edge) => ({ ...edge, points: graph.edge(edge.from, edge.to)?.points ?? [] }));
  const size = graph.graph();
  return { width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), nodes, edges };
}

export function graphSvg(placed: GraphLayout): Markup {
  const round = (n: number): string => String(Math.round(n * 10) / 10);
  const edges = placed.edges.map((edge) => {
    const d = edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
    return html`<path class="edge" d="${d}" marker-end="url(#arrow)"></path>`;
  });
  const nodes = placed.nodes.map((node) => {
    const x = node.x - node.width / 2;
    const y = node.y - node.height / 2;
    const radius = node.kind === 'topic' ? node.height / 2 : 4;
    return html`<a class="node ${node.kind}" href="${node.href}" data-node="${node.label}"
      ><title>${node.kind} ${node.label}</title
      ><rect
        x="${round(x)}"
        y="${round(y)}"
        width="${round(node.width)}"
        height="${round(node.height)}"
        rx="${radius}"
      ></rect
      ><text x="${round(node.x)}" y="${round(node.y + 4.5)}" text-anchor="middle">${shortLabel(node.label)}</text></a
    >`;
  });
  const defs = trustedMarkup(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"></path></marker></defs>',
  );
  return html`<svg
    class="graph"
    xmlns="http://www.w3.org/2000/svg"
    role="img"
    aria-label="services and topics"
    width="${placed.width}"
    height="${placed.height}"
    viewBox="0 0 ${placed.width} ${placed.height}"
  >
    ${defs}${edges}${nodes}
  </svg>`;
}

function shortLabel(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}
