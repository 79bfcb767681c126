// Renderer (pure: no DOM, no cytoscape instance). What the layer canvas beneath cytoscape holds
// for the current view (edges of a big view, nodes of a big overview) and the questions asked of
// it: which layer edges join two nodes, which layer indexes some node ids have, which node-layer
// labels to show. Drawing and scheduling are in layer-canvas.ts; this part runs in unit tests.
import type cytoscape from 'cytoscape';
import type { GraphEdge, GraphView } from '../../../../../electron/shared/contract';
import { signalColor } from '../signal-colors';
import { packEdges, type PackedEdges } from './edge-layer';
import { nodeColor, nodePx } from './elements';
import { chooseLabels, type LabelCandidate, type LabelChoice, type LabelSurroundings } from './label-placement';
import { packNodes, type PackedNodes } from './node-layer';
import { maxWeight } from './view-plan';
import type { Bounds } from './viewport-math';

/** Most nodes on screen considered for a label (beyond it the view is too dense to label). */
export const LABEL_CANDIDATES_MAX = 1500;

/** The edge layer of the current view: packed edges, node positions read from cytoscape. */
export interface Layer {
  packed: PackedEdges;
  edges: GraphEdge[];
  maxW: number;
  refs: Array<cytoscape.NodeSingular | null>;
  refsStale: boolean;
  xs: Float64Array;
  ys: Float64Array;
  /** ids of nodes hidden by the investigator (their edges are not drawn) */
  hidden: Set<string>;
  /** everything on the layer drawn dimmed (a highlight or isolate is on) */
  dim: boolean;
}

/** The nodes of a big overview, drawn on the layer (node-layer.ts) until something needs them in cytoscape. */
export interface NodeLayer {
  packed: PackedNodes;
  view: GraphView;
  selected: number;
  found: number;
  labels: LabelChoice[];
}

export function makeEdgeLayer(view: Pick<GraphView, 'nodes' | 'edges'>): Layer {
  const nodeIds = view.nodes.map((n) => n.id);
  return {
    packed: packEdges(nodeIds, view.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, weight: e.weight, color: signalColor(e.signal) }))),
    edges: view.edges,
    maxW: maxWeight(view.edges),
    // node references are looked up on the first draw, once cytoscape holds the nodes
    refs: [],
    refsStale: true,
    xs: new Float64Array(nodeIds.length),
    ys: new Float64Array(nodeIds.length),
    hidden: new Set(),
    dim: false,
  };
}

export function makeNodeLayer(view: GraphView): NodeLayer {
  const packed = packNodes(view.nodes.map((n) => ({ id: n.id, label: n.label, x: n.x, y: n.y, px: nodePx(n), color: nodeColor(n), flagged: n.flagged, size: n.size })));
  return { packed, view, selected: -1, found: -1, labels: [] };
}

/** Layer edge indexes between two node ids, either direction. */
export function edgesBetween(edges: readonly Pick<GraphEdge, 'source' | 'target'>[], a: string, b: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    if ((e.source === a && e.target === b) || (e.source === b && e.target === a)) out.push(i);
  }
  return out;
}

/** The layer indexes (positions in `nodeIds`) of the given node ids; unknown ids are skipped. */
export function indexesOf(nodeIds: readonly string[], ids: Iterable<string>): Set<number> {
  const out = new Set<number>();
  const want = new Set(ids);
  nodeIds.forEach((id, i) => {
    if (want.has(id)) out.add(i);
  });
  return out;
}

/**
 * Which node-layer nodes get a label: those inside the visible extent (model coordinates) whose
 * labels fit without covering one another (chooseLabels). None while labels would be too small to
 * read (font under 8 px on screen) or when more than `max` nodes are on screen (too dense).
 * `around`: the panels over the graph and the view's size (chooseLabels).
 */
export function layerLabels(p: PackedNodes, ext: Bounds, zoom: number, pan: { x: number; y: number }, max = LABEL_CANDIDATES_MAX, around: LabelSurroundings = {}): LabelChoice[] {
  const font = 10 * zoom;
  const inside = (x: number, y: number) => x >= ext.x1 && x <= ext.x2 && y >= ext.y1 && y <= ext.y2;
  const on: number[] = [];
  if (font >= 8) for (let i = 0; i < p.ids.length && on.length <= max; i++) if (inside(p.xs[i]!, p.ys[i]!)) on.push(i);
  const cands: LabelCandidate[] = on.length <= max ? on.map((i) => ({ x: p.xs[i]! * zoom + pan.x, y: p.ys[i]! * zoom + pan.y, r: p.r[i]! * zoom, label: p.labels[i]!, size: p.size[i]!, id: p.ids[i]! })) : [];
  return chooseLabels(cands, font, around).map((l) => ({ i: on[l.i]!, place: l.place }));
}
