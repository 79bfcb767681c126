// The edge layer's pure part: packing a view's edges, the nearest-segment hit test behind edge
// clicks on big views, and which edges touch a set of nodes.
import { describe, expect, it } from 'vitest';
import { edgeWidth, hitEdge, incidentEdges, packEdges, segmentDist2 } from '../../../renderer/src/features/graph/canvas/edge-layer';

const nodes = ['a:1', 'a:2', 'a:3', 'a:4'];
const edges = [
  { id: 'e12', source: 'a:1', target: 'a:2', weight: 4, color: '#f00' },
  { id: 'e23', source: 'a:2', target: 'a:3', weight: 1, color: '#0f0' },
  { id: 'e34', source: 'a:3', target: 'a:4', weight: 4, color: '#f00' },
  { id: 'e1x', source: 'a:1', target: 'a:99', weight: 2, color: '#00f' },
];
// a:1 (0,0)  a:2 (100,0)  a:3 (100,100)  a:4 (0,100)
const xs = new Float64Array([0, 100, 100, 0]);
const ys = new Float64Array([0, 0, 100, 100]);

describe('packEdges', () => {
  it('indexes endpoints, unknown ones as -1, and buckets edges by colour and width', () => {
    const p = packEdges(nodes, edges);
    expect([...p.src]).toEqual([0, 1, 2, 0]);
    expect([...p.dst]).toEqual([1, 2, 3, -1]);
    expect(p.width[0]).toBeCloseTo(edgeWidth(4, 4));
    expect(p.width[1]).toBeCloseTo(0.8 + 3.2 / 4);
    // e12 and e34 share colour and weight: one bucket, one path
    expect(p.bucket[0]).toBe(p.bucket[2]);
    expect(p.bucket[0]).not.toBe(p.bucket[1]);
    expect(p.buckets[p.bucket[0]!]!.color).toBe('#f00');
    expect([...p.members[p.bucket[0]!]!]).toEqual([0, 2]);
    expect(p.members.reduce((n, m) => n + m.length, 0)).toBe(edges.length);
    expect(p.byId.get('e34')).toBe(2);
  });
});

describe('hitEdge', () => {
  const p = packEdges(nodes, edges);
  it('finds the nearest edge within the tolerance', () => {
    expect(hitEdge(p, xs, ys, 50, 1, 4)).toBe(0);
    expect(hitEdge(p, xs, ys, 98, 50, 4)).toBe(1);
    expect(hitEdge(p, xs, ys, 50, 99, 4)).toBe(2);
  });
  it('misses beyond the tolerance, past a segment end and on edges of hidden nodes', () => {
    expect(hitEdge(p, xs, ys, 50, 50, 4)).toBe(-1);
    expect(hitEdge(p, xs, ys, 120, 0, 4)).toBe(-1);
    const hidden = Float64Array.from(xs);
    hidden[1] = NaN;
    expect(hitEdge(p, hidden, ys, 50, 1, 4)).toBe(-1);
  });
  it('measures distance to a segment, not to its line', () => {
    expect(segmentDist2(5, 5, 0, 0, 10, 0)).toBe(25);
    expect(segmentDist2(13, 4, 0, 0, 10, 0)).toBe(25);
    expect(segmentDist2(3, 4, 0, 0, 0, 0)).toBe(25);
  });
});

describe('incidentEdges', () => {
  it('lists the edges touching any of the nodes', () => {
    const p = packEdges(nodes, edges);
    expect(incidentEdges(p, new Set([1]))).toEqual([0, 1]);
    expect(incidentEdges(p, new Set([0, 3]))).toEqual([0, 2, 3]);
  });
});
