// Engine. Modularity of a partition of an undirected weighted graph, computed from the edge list
// alone (independent of any optimiser), and a vertex-mover refinement that moves single vertices
// to the neighbouring community with the best modularity gain until none improves (it can only
// raise Q, and Q is always that of a real partition, so it can never exceed the optimum).
// Edges come as objects (tests, small graphs) or as flat typed arrays (analysis: a campaign's
// component can hold millions of strong edges, one object each would cost more than the work).
export interface WEdge {
  u: number;
  v: number;
  w: number;
}

/** An edge list as parallel typed arrays: edge e joins u[e] and v[e] with weight w[e]. */
export interface FlatEdges {
  u: Int32Array;
  v: Int32Array;
  w: Float64Array;
  count: number;
}

export type EdgeList = readonly WEdge[] | FlatEdges;

/** The edges as flat arrays (the same object when they already are). */
export function flatEdges(edges: EdgeList): FlatEdges {
  if (!Array.isArray(edges)) return edges as FlatEdges;
  const list = edges as readonly WEdge[];
  const n = list.length;
  const out: FlatEdges = { u: new Int32Array(n), v: new Int32Array(n), w: new Float64Array(n), count: n };
  for (let e = 0; e < n; e++) {
    out.u[e] = list[e]!.u;
    out.v[e] = list[e]!.v;
    out.w[e] = list[e]!.w;
  }
  return out;
}

export function modularity(n: number, edges: EdgeList, community: ArrayLike<number>, resolution = 1): number {
  const { u: eu, v: ev, w: ew, count } = flatEdges(edges);
  const deg = new Float64Array(n);
  let m2 = 0;
  // community ids may be any int32: indexed densely in order of first appearance over the nodes
  const { dense, labels } = denseIds(n, community);
  const inside = new Float64Array(labels);
  for (let e = 0; e < count; e++) {
    const u = eu[e]!;
    const v = ev[e]!;
    const w = ew[e]!;
    deg[u]! += w;
    deg[v]! += w;
    m2 += 2 * w;
    if (dense[u] === dense[v]) inside[dense[u]!]! += 2 * w;
  }
  if (m2 === 0) return 0;
  const tot = new Float64Array(labels);
  for (let i = 0; i < n; i++) tot[dense[i]!]! += deg[i]!;
  let q = 0;
  for (let c = 0; c < labels; c++) q += inside[c]! / m2 - resolution * (tot[c]! / m2) ** 2;
  return q;
}

/** Community ids renumbered 0.. in order of first appearance over the nodes. */
function denseIds(n: number, community: ArrayLike<number>): { dense: Int32Array; labels: number; label: number[] } {
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
  return { dense, labels: label.length, label };
}

/** Adjacency of an edge list (CSR, arcs in edge order) with weighted degrees; self-loops only add to the degree. */
export interface Adjacency {
  start: Int32Array;
  adj: Int32Array;
  aw: Float64Array;
  deg: Float64Array;
  m2: number;
}

export function adjacency(n: number, edges: EdgeList): Adjacency {
  const { u: eu, v: ev, w: ew, count } = flatEdges(edges);
  const start = new Int32Array(n + 1);
  const deg = new Float64Array(n);
  let m2 = 0;
  for (let e = 0; e < count; e++) {
    const u = eu[e]!;
    const v = ev[e]!;
    const w = ew[e]!;
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
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const adj = new Int32Array(start[n]!);
  const aw = new Float64Array(start[n]!);
  for (let e = 0; e < count; e++) {
    const u = eu[e]!;
    const v = ev[e]!;
    if (u === v) continue;
    const w = ew[e]!;
    adj[fill[u]!] = v;
    aw[fill[u]!++] = w;
    adj[fill[v]!] = u;
    aw[fill[v]!++] = w;
  }
  return { start, adj, aw, deg, m2 };
}

/** Moves vertices greedily (deterministic order) while any move raises modularity. `edges` may
 * be given as its adjacency (built once by a caller that refines many partitions). */
export function refineByVertexMoves(n: number, edges: EdgeList | Adjacency, community: Int32Array, resolution = 1, maxRounds = 50): Int32Array {
  const g = 'adj' in edges ? edges : adjacency(n, edges);
  const { start, adj, aw, deg, m2 } = g;
  if (m2 === 0) return community;
  const { dense, labels, label } = denseIds(n, community);
  const tot = new Float64Array(labels);
  for (let i = 0; i < n; i++) tot[dense[i]!]! += deg[i]!;
  const links = new Float64Array(labels);
  const touched = new Int32Array(labels);
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
