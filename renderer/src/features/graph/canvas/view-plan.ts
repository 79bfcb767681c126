// Renderer (pure: no DOM, no cytoscape instance). Decides where a view's elements go: which views
// draw their edges (and, for a big overview, their nodes) on the layer canvas beneath cytoscape,
// and where a merged neighbourhood's new nodes are placed. Kept apart so the unit tests run it.
import type { GraphEdge, GraphView } from '../../../../../electron/shared/contract';

/**
 * Views of more elements (nodes + edges) than this draw their edges on the edge layer
 * (edge-layer.ts) rather than as cytoscape elements; smaller views keep every edge in cytoscape.
 * Cytoscape applies its whole stylesheet (defaults included, a bounds event per property) to each
 * element on the first frame, so the cost of a view is its element count: the 2,000-cluster
 * overview and its 800 links qualify as much as a 5,000-account drill-down with 20,000 links.
 */
export const EDGE_LAYER_MIN = 2500;

/** EDGE_LAYER_MIN, or ?edgeLayer=N in the URL's query (the e2e tests put a small view on the layer). */
export function parseEdgeLayerMin(search: string): number {
  const forced = new URLSearchParams(search).get('edgeLayer');
  return forced !== null && forced !== '' && Number.isFinite(Number(forced)) ? Number(forced) : EDGE_LAYER_MIN;
}

export interface ViewPlan {
  /** the edges go on the edge layer (the nodes stay in cytoscape unless nodesOnLayer) */
  big: boolean;
  /** a big overview (clusters only): its nodes go on the layer too */
  nodesOnLayer: boolean;
}

export function planView(view: Pick<GraphView, 'nodes' | 'edges'>, edgeLayerMin: number): ViewPlan {
  const size = view.nodes.length + view.edges.length;
  return {
    big: view.edges.length > 0 && size > edgeLayerMin,
    nodesOnLayer: view.nodes.length > 0 && size > edgeLayerMin && view.nodes.every((n) => n.kind === 'cluster'),
  };
}

/** The heaviest edge weight (0 for none): edge widths are scaled to it. */
export function maxWeight(edges: readonly Pick<GraphEdge, 'weight'>[]): number {
  let maxW = 0;
  for (const e of edges) maxW = Math.max(maxW, e.weight);
  return maxW;
}

/**
 * Positions for `count` new nodes on a ring around `centre`, evenly spaced from angle 0; the ring
 * grows with the count so the new nodes do not pile onto one another.
 */
export function ringPositions(centre: { x: number; y: number }, count: number): Array<{ x: number; y: number }> {
  const ring = 60 + 6 * count;
  const out: Array<{ x: number; y: number }> = [];
  for (let i = 0; i < count; i++) {
    const ang = (2 * Math.PI * i) / Math.max(1, count);
    out.push({ x: centre.x + ring * Math.cos(ang), y: centre.y + ring * Math.sin(ang) });
  }
  return out;
}
