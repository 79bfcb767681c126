// The graph canvas's pure decisions, apart from cytoscape and the DOM: where a view's elements go
// (cytoscape or the layer canvas), ring placement of merged neighbours, the viewport that fits a
// box or centres a point, and the layer's lookups (edges between two nodes, node indexes, labels).
import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../../electron/shared/contract';
import { edgesBetween, indexesOf, LABEL_CANDIDATES_MAX, layerLabels, makeEdgeLayer, makeNodeLayer } from '../../../renderer/src/features/graph/canvas/layer-state';
import { EDGE_LAYER_MIN, maxWeight, parseEdgeLayerMin, planView, ringPositions } from '../../../renderer/src/features/graph/canvas/view-plan';
import { centrePan, fitViewport, insidePolygon } from '../../../renderer/src/features/graph/canvas/viewport-math';
import { packNodes } from '../../../renderer/src/features/graph/canvas/node-layer';

const node = (id: string, kind: GraphNode['kind'], x = 0, y = 0, size = 1): GraphNode => ({
  id,
  kind,
  ref: id.slice(2),
  label: id,
  size,
  score: kind === 'cluster' ? 0.5 : null,
  flagged: false,
  signal: null,
  cluster: null,
  outside: false,
  hub: false,
  x,
  y,
});
const edge = (id: string, source: string, target: string, weight: number): GraphEdge => ({ id, source, target, weight, signal: 'card' });
const nodes = (n: number, kind: GraphNode['kind']) => Array.from({ length: n }, (_, i) => node(`${kind[0]}:${i}`, kind, i, 0));
const chain = (n: number) => Array.from({ length: n - 1 }, (_, i) => edge(`e${i}`, `a:${i}`, `a:${i + 1}`, 1));

describe('parseEdgeLayerMin', () => {
  it('takes a numeric ?edgeLayer= and falls back to EDGE_LAYER_MIN otherwise', () => {
    expect(parseEdgeLayerMin('?edgeLayer=10')).toBe(10);
    expect(parseEdgeLayerMin('?edgeLayer=0&token=x')).toBe(0);
    expect(parseEdgeLayerMin('')).toBe(EDGE_LAYER_MIN);
    expect(parseEdgeLayerMin('?edgeLayer=')).toBe(EDGE_LAYER_MIN);
    expect(parseEdgeLayerMin('?edgeLayer=lots')).toBe(EDGE_LAYER_MIN);
  });
});

describe('planView', () => {
  it('keeps a view of at most edgeLayerMin elements wholly in cytoscape', () => {
    expect(planView({ nodes: nodes(5, 'account'), edges: chain(5) }, 9)).toEqual({ big: false, nodesOnLayer: false });
  });
  it('puts the edges of a bigger drill-down on the layer, its nodes in cytoscape', () => {
    expect(planView({ nodes: nodes(5, 'account'), edges: chain(5) }, 8)).toEqual({ big: true, nodesOnLayer: false });
  });
  it('puts a big overview (clusters only) on the layer, nodes and edges', () => {
    const ns = nodes(10, 'cluster');
    expect(planView({ nodes: ns, edges: [edge('e', 'c:0', 'c:1', 1)] }, 10)).toEqual({ big: true, nodesOnLayer: true });
    // without edges there is no edge layer, but the nodes still go on the layer
    expect(planView({ nodes: [...ns, node('c:10', 'cluster')], edges: [] }, 10)).toEqual({ big: false, nodesOnLayer: true });
    // one account among the clusters keeps the nodes in cytoscape
    expect(planView({ nodes: [...ns, node('a:1', 'account')], edges: [] }, 10).nodesOnLayer).toBe(false);
  });
  it('never plans a layer for an empty view', () => {
    expect(planView({ nodes: [], edges: [] }, -1)).toEqual({ big: false, nodesOnLayer: false });
  });
});

describe('maxWeight', () => {
  it('is the heaviest weight, 0 for no edges', () => {
    expect(maxWeight([{ weight: 2 }, { weight: 7.5 }, { weight: 3 }])).toBe(7.5);
    expect(maxWeight([])).toBe(0);
  });
});

describe('ringPositions', () => {
  it('spaces nodes evenly on a ring around the centre that grows with their count', () => {
    const ps = ringPositions({ x: 10, y: -5 }, 4);
    const r = 60 + 6 * 4;
    expect(ps).toHaveLength(4);
    expect(ps[0]!.x).toBeCloseTo(10 + r);
    expect(ps[0]!.y).toBeCloseTo(-5);
    expect(ps[1]!.x).toBeCloseTo(10);
    expect(ps[1]!.y).toBeCloseTo(-5 + r);
    expect(ps[2]!.x).toBeCloseTo(10 - r);
    for (const p of ps) expect(Math.hypot(p.x - 10, p.y + 5)).toBeCloseTo(r);
    expect(ringPositions({ x: 0, y: 0 }, 0)).toEqual([]);
  });
});

describe('fitViewport', () => {
  it('centres the box and zooms it to fill the container less the padding', () => {
    const v = fitViewport({ x1: 0, y1: 0, x2: 1000, y2: 500 }, 1000, 800, 50, 0.02, 6);
    expect(v.zoom).toBeCloseTo(0.9); // (1000 - 100) / 1000: the width limits
    expect(v.pan.x).toBeCloseTo(500 - 0.9 * 500);
    expect(v.pan.y).toBeCloseTo(400 - 0.9 * 250);
  });
  it('never zooms in past 1.5 and stays within the zoom limits', () => {
    expect(fitViewport({ x1: 0, y1: 0, x2: 10, y2: 10 }, 1000, 800, 30, 0.02, 6).zoom).toBe(1.5);
    expect(fitViewport({ x1: 0, y1: 0, x2: 10, y2: 10 }, 1000, 800, 30, 0.02, 1.2).zoom).toBe(1.2);
    expect(fitViewport({ x1: 0, y1: 0, x2: 1e9, y2: 1e9 }, 1000, 800, 30, 0.02, 6).zoom).toBe(0.02);
  });
});

describe('centrePan', () => {
  it('puts the point at the container centre', () => {
    const pan = centrePan(100, 50, 2, 800, 600);
    expect(100 * 2 + pan.x).toBe(400);
    expect(50 * 2 + pan.y).toBe(300);
  });
});

describe('insidePolygon', () => {
  it('follows the even-odd rule on a concave polygon', () => {
    // a U shape: the notch between its arms is outside
    const u: Array<[number, number]> = [[0, 0], [30, 0], [30, 30], [20, 30], [20, 10], [10, 10], [10, 30], [0, 30]];
    expect(insidePolygon(5, 20, u)).toBe(true);
    expect(insidePolygon(15, 20, u)).toBe(false);
    expect(insidePolygon(15, 5, u)).toBe(true);
    expect(insidePolygon(-1, 5, u)).toBe(false);
  });
});

describe('edgesBetween', () => {
  it('finds the edges joining two nodes in either direction, nothing else', () => {
    const es = [edge('x', 'a:1', 'a:2', 1), edge('y', 'a:2', 'a:3', 1), edge('z', 'a:2', 'a:1', 1)];
    expect(edgesBetween(es, 'a:1', 'a:2')).toEqual([0, 2]);
    expect(edgesBetween(es, 'a:3', 'a:2')).toEqual([1]);
    expect(edgesBetween(es, 'a:1', 'a:3')).toEqual([]);
  });
});

describe('indexesOf', () => {
  it('maps node ids to their positions in the layer, skipping unknown ids', () => {
    expect([...indexesOf(['a:1', 'a:2', 'a:3'], ['a:3', 'a:9', 'a:1'])].sort()).toEqual([0, 2]);
    expect(indexesOf(['a:1'], []).size).toBe(0);
  });
});

describe('makeEdgeLayer / makeNodeLayer', () => {
  it('packs the view with its heaviest weight and nothing hidden, dimmed or marked', () => {
    const ns = nodes(3, 'account');
    const l = makeEdgeLayer({ nodes: ns, edges: [edge('e0', 'a:0', 'a:1', 2), edge('e1', 'a:1', 'a:2', 5)] });
    expect(l.maxW).toBe(5);
    expect(l.packed.nodeIds).toEqual(['a:0', 'a:1', 'a:2']);
    expect([...l.packed.src]).toEqual([0, 1]);
    expect(l.xs.length).toBe(3);
    expect(l.refsStale).toBe(true);
    expect(l.hidden.size).toBe(0);
    expect(l.dim).toBe(false);
    const view = { nodes: nodes(2, 'cluster'), edges: [], totalNodes: 2, totalEdges: 0, truncated: false, layout: 'engine', ms: 1 } as unknown as Parameters<typeof makeNodeLayer>[0];
    const nl = makeNodeLayer(view);
    expect(nl.packed.ids).toEqual(['c:0', 'c:1']);
    expect([nl.selected, nl.found, nl.labels]).toEqual([-1, -1, []]);
  });
});

describe('layerLabels', () => {
  const p = packNodes([
    { id: 'c:1', label: 'one', x: 0, y: 0, px: 10, color: '#f00', flagged: false, size: 50 },
    { id: 'c:2', label: 'two', x: 200, y: 0, px: 10, color: '#f00', flagged: false, size: 5 },
    { id: 'c:3', label: 'three', x: 5000, y: 0, px: 10, color: '#f00', flagged: false, size: 500 },
  ]);
  const ext = { x1: -100, y1: -100, x2: 300, y2: 100 };
  it('labels the nodes inside the visible extent', () => {
    expect(layerLabels(p, ext, 1, { x: 0, y: 0 }).map((l) => l.i).sort()).toEqual([0, 1]);
  });
  it('labels nothing while the font would be too small to read', () => {
    expect(layerLabels(p, ext, 0.5, { x: 0, y: 0 })).toEqual([]);
  });
  it('labels nothing when more nodes than the cap are on screen', () => {
    expect(layerLabels(p, ext, 1, { x: 0, y: 0 }, 1)).toEqual([]);
    expect(LABEL_CANDIDATES_MAX).toBeGreaterThan(1);
  });
});
