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
  // CSR adjacency (self-loops only add to the degree)
  const start = new Int32Array(n + 1);
  const deg = new Float64Array(n);
  let m2 = 0;
  for (const { u, v, w } of edges) {
    m2 += 2 * w;
    if (u === v) {
      deg[u]! += 2 * w;
      continue;
    }
    start[u + 1]! += 1;
    start[v + 1]! += 1;
    deg[u]! += w;
    deg[v]! += w;
  }
  if (m2 === 0) return community;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const adj = new Int32Array(start[n]!);
  const aw = new Float64Array(start[n]!);
  for (const { u, v, w } of edges) {
    if (u === v) continue;
    adj[fill[u]!] = v;
    aw[fill[u]!++] = w;
    adj[fill[v]!] = u;
    aw[fill[v]!++] = w;
  }
  // community ids may be any int32: index them densely
  const ids = new Map<number, number>();
  const dense = new Int32Array(n);
  const label: number[] = [];
  for (let i = 0; i < n; i++) {
    let d = ids.get(community[i]!);
    if (d === undefined) {
      d = label.length;
      ids.set(community[i]!, d);
      label.push(community[i]!);
    }
    dense[i] = d;
  }
  const tot = new Float64Array(label.length);
  for (let i = 0; i < n; i++) tot[dense[i]!]! += deg[i]!;
  const links = new Float64Array(label.length);
  const touched = new Int32Array(label.length);
  for (let round = 0; round < maxRounds; round++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      const ci = dense[i]!;
      let cnt = 0;
      let own = 0;
      for (let e = start[i]!; e < start[i + 1]!; e++) {
        const c = dense[adj[e]!]!;
        if (c === ci) {
          own += aw[e]!;
          continue;
        }
        if (links[c] === 0) touched[cnt++] = c;
        links[c]! += aw[e]!;
      }
      const ki = deg[i]!;
      const totOwn = tot[ci]! - ki;
      const base = own - (resolution * ki * totOwn) / m2;
      let best = ci;
      let bestGain = 0;
      for (let x = 0; x < cnt; x++) {
        const c = touched[x]!;
        const gain = links[c]! - (resolution * ki * tot[c]!) / m2 - base;
        if (gain > bestGain + 1e-12 || (Math.abs(gain - bestGain) <= 1e-12 && gain > 1e-12 && label[c]! < label[best]!)) {
          best = c;
          bestGain = gain;
        }
      }
      for (let x = 0; x < cnt; x++) links[touched[x]!] = 0;
      if (best !== ci) {
        tot[ci] = totOwn;
        tot[best]! += ki;
        dense[i] = best;
        moved = true;
      }
    }
    if (!moved) break;
  }
  for (let i = 0; i < n; i++) community[i] = label[dense[i]!]!;
  return community;
}
