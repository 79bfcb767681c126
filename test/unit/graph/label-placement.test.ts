// Where node labels go (label-placement.ts): strongest first, below the node or else above, right
// or left, clear of one another and of the panels over the graph, preferring places clear of
// other nodes and inside the view.
import { describe, expect, it } from 'vitest';
import { chooseLabels, labelBox } from '../../../renderer/src/features/graph/canvas/label-placement';

describe('chooseLabels', () => {
  it('labels the biggest first, below its node, and moves a label whose place below is taken', () => {
    const cands = [
      { x: 100, y: 100, r: 5, label: 'small', size: 1, id: 'b' },
      { x: 102, y: 101, r: 5, label: 'big', size: 9, id: 'a' },
      { x: 400, y: 100, r: 5, label: 'far', size: 1, id: 'c' },
    ];
    const got = chooseLabels(cands, 10);
    expect(got[0]).toEqual({ i: 1, place: 'below' });
    expect(got).toContainEqual({ i: 2, place: 'below' });
    // the big node's label covers the small one's place below: it goes above its node
    expect(got).toContainEqual({ i: 0, place: 'above' });
  });

  it('tries above, then right, then left, and skips a label with no free place', () => {
    // a node boxed in: labels already below, above and right of it
    const hub = { x: 200, y: 200, r: 10, label: 'hub', size: 1, id: 'z' };
    const font = 10;
    const w = hub.label.length * font * 0.6 + 6;
    const h = font * 1.3;
    const at = (box: number[], label: string, size: number, id: string) => ({ x: (box[0]! + box[2]!) / 2, y: box[1]! - 1 - 2, r: 1, label, size, id });
    // blockers whose own labels (below them) land on the hub's places, chosen first (bigger)
    const below = labelBox(hub, w, h, 'below');
    const above = labelBox(hub, w, h, 'above');
    const right = labelBox(hub, w, h, 'right');
    const left = labelBox(hub, w, h, 'left');
    const blockers = [at(below, 'xxx', 9, 'b1'), at(above, 'xxx', 9, 'b2'), at(right, 'xxx', 9, 'b3')];
    const three = chooseLabels([...blockers, hub], font);
    expect(three.find((l) => l.i === 3)).toEqual({ i: 3, place: 'left' });
    const four = chooseLabels([...blockers, at(left, 'xxx', 9, 'b4'), hub], font);
    expect(four.map((l) => l.i).sort()).toEqual([0, 1, 2, 3]);
  });

  it("puts each place's box clear of the disc", () => {
    const c = { x: 50, y: 50, r: 10 };
    expect(labelBox(c, 20, 10, 'below')).toEqual([40, 62, 60, 72]);
    expect(labelBox(c, 20, 10, 'above')).toEqual([40, 28, 60, 38]);
    expect(labelBox(c, 20, 10, 'right')).toEqual([63, 45, 83, 55]);
    expect(labelBox(c, 20, 10, 'left')).toEqual([17, 45, 37, 55]);
  });
});

describe('chooseLabels around other nodes', () => {
  it('takes a free place that covers no other node over one that does, and keeps a label that can only cover one', () => {
    // a node right below: the label's place below covers it, the place above is clear
    const cands = [
      { x: 100, y: 100, r: 10, label: 'top', size: 9, id: 'a' },
      { x: 100, y: 125, r: 6, label: 'low', size: 1, id: 'b' },
    ];
    expect(chooseLabels(cands, 10)).toContainEqual({ i: 0, place: 'above' });
    // surrounded on every side by nodes: still labelled, below (the first free place)
    const ring = [{ x: 300, y: 300, r: 10, label: 'mid', size: 9, id: 'm' }];
    for (const [dx, dy] of [
      [0, 25],
      [0, -25],
      [35, 0],
      [-35, 0],
    ]) ring.push({ x: 300 + dx!, y: 300 + dy!, r: 8, label: '', size: 0, id: `n${dx}${dy}` });
    expect(chooseLabels(ring, 10).find((l) => l.i === 0)).toEqual({ i: 0, place: 'below' });
  });
});

describe('chooseLabels around the panels over the graph', () => {
  it('keeps labels from under a blocked box (the legend): placed elsewhere, or left out when nothing is free', () => {
    const c = { x: 100, y: 100, r: 10, label: 'node', size: 1, id: 'a' };
    const w = c.label.length * 10 * 0.6 + 6;
    const below = labelBox(c, w, 13, 'below');
    expect(chooseLabels([c], 10)).toEqual([{ i: 0, place: 'below' }]);
    expect(chooseLabels([c], 10, { blocked: [below] })).toEqual([{ i: 0, place: 'above' }]);
    // a legend over the whole node and around it
    expect(chooseLabels([c], 10, { blocked: [[0, 0, 300, 300]] })).toEqual([]);
  });
});

describe('chooseLabels at the view\'s edges', () => {
  it('prefers a place inside the view, and keeps a label that fits nowhere inside it', () => {
    const low = { x: 100, y: 190, r: 10, label: 'edge', size: 1, id: 'a' };
    // the view ends 10 px under the node: its place below would be cut off, above is inside
    expect(chooseLabels([low], 10, { view: { width: 400, height: 200 } })).toEqual([{ i: 0, place: 'above' }]);
    expect(chooseLabels([low], 10)).toEqual([{ i: 0, place: 'below' }]);
    // a view smaller than any label: still labelled, below
    expect(chooseLabels([low], 10, { view: { width: 20, height: 20 } })).toEqual([{ i: 0, place: 'below' }]);
  });
});
