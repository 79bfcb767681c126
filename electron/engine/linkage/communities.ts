// Engine. Seeded, reproducible community detection: Louvain (graphology) from several seeds,
// each refined by single-vertex moves, keeping the partition of highest modularity (computed
// independently of the optimiser). Used inside large components to split loosely joined groups.
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { modularity, refineByVertexMoves, type WEdge } from './modularity';
import { seededRandom } from '../seeded-random';

export interface Partition {
  community: Int32Array;
  modularity: number;
  seed: number;
}

export function bestPartition(n: number, edges: readonly WEdge[], opts: { seed?: number; tries?: number; resolution?: number } = {}): Partition {
  const resolution = opts.resolution ?? 1;
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let i = 0; i < n; i++) g.addNode(String(i));
  for (const { u, v, w } of edges) {
    if (u === v) continue;
    const a = String(u);
    const b = String(v);
    if (g.hasEdge(a, b)) g.updateEdgeAttribute(a, b, 'weight', (x: number | undefined) => (x ?? 0) + w);
    else g.addEdge(a, b, { weight: w });
  }
  let best: Partition | null = null;
  const tries = opts.tries ?? 5;
  for (let t = 0; t < tries; t++) {
    const seed = (opts.seed ?? 42) + t;
    const map = louvain(g, { rng: seededRandom(seed), resolution, getEdgeWeight: 'weight' });
    const community = new Int32Array(n);
    for (let i = 0; i < n; i++) community[i] = map[String(i)] ?? i;
    refineByVertexMoves(n, edges, community, resolution);
    const q = modularity(n, edges, community, resolution);
    if (!best || q > best.modularity + 1e-12) best = { community, modularity: q, seed };
  }
  return best ?? { community: new Int32Array(n), modularity: 0, seed: opts.seed ?? 42 };
}
