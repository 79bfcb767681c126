// The node layer's pure part (the big overview's nodes drawn on a canvas of our own): packing,
// the click hit test and bounds for fitting.
import { describe, expect, it } from 'vitest';
import { hitNode, nodeBounds, packNodes } from '../../../renderer/src/features/graph/canvas/node-layer';

const nodes = [
  { id: 'c:1', label: '#1 · 50', x: 0, y: 0, px: 20, color: '#f00', flagged: true, size: 50 },
  { id: 'c:2', label: '#2 · 5', x: 100, y: 0, px: 10, color: '#0f0', flagged: false, size: 5 },
  { id: 'c:3', label: '#3 · 8', x: 8, y: 0, px: 10, color: '#f00', flagged: false, size: 8 },
];

describe('packNodes', () => {
  it('keeps positions, radii and flags, and groups nodes by colour', () => {
    const p = packNodes(nodes);
    expect([...p.xs]).toEqual([0, 100, 8]);
    expect([...p.r]).toEqual([10, 5, 5]);
    expect([...p.flagged]).toEqual([1, 0, 0]);
    expect(p.index.get('c:2')).toBe(1);
    expect(p.byColor.map((g) => [g.color, [...g.members]])).toEqual([['#f00', [0, 2]], ['#0f0', [1]]]);
  });
});

describe('hitNode', () => {
  it('finds the disc under a point, the one drawn last where discs overlap, -1 on empty space', () => {
    const p = packNodes(nodes);
    expect(hitNode(p, 100, 4, 0)).toBe(1);
    expect(hitNode(p, 5, 0, 0)).toBe(2); // inside both c:1 and c:3: c:3 is drawn over it
    expect(hitNode(p, -9, 0, 0)).toBe(0);
    expect(hitNode(p, 50, 50, 0)).toBe(-1);
    expect(hitNode(p, 100, 6, 0)).toBe(-1);
    expect(hitNode(p, 100, 6, 2)).toBe(1);
  });
});

describe('nodeBounds', () => {
  it('spans every disc with room for a label underneath; null when empty', () => {
    expect(nodeBounds(packNodes(nodes))).toEqual({ x1: -10, y1: -10, x2: 105, y2: 24 });
    expect(nodeBounds(packNodes([]))).toBeNull();
  });
});
