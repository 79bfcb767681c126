// Engine. The cluster overview: one node per cluster (the highest-scoring ones, capped), edges
// between clusters whose accounts are linked, summed, and the full ranked list beside it.
// Memoised per analysis: it only changes when an analysis or import finishes (or the investigator
// acts: tags, merges). Kept in the case too (migration 5), so a case opened again, or by a fresh
// engine, reads it instead of recomputing it.
import { LIMITS } from '../../shared/limits';
import type { GraphEdge, GraphNode, Overview, PackedOverview } from '../../shared/contract';
import { packOverview, unpackOverview } from '../../shared/contract/graph-pack';
import type { Db } from '../db/connection';
import { capView } from './cap';
import { crossingEdges } from './cluster-links';
import { readClusterRows } from './cluster-rows';
import { parseSignals } from './edge-signals';
import { layoutGraph } from './layout';
import { dataStamp, memoised, stmt } from './statements';

export function buildOverview(db: Db, maxNodes: number): Overview {
  return unpackOverview(buildPackedOverview(db, maxNodes));
}

/** The overview as the graph.overview channel sends it (graph-pack.ts), memoised per analysis. */
export function buildPackedOverview(db: Db, maxNodes: number): PackedOverview {
  return memoised(db, `overview:${maxNodes}`, () => storedOverview(db, maxNodes));
}

/**
 * Bumped when what computeOverview returns or how it is stored changes, so rows stored by older
 * code are not read. 2: stored packed (a fifth of the JSON to parse when a case is opened).
 */
const STORED_FORMAT = 2;

/** The overview stored in the case for its current state, else computed and stored. */
function storedOverview(db: Db, maxNodes: number): PackedOverview {
  const t0 = performance.now();
  const hasCache = stmt(db, "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'graph_overview_cache'").get() !== undefined;
  if (!hasCache) return packOverview(computeOverview(db, maxNodes));
  const stamp = `${STORED_FORMAT}:${dataStamp(db)}`;
  const row = stmt(db, 'SELECT stamp, json FROM graph_overview_cache WHERE max_nodes = ?').get(maxNodes) as { stamp: string; json: string } | undefined;
  if (row && row.stamp === stamp) {
    try {
      const o = JSON.parse(row.json) as PackedOverview;
      return { ...o, ms: Math.round(performance.now() - t0) };
    } catch {
      // unreadable: recompute and store again below
    }
  }
  const o = packOverview(computeOverview(db, maxNodes));
  try {
    db.transaction(() => {
      stmt(db, 'DELETE FROM graph_overview_cache WHERE stamp <> ? OR max_nodes = ?').run(stamp, maxNodes);
      stmt(db, 'INSERT INTO graph_overview_cache (max_nodes, stamp, json) VALUES (?, ?, ?)').run(maxNodes, stamp, JSON.stringify(o));
    })();
  } catch {
    // a read-only case, or another connection writing: the overview is still right, only not kept
  }
  return o;
}

function computeOverview(db: Db, maxNodes: number): Overview {
  const t0 = performance.now();
  const clusters = readClusterRows(db);
  const counts = stmt(db, 'SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM exchanges) AS exchanges').get() as { accounts: number; exchanges: number };
  const analysed = (stmt(db, "SELECT count(*) AS n FROM analyses WHERE status = 'complete'").get() as { n: number }).n > 0;
  const signals = (stmt(db, 'SELECT DISTINCT signal FROM link_values ORDER BY signal').all() as Array<{ signal: string }>).map((r) => r.signal);

  const shown = clusters.slice(0, Math.min(maxNodes, LIMITS.maxViewNodes));
  const index = new Map(shown.map((c, i) => [c.id, i]));
  // links between clusters: every edge whose endpoints sit in two different shown clusters
  const pair = new Map<string, { a: number; b: number; weight: number; n: number; sig: Map<string, number> }>();
  for (const r of crossingEdges(db, index)) {
    const [a, b] = r.ia < r.ib ? [r.ia, r.ib] : [r.ib, r.ia];
    const k = `${a}:${b}`;
    let p = pair.get(k);
    if (!p) pair.set(k, (p = { a, b, weight: 0, n: 0, sig: new Map() }));
    p.weight += r.weight;
    p.n++;
    for (const s of parseSignals(r.signalsJson)) p.sig.set(s.signal, (p.sig.get(s.signal) ?? 0) + s.weight);
  }
  const all = [...pair.values()];
  const capped = capView(
    shown.map((_, i) => i),
    all,
    LIMITS.maxViewNodes,
    LIMITS.maxViewEdges,
  );
  const pos = layoutGraph({
    n: shown.length,
    edges: capped.edges.map((e) => [e.a, e.b, e.weight] as const),
    radius: (i) => 7 + 11 * Math.log10(Math.max(1, shown[i]!.size)),
  });
  const nodes: GraphNode[] = shown.map((c, i) => ({
    id: `c:${c.id}`,
    kind: 'cluster',
    ref: c.id,
    label: `#${c.id} · ${c.size}`,
    size: c.size,
    score: c.score,
    flagged: c.flagged,
    signal: c.reasons[0]?.signal ?? null,
    cluster: c.id,
    outside: false,
    hub: false,
    x: pos.x[i]!,
    y: pos.y[i]!,
  }));
  const edges: GraphEdge[] = capped.edges.map((e) => {
    const signals = [...e.sig].map(([signal, weight]) => ({ signal, weight })).sort((p, q) => q.weight - p.weight);
    return {
      id: `cc:${shown[e.a]!.id}:${shown[e.b]!.id}`,
      source: `c:${shown[e.a]!.id}`,
      target: `c:${shown[e.b]!.id}`,
      weight: e.weight,
      signal: signals[0]?.signal ?? 'link',
      signals,
    };
  });
  return {
    nodes,
    edges,
    totalNodes: clusters.length,
    totalEdges: all.length,
    truncated: clusters.length > shown.length || all.length > capped.edges.length,
    layout: 'engine: label propagation + sunflower packing + force refinement',
    ms: Math.round(performance.now() - t0),
    clusters,
    totalClusters: clusters.length,
    analysed,
    signals,
    accounts: counts.accounts,
    exchanges: counts.exchanges,
  };
}
