// Engine. Seeded, reproducible community detection: Louvain on flat arrays (CSR adjacency, no
// graph objects) from several seeds, each refined by single-vertex moves, keeping the partition
// of highest modularity (computed independently of the optimiser). Used inside large components
// to split loosely joined groups; a component of a campaign can hold half a million edges.
import { flatEdges, modularity, refineByVertexMoves, type Adjacency, type EdgeList, type FlatEdges } from './modularity';
import { seededRandom } from '../seeded-random';
import { alloc, releasableBuffer, releaseNow } from './typed-arrays';

export interface Partition {
  community: Int32Array;
  modularity: number;
  seed: number;
}

/** Undirected weighted graph as CSR; self[i] is the weight of i's self-loop (internal weight after aggregation). */
export interface Csr {
  n: number;
  start: Int32Array;
  adj: Int32Array;
  w: Float64Array;
  self: Float64Array;
}

/** CSR of an edge list: duplicates summed, self-loops kept apart. */
function toCsr(n: number, edges: FlatEdges): Csr {
  const { u: eu, v: ev, w: ew, count } = edges;
  const deg = new Int32Array(n + 1);
  const self = new Float64Array(n);
  for (let e = 0; e < count; e++) {
    const u = eu[e]!;
    const v = ev[e]!;
    if (u === v) self[u]! += ew[e]!;
    else {
      deg[u + 1]! += 1;
      deg[v + 1]! += 1;
    }
  }
  for (let i = 0; i < n; i++) deg[i + 1]! += deg[i]!;
  const fill = deg.slice(0, n);
  // every arc before merging parallel ones: let go right after (a plain buffer waited for a full
  // collection, beside the tries' memory)
  const adj = new Int32Array(releasableBuffer(4 * deg[n]!));
  const w = new Float64Array(releasableBuffer(8 * deg[n]!));
  for (let e = 0; e < count; e++) {
    const u = eu[e]!;
    const v = ev[e]!;
    if (u === v) continue;
    adj[fill[u]!] = v;
    w[fill[u]!++] = ew[e]!;
    adj[fill[v]!] = u;
    w[fill[v]!++] = ew[e]!;
  }
  const g = dedupe({ n, start: deg, adj, w, self });
  releaseNow(adj.buffer);
  releaseNow(w.buffer);
  return g;
}

/** The CSR as the refinement's Adjacency (same arrays; weighted degrees counting self-loops twice). */
function adjacencyOfCsr(g: Csr): Adjacency {
  const deg = new Float64Array(g.n);
  let m2 = 0;
  for (let i = 0; i < g.n; i++) {
    let d = 2 * g.self[i]!;
    for (let e = g.start[i]!; e < g.start[i + 1]!; e++) d += g.w[e]!;
    deg[i] = d;
    m2 += d;
  }
  return { start: g.start, adj: g.adj, aw: g.w, deg, m2 };
}

/**
 * Arc arrays reused by one thread's tries, level after level and round after round. Every
 * aggregation wrote its arcs into two fresh arrays as long as the whole graph's (a 2.4M-edge
 * component: 57 MB each) and summed them into two more; at the reported scale those 114 MB per
 * level made V8 run a full garbage collection every second or so, each marking the whole heap:
 * half of the clustering phase. Here they are written into memory kept for the thread's tries and
 * only the summed arcs, far fewer, are copied out.
 */
export class ArcScratch {
  private arcs: [Int32Array, Float64Array][] = [];

  /** Arrays `k` (0 or 1) with room for `length` arcs (contents left over from earlier use). */
  take(k: 0 | 1, length: number): [Int32Array, Float64Array] {
    let x = this.arcs[k];
    if (!x || x[0].length < length) {
      x = [new Int32Array(length), new Float64Array(length)];
      this.arcs[k] = x;
    }
    return x;
  }
}

/**
 * Sums parallel arcs (same neighbour twice in one row); row i ends at end[i] when given (rows with
 * unused room). With `scratch`, the sums are made in its memory and copied out at their size.
 */
function dedupe(g: Csr, end?: Int32Array, scratch?: ArcScratch): Csr {
  const { n, start, adj, w } = g;
  const slot = new Int32Array(n).fill(-1);
  const ns = new Int32Array(n + 1);
  // without scratch (the input graph) on shared memory: tries on two threads share it as it is
  const [na, nw] = scratch ? scratch.take(1, adj.length) : [alloc(Int32Array, 4, adj.length, true), alloc(Float64Array, 8, adj.length, true)];
  let k = 0;
  for (let i = 0; i < n; i++) {
    const from = k;
    const last = end ? end[i]! : start[i + 1]!;
    for (let e = start[i]!; e < last; e++) {
      const j = adj[e]!;
      const s = slot[j]!;
      if (s >= from) nw[s]! += w[e]!;
      else {
        slot[j] = k;
        na[k] = j;
        nw[k++] = w[e]!;
      }
    }
    ns[i + 1] = k;
  }
  if (scratch) return { n, start: ns, adj: na.slice(0, k), w: nw.slice(0, k), self: g.self };
  return { n, start: ns, adj: na.subarray(0, k), w: nw.subarray(0, k), self: g.self };
}

/** One node per community (`id` maps each node's community to 0..nc-1): arcs summed, internal weight as a self-loop. */
function aggregate(g: Csr, comm: Int32Array, id: Int32Array, nc: number, scratch: ArcScratch): Csr {
  const n = g.n;
  const self = new Float64Array(nc);
  const cnt = new Int32Array(nc + 1);
  for (let i = 0; i < n; i++) cnt[id[comm[i]!]! + 1]! += g.start[i + 1]! - g.start[i]!;
  for (let c = 0; c < nc; c++) cnt[c + 1]! += cnt[c]!;
  const fill = cnt.slice(0, nc);
  const [adj, w] = scratch.take(0, g.adj.length);
  for (let i = 0; i < n; i++) {
    const ci = id[comm[i]!]!;
    self[ci]! += g.self[i]!;
    for (let e = g.start[i]!; e < g.start[i + 1]!; e++) {
      const cj = id[comm[g.adj[e]!]!]!;
      if (cj === ci) self[ci]! += g.w[e]! / 2; // each internal edge is seen from both ends
      else {
        adj[fill[ci]!] = cj;
        w[fill[ci]!++] = g.w[e]!;
      }
    }
  }
  return dedupe({ n: nc, start: cnt, adj, w, self }, fill, scratch);
}

/** Bound on a level's node visits, per node (see louvain). */
const MAX_VISITS_PER_NODE = 1000;

/** One Louvain run: community of each original node. */
function louvain(g0: Csr, rng: () => number, resolution: number, scratch: ArcScratch): Int32Array {
  const N = g0.n;
  const member = new Int32Array(N);
  for (let i = 0; i < N; i++) member[i] = i;
  let g = g0;
  let m2 = 0;
  for (let i = 0; i < g.n; i++) {
    m2 += 2 * g.self[i]!;
    for (let e = g.start[i]!; e < g.start[i + 1]!; e++) m2 += g.w[e]!;
  }
  if (m2 === 0) return member;
  for (let level = 0; level < 64; level++) {
    const n = g.n;
    const k = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let d = 2 * g.self[i]!;
      for (let e = g.start[i]!; e < g.start[i + 1]!; e++) d += g.w[e]!;
      k[i] = d;
    }
    const comm = new Int32Array(n);
    const tot = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      comm[i] = i;
      tot[i] = k[i]!;
    }
    // seeded visiting order (Fisher-Yates)
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    const wTo = new Float64Array(n);
    const seen = new Int32Array(n);
    // Local moving from a queue (as in Leiden's fast local move): every node once in the seeded
    // order, then only nodes whose neighbour left for another community. Sweeping every node
    // again instead cost a whole pass (all arcs) for a few dozen moves: on a 40k-account
    // component with 2.4M edges a level ran 100 such passes, 10 s of a 12 s try.
    const queue = new Int32Array(n);
    const queued = new Uint8Array(n).fill(1);
    queue.set(order);
    let head = 0;
    let size = n;
    let moved = false;
    // every move raises modularity, so this ends; the bound only guards against float ties
    for (let visits = 0; size > 0 && visits < MAX_VISITS_PER_NODE * n; visits++) {
      const i = queue[head]!;
      head = head + 1 === n ? 0 : head + 1;
      size--;
      queued[i] = 0;
      const ci = comm[i]!;
      const ki = k[i]!;
      let cnt = 0;
      for (let e = g.start[i]!; e < g.start[i + 1]!; e++) {
        const c = comm[g.adj[e]!]!;
        if (wTo[c] === 0) seen[cnt++] = c;
        wTo[c]! += g.w[e]!;
      }
      tot[ci]! -= ki;
      let best = ci;
      const stay = wTo[ci]! - (resolution * ki * tot[ci]!) / m2;
      let bestGain = stay;
      for (let x = 0; x < cnt; x++) {
        const c = seen[x]!;
        const gain = wTo[c]! - (resolution * ki * tot[c]!) / m2;
        if (gain > bestGain + 1e-12) {
          best = c;
          bestGain = gain;
        }
      }
      tot[best]! += ki;
      for (let x = 0; x < cnt; x++) wTo[seen[x]!] = 0;
      wTo[ci] = 0;
      if (best === ci) continue;
      comm[i] = best;
      moved = true;
      for (let e = g.start[i]!; e < g.start[i + 1]!; e++) {
        const j = g.adj[e]!;
        if (queued[j] || comm[j] === best) continue;
        queued[j] = 1;
        queue[(head + size) % n] = j;
        size++;
      }
    }
    if (!moved) break;
    // renumber communities densely, in order of first appearance (deterministic)
    const id = new Int32Array(n).fill(-1);
    let nc = 0;
    for (let i = 0; i < n; i++) if (id[comm[i]!]! < 0) id[comm[i]!] = nc++;
    for (let x = 0; x < N; x++) member[x] = id[comm[member[x]!]!]!;
    if (nc === n) break;
    g = aggregate(g, comm, id, nc, scratch);
  }
  return member;
}

/** Louvain runs per seed on graphs up to this many edges (restarts where they are cheap), else one. */
const RESTART_EDGES = 50_000;
const RUNS_PER_TRY = 4;

/** Everything one seeded try reads (typed arrays; on shared memory when tries run on two threads). */
export interface TryInput {
  n: number;
  g: Csr;
  edges: FlatEdges;
  adj: Adjacency;
  resolution: number;
}

/** Runs the tries of the given seeds; results in the seeds' order (communities-async.ts may run some on a worker thread). */
export type TryRunner = (input: TryInput, seeds: number[]) => { community: Int32Array; modularity: number }[];

export const runTries: TryRunner = (input, seeds) => {
  const scratch = new ArcScratch();
  return seeds.map((seed) => partitionTry(input, seed, scratch));
};

/** One seeded try: Louvain (a few runs on small graphs), refined, then merged while modularity rises. */
export function partitionTry(input: TryInput, seed: number, scratch = new ArcScratch()): { community: Int32Array; modularity: number } {
  const { n, g, edges, adj, resolution } = input;
  const rng = seededRandom(seed);
  // a few Louvain runs per seed (they are cheap on flat arrays), the best one carried on
  let community: Int32Array = new Int32Array(n);
  let q = -Infinity;
  const runs = edges.count <= RESTART_EDGES ? RUNS_PER_TRY : 1;
  for (let r = 0; r < runs; r++) {
    const c = louvain(g, rng, resolution, scratch);
    refineByVertexMoves(n, adj, c, resolution);
    const qc = modularity(n, edges, c, resolution);
    if (qc > q + 1e-12) {
      community = c;
      q = qc;
    }
  }
  // Louvain again on the graph of the refined communities (whole communities move, i.e.
  // merge), then refine: repeated while modularity rises
  for (let round = 0; round < 8; round++) {
    const id = new Int32Array(n).fill(-1);
    let nc = 0;
    for (let i = 0; i < n; i++) if (id[community[i]!]! < 0) id[community[i]!] = nc++;
    const dense = new Int32Array(n);
    for (let i = 0; i < n; i++) dense[i] = id[community[i]!]!;
    const identity = new Int32Array(n);
    for (let i = 0; i < n; i++) identity[i] = i;
    const top = louvain(aggregate(g, dense, identity, nc, scratch), rng, resolution, scratch);
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) next[i] = top[dense[i]!]!;
    refineByVertexMoves(n, adj, next, resolution);
    const q2 = modularity(n, edges, next, resolution);
    if (!(q2 > q + 1e-12)) break;
    community = next;
    q = q2;
  }
  return { community, modularity: q };
}

export function bestPartition(n: number, edgeList: EdgeList, opts: { seed?: number; tries?: number; resolution?: number; runner?: TryRunner } = {}): Partition {
  const resolution = opts.resolution ?? 1;
  const edges = flatEdges(edgeList);
  const g = toCsr(n, edges);
  // the refinement's adjacency, built once for every run: the CSR's own arrays
  const adj = adjacencyOfCsr(g);
  const tries = opts.tries ?? 5;
  const seeds = Array.from({ length: tries }, (_, t) => (opts.seed ?? 42) + t);
  const results = (opts.runner ?? runTries)({ n, g, edges, adj, resolution }, seeds);
  let best: Partition | null = null;
  results.forEach(({ community, modularity: q }, t) => {
    if (!best || q > best.modularity + 1e-12) best = { community, modularity: q, seed: seeds[t]! };
  });
  return best ?? { community: new Int32Array(n), modularity: 0, seed: opts.seed ?? 42 };
}
