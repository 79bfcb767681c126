// Graph views on the wire (graph-pack.ts): packed into columns by the engine, rebuilt by the
// renderer into the same nodes and edges (ids rebuilt from references, positions to 0.01).
import { describe, expect, it } from 'vitest';
import type { ClusterRow, GraphView } from '../../../electron/shared/contract';
import { edgeId, packClusters, packView, unpackClusters, unpackView } from '../../../electron/shared/contract/graph-pack';

const view: GraphView = {
  nodes: [
    { id: 'a:acct-1', kind: 'account', ref: 'acct-1', label: 'acct-1', size: 3, score: null, flagged: false, signal: 'ip', cluster: 'C1', outside: false, hub: false, x: 1.23456, y: -7.891 },
    { id: 'a:<img onerror=x>', kind: 'account', ref: '<img onerror=x>', label: '<img onerror=x>', size: 1, score: null, flagged: false, signal: null, cluster: null, outside: true, hub: false, x: 0, y: 0 },
    { id: 'v:9', kind: 'value', ref: '9', label: '10.0.0.1', size: 40, score: null, flagged: false, signal: 'ip', cluster: null, outside: false, hub: true, x: 5, y: 5 },
    { id: 'c:C1', kind: 'cluster', ref: 'C1', label: '#C1 · 12', size: 12, score: 0.9, flagged: true, signal: 'card', cluster: 'C1', outside: false, hub: false, x: -3, y: 4 },
  ],
  edges: [
    { id: 'e:1:2', source: 'a:acct-1', target: 'a:<img onerror=x>', weight: 0.75, signal: 'card', signals: [{ signal: 'card', weight: 0.75 }] },
    { id: 'm:9:1', source: 'a:acct-1', target: 'v:9', weight: 0.5, signal: 'ip', signals: [{ signal: 'ip', weight: 0.5 }] },
    { id: 'x', source: 'a:acct-1', target: 'a:missing', weight: 1, signal: 'ip', signals: [] },
  ],
  totalNodes: 10,
  totalEdges: 20,
  truncated: true,
  layout: 'engine',
  ms: 12,
};

describe('packView / unpackView', () => {
  it('rebuilds every node field, positions to a hundredth', () => {
    const back = unpackView(packView(view));
    expect(back.nodes.map((n) => ({ ...n, x: 0, y: 0 }))).toEqual(view.nodes.map((n) => ({ ...n, x: 0, y: 0 })));
    expect(back.nodes.map((n) => [n.x, n.y])).toEqual([[1.23, -7.89], [0, 0], [5, 5], [-3, 4]]);
    expect(back).toMatchObject({ totalNodes: 10, totalEdges: 20, truncated: true, layout: 'engine', ms: 12 });
  });

  it('keeps edges between shown nodes with weight and dominant signal, ids from their ends', () => {
    const back = unpackView(packView(view));
    expect(back.edges).toEqual([
      { id: edgeId('a:acct-1', 'a:<img onerror=x>'), source: 'a:acct-1', target: 'a:<img onerror=x>', weight: 0.75, signal: 'card' },
      { id: edgeId('a:acct-1', 'v:9'), source: 'a:acct-1', target: 'v:9', weight: 0.5, signal: 'ip' },
    ]);
  });

  it('is much smaller than the objects as JSON', () => {
    const big: GraphView = { ...view, nodes: [], edges: [] };
    for (let i = 0; i < 500; i++) big.nodes.push({ ...view.nodes[0]!, id: `a:acct-${i}`, ref: `acct-${i}`, label: `acct-${i}`, x: i * 1.111111, y: i * 2.222222 });
    for (let i = 1; i < 500; i++) big.edges.push({ id: `e:${i - 1}:${i}`, source: `a:acct-${i - 1}`, target: `a:acct-${i}`, weight: 0.5, signal: 'ip', signals: [{ signal: 'ip', weight: 0.3 }, { signal: 'card', weight: 0.2 }] });
    expect(JSON.stringify(packView(big)).length).toBeLessThan(JSON.stringify(big).length / 3);
    expect(unpackView(packView(big)).edges).toHaveLength(499);
  });
});

describe('packClusters / unpackClusters', () => {
  const rows: ClusterRow[] = [
    { id: 'C001', size: 5000, score: 0.97, flagged: true, exchanges: 10000, firstTs: 1, lastTs: 2, reasons: [{ signal: 'shared_payment', contribution: 0.29, detail: '92% of prompts from 3 templates' }, { signal: 'ip', contribution: 0.1, detail: '<b>x</b>' }], tags: ['campaign', '<script>'] },
    { id: 'C002', size: 2, score: 0.1, flagged: false, exchanges: 4, firstTs: null, lastTs: null, reasons: [{ signal: 'ip', contribution: 0.05, detail: '92% of prompts from 3 templates' }], tags: [] },
  ];
  it('rebuilds the rows exactly, reason signals and details shared through one string table', () => {
    const p = packClusters(rows);
    expect(unpackClusters(p)).toEqual(rows);
    expect(p.strings).toEqual(['shared_payment', '92% of prompts from 3 templates', 'ip', '<b>x</b>']);
  });
});
