// Renderer. A view's nodes and edges as cytoscape element definitions: size by accounts, colour
// by score (clusters) or by the strongest linking signal (accounts, values), edge width by weight
// (the same width the edge layer draws).
import type cytoscape from 'cytoscape';
import type { GraphEdge, GraphNode, GraphView } from '../../../../../electron/shared/contract';
import { scoreColor, signalColor } from '../signal-colors';
import { edgeWidth } from './edge-layer';

export function nodePx(n: GraphNode): number {
  if (n.kind === 'cluster') return Math.round(14 + 11 * Math.log10(Math.max(1, n.size)) * 2);
  if (n.kind === 'value') return Math.round(10 + 4 * Math.log2(Math.max(1, n.size)));
  return Math.round(12 + 3 * Math.log2(Math.max(1, n.size)));
}

export function nodeColor(n: GraphNode): string {
  if (n.kind === 'value') return n.hub ? '#9aa5b1' : signalColor(n.signal ?? '');
  // accounts take the colour of the signal that links them most; clusters their score
  if (n.kind === 'account') return n.signal ? signalColor(n.signal) : '#8a96a3';
  return scoreColor(n.score);
}

export function toElements(view: GraphView): cytoscape.ElementDefinition[] {
  const out: cytoscape.ElementDefinition[] = [];
  for (const n of view.nodes) out.push(nodeElement(n));
  let maxW = 0;
  for (const e of view.edges) maxW = Math.max(maxW, e.weight);
  for (const e of view.edges) out.push(edgeElement(e, maxW));
  return out;
}

export function nodeElement(n: GraphNode): cytoscape.ElementDefinition {
  return {
    group: 'nodes',
    data: {
      id: n.id,
      label: n.label,
      kind: n.kind,
      px: nodePx(n),
      color: nodeColor(n),
      score: n.score ?? 0,
      size: n.size,
      flagged: n.flagged,
      hub: n.hub,
      outside: n.outside,
      signal: n.signal ?? '',
      cluster: n.cluster ?? -1,
    },
    position: { x: n.x, y: n.y },
  };
}

export function edgeElement(e: GraphEdge, maxW: number): cytoscape.ElementDefinition {
  return {
    group: 'edges',
    data: {
      id: e.id,
      source: e.source,
      target: e.target,
      weight: e.weight,
      signal: e.signal,
      color: signalColor(e.signal),
      w: edgeWidth(e.weight, maxW),
    },
  };
}
