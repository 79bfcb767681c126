// The graph workbench's pure model: node ids to entity ids, the overview above a score threshold,
// what the time histogram and the tables cover on each screen, and the figures under the graph.
import { describe, expect, it } from 'vitest';
import type { GraphView, Overview } from '../../../electron/shared/contract';
import { histogramScope, overviewAbove, plural, ref, tableScope, viewStats, type Screen } from '../../../renderer/src/features/graph/workbench/workbench-model';

const cluster = (id: string, score: number | null) => ({ id, kind: 'cluster' as const, ref: id.slice(2), label: id, size: 3, score, flagged: false, signal: null, cluster: null, outside: false, hub: false, x: 0, y: 0 });
const overview = {
  nodes: [cluster('c:1', 0.9), cluster('c:2', 0.3), cluster('c:3', null)],
  edges: [
    { id: 'e12', source: 'c:1', target: 'c:2', weight: 1, signal: 'card' },
    { id: 'e13', source: 'c:1', target: 'c:3', weight: 1, signal: 'ip' },
  ],
  clusters: [],
  totalNodes: 3,
  totalEdges: 2,
  truncated: false,
  ms: 4,
} as unknown as Overview;

const overviewScreen: Screen = { kind: 'overview' };
const clusterScreen: Screen = { kind: 'cluster', id: 'C7' };
const accountsScreen: Screen = { kind: 'accounts', label: 'acct-9', ids: ['acct-9'] };

describe('ref', () => {
  it('drops the node kind prefix', () => {
    expect(ref('a:acct-1')).toBe('acct-1');
    expect(ref('c:C001')).toBe('C001');
  });
});

describe('overviewAbove', () => {
  it('keeps the clusters at or above the threshold (no score counts as 0) and the links among them', () => {
    const v = overviewAbove(overview, 0.3);
    expect(v.nodes.map((n) => n.id)).toEqual(['c:1', 'c:2']);
    expect(v.edges.map((e) => e.id)).toEqual(['e12']);
    expect(v.totalNodes).toBe(3);
    expect(overviewAbove(overview, 0).nodes).toHaveLength(3);
    expect(overviewAbove(overview, 0.95).edges).toEqual([]);
  });
  it('leaves the overview it was given alone', () => {
    overviewAbove(overview, 0.5);
    expect(overview.nodes).toHaveLength(3);
  });
});

describe('histogramScope', () => {
  it('covers the drilled cluster or accounts, else the picked cluster, else the case', () => {
    expect(histogramScope(clusterScreen, 'C1')).toEqual({ clusterId: 'C7' });
    expect(histogramScope(accountsScreen, 'C1')).toEqual({ accountIds: ['acct-9'] });
    expect(histogramScope(overviewScreen, 'C1')).toEqual({ clusterId: 'C1' });
    expect(histogramScope(overviewScreen, null)).toEqual({});
  });
});

describe('tableScope', () => {
  it('covers the selected accounts first', () => {
    expect(tableScope(['a', 'b'], clusterScreen, 'C1')).toEqual({ selection: { accountIds: ['a', 'b'] }, label: '2 selected' });
  });
  it('else what the screen shows, with a caption saying so', () => {
    expect(tableScope([], clusterScreen, 'C1')).toEqual({ selection: { clusterId: 'C7' }, label: 'cluster C7' });
    expect(tableScope([], accountsScreen, null)).toEqual({ selection: { accountIds: ['acct-9'] }, label: 'acct-9' });
    expect(tableScope([], overviewScreen, 'C1')).toEqual({ selection: { clusterId: 'C1' }, label: 'cluster C1' });
    expect(tableScope([], overviewScreen, null)).toEqual({ selection: {}, label: 'whole case' });
  });
});

describe('viewStats', () => {
  it('counts the view and rounds the times', () => {
    const v = { ...overview, truncated: true, totalNodes: 900 } as unknown as GraphView;
    expect(viewStats(v, 12.6, 3.4)).toEqual({ nodes: 3, edges: 2, totalNodes: 900, totalEdges: 2, truncated: true, engineMs: 4, roundTripMs: 13, drawMs: 3 });
  });
});

describe('plural', () => {
  it('adds an s except for one', () => {
    expect(plural(1, 'node')).toBe('1 node');
    expect(plural(0, 'node')).toBe('0 nodes');
    expect(plural(2, 'neighbour')).toBe('2 neighbours');
  });
});
