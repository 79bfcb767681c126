// Engine. Modularity of a partition of an undirected weighted graph, computed from the edge list
// alone (independent of any optimiser), and a vertex-mover refinement that moves single vertices
// to the neighbouring community with the best modularity gain until none improves (it can only
// raise Q, and Q is always that of a real partition, so it can never exceed the optimum).
export interface WEdge {
  u: number;
  v: number;
  w: number;
}

export function modularity(n: number, edges: readonly WEdge[], community: ArrayLike<number>, resolution = 1): number {
  const deg = new Float64Array(n);
  let m2 = 0;
  const inside = new Map<number, number>();
  const tot = new Map<number, number>();
  for (const { u, v, w } of edges) {
    deg[u]! += w;
    deg[v]! += w;
    m2 += 2 * w;
    if (community[u] === community[v]) inside.set(community[u]!, (inside.get(community[u]!) ?? 0) + 2 * w);
  }
  if (m2 === 0) return 0;
  for (let i = 0; i < n; i++) tot.set(community[i]!, (tot.get(community[i]!) ?? 0) + deg[i]!);
  let q = 0;
  for (const [c, t] of tot) q += (inside.get(c) ?? 0) / m2 - resolution * (t / m2) ** 2;
  return q;
}

/** Moves vertices greedily (deterministic order) while any move raises modularity. */
export function refineByVertexMoves(n: number, edges: readonly WEdge[], community: Int32Array, resolution = 1, maxRounds = 50): Int32Array {
  const adj: { v: number; w: number }[][] = Array.from({ length: n }, () => []);
  const deg = new Float64Array(n);
  let m2 = 0;
  for (const { u, v, w } of edges) {
    if (u === v) {
      deg[u]! += 2 * w;
      m2 += 2 * w;
      continue;
    }
    adj[u]!.push({ v, w });
    adj[v]!.push({ v: u, w });
    deg[u]! += w;
    deg[v]! += w;
    m2 += 2 * w;
  }
  if (m2 === 0) return community;
  const tot = new Map<number, number>();
  for (let i = 0; i < n; i++) tot.set(community[i]!, (tot.get(community[i]!) ?? 0) + deg[i]!);
  for (let round = 0; round < maxRounds; round++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      const ci = community[i]!;
      const links = new Map<number, number>();
      for (const { v, w } of adj[i]!) links.set(community[v]!, (links.get(community[v]!) ?? 0) + w);
      const ki = deg[i]!;
      const totOwn = tot.get(ci)! - ki;
      const base = (links.get(ci) ?? 0) - (resolution * ki * totOwn) / m2;
      let best = ci;
      let bestGain = 0;
      for (const [c, l] of links) {
        if (c === ci) continue;
        const gain = l - (resolution * ki * tot.get(c)!) / m2 - base;
        if (gain > bestGain + 1e-12 || (Math.abs(gain - bestGain) <= 1e-12 && gain > 1e-12 && c < best)) {
          best = c;
          bestGain = gain;
        }
      }
      if (best !== ci) {
        tot.set(ci, totOwn);
        tot.set(best, tot.get(best)! + ki);
        community[i] = best;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return community;
}
