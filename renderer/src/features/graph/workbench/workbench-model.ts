// Renderer (pure: no React, no DOM). What the graph workbench's screen is made of: which screen is
// up (overview, one cluster, an ad hoc set of accounts), what the details pane shows, the figures
// under the graph, and the scopes derived from them (what the time histogram and the tables
// cover). Kept apart from the components so the unit tests run it.
import type { GraphView, LinkPath, Overview, Selection } from '../../../../../electron/shared/contract';

export type Screen = { kind: 'overview' } | { kind: 'cluster'; id: string } | { kind: 'accounts'; label: string; ids: string[] };

export type Detail =
  | { kind: 'account'; id: string }
  | { kind: 'edge'; a: string; b: string }
  | { kind: 'cluster'; id: string }
  | { kind: 'value'; label: string; signal: string; size: number }
  | { kind: 'path' };

export interface Stats {
  nodes: number;
  edges: number;
  totalNodes: number;
  totalEdges: number;
  truncated: boolean;
  engineMs: number;
  roundTripMs: number;
  drawMs: number;
}

/** The path tool's state: the two account ids, the answer (undefined: not asked yet; null: none). */
export interface PathState {
  a: string;
  b: string;
  result: LinkPath | null | undefined;
  busy: boolean;
}

/** The entity id behind a node id (node ids carry a kind prefix: 'c:', 'a:', 'v:'). */
export const ref = (nodeId: string) => nodeId.slice(2);

/** The overview graph restricted to clusters scoring at least `minScore`, and the links among them. */
export function overviewAbove(overview: Overview, minScore: number): Overview {
  const keep = new Set(overview.nodes.filter((n) => (n.score ?? 0) >= minScore).map((n) => n.id));
  return { ...overview, nodes: overview.nodes.filter((n) => keep.has(n.id)), edges: overview.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}

/** What the time histogram covers: the drilled cluster or accounts, else the picked cluster, else the case. */
export function histogramScope(screen: Screen, picked: string | null): Selection {
  return screen.kind === 'cluster' ? { clusterId: screen.id } : screen.kind === 'accounts' ? { accountIds: screen.ids } : picked ? { clusterId: picked } : {};
}

/** What the tables cover, and their caption: the selected accounts first, then as the histogram. */
export function tableScope(selection: string[], screen: Screen, picked: string | null): { selection: Selection; label: string } {
  if (selection.length > 0) return { selection: { accountIds: selection }, label: `${selection.length} selected` };
  const label = screen.kind === 'cluster' ? `cluster ${screen.id}` : screen.kind === 'accounts' ? screen.label : picked ? `cluster ${picked}` : 'whole case';
  return { selection: histogramScope(screen, picked), label };
}

/** The figures under the graph for a view: its size, the caps, and where the time went (ms). */
export function viewStats(view: GraphView, roundTripMs: number, drawMs: number): Stats {
  return {
    nodes: view.nodes.length,
    edges: view.edges.length,
    totalNodes: view.totalNodes,
    totalEdges: view.totalEdges,
    truncated: view.truncated,
    engineMs: view.ms,
    roundTripMs: Math.round(roundTripMs),
    drawMs: Math.round(drawMs),
  };
}

/** "3 nodes" / "1 node": counts in the workbench's messages. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
