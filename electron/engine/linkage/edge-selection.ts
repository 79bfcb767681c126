// Engine, job worker. Which projected edges an analysis stores: each account's heaviest links
// plus a maximum spanning forest of the strong ones (so every cluster stays connected for
// paths), not the dense interior of a big campaign.
import { UnionFind } from './union-find';

export interface SelectableEdges {
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
  strong: Uint8Array;
  count: number;
}

/** A selection's arguments (persist.ts storedEdgeSelection makes them from the parameters). */
export interface SelectionTask {
  n: number;
  edges: SelectableEdges;
  kept: Uint8Array;
  perAccount: number;
  alsoFrom: number;
}

/** selectStoredEdges over a task's arguments. */
export const selectForTask = (t: SelectionTask): Uint8Array => selectStoredEdges(t.n, t.edges, t.kept, t.perAccount, t.alsoFrom);

/**
 * Flags (1 per edge) of the edges to store. Candidates: strong edges, edges with a `kept`
 * end, and edges of at least `alsoFrom` weight. "Heaviest" orders by weight, then by edge index. The rule is the greedy one (take the
 * candidates in that global order; keep an edge when it joins two strong trees of the forest or
 * when either end has fewer than `perAccount` kept edges so far), computed without sorting every
 * candidate: an edge passes the per-account test exactly when it ranks among the first
 * `perAccount` candidates of one of its ends (all of that end's heavier candidates passed too),
 * so each account ranks its own (linear selection), and the forest of the strong edges is found
 * sorting few of them (spanningForest; `forestLeaf` the size of the parts it sorts).
 */
export function selectStoredEdges(n: number, edges: SelectableEdges, kept: Uint8Array, perAccount: number, alsoFrom = Infinity, forestLeaf = 4096): Uint8Array {
  const K = perAccount;
  // candidates marked once (the test is needed twice below), each account's candidates counted
  // in the same pass
  const cand = new Uint8Array(edges.count);
  const incStart = new Int32Array(n + 1);
  for (let e = 0; e < edges.count; e++) {
    const a = edges.a[e]!;
    const b = edges.b[e]!;
    if (edges.strong[e] === 1 || kept[a] === 1 || kept[b] === 1 || edges.weight[e]! >= alsoFrom) {
      cand[e] = 1;
      incStart[a + 1]! += 1;
      incStart[b + 1]! += 1;
    }
  }
  // each account's candidates, in edge order (CSR)
  for (let a = 0; a < n; a++) incStart[a + 1]! += incStart[a]!;
  const incFill = incStart.slice(0, n);
  const inc = new Int32Array(incStart[n]!);
  for (let e = 0; e < edges.count; e++) {
    if (cand[e] !== 1) continue;
    inc[incFill[edges.a[e]!]!++] = e;
    inc[incFill[edges.b[e]!]!++] = e;
  }
  const store = new Uint8Array(edges.count);
  // an account's candidate weights in edge order (read once: the edges of its other end are
  // scattered), and a copy that the selection reorders
  const ordered = new Float64Array(n);
  const scratch = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const from = incStart[a]!;
    const to = incStart[a + 1]!;
    if (to - from <= K) {
      for (let k = from; k < to; k++) store[inc[k]!] = 1;
      continue;
    }
    if (K <= 0) continue;
    const d = to - from;
    const wo = ordered.subarray(0, d);
    for (let k = 0; k < d; k++) wo[k] = edges.weight[inc[from + k]!]!;
    const ws = scratch.subarray(0, d);
    ws.set(wo);
    const thr = kthSmallest(ws, d - K); // the K-th heaviest weight
    let above = 0;
    for (let k = 0; k < d; k++) if (ws[k]! > thr) above++;
    let ties = K - above; // equal weights: the lowest edge indices first (inc is in edge order)
    for (let k = 0; k < d; k++) {
      const w = wo[k]!;
      if (w > thr) store[inc[from + k]!] = 1;
      else if (w === thr && ties > 0) {
        store[inc[from + k]!] = 1;
        ties--;
      }
    }
  }
  let ns = 0;
  for (let e = 0; e < edges.count; e++) if (edges.strong[e]) ns++;
  const strongIdx = new Uint32Array(ns);
  ns = 0;
  for (let e = 0; e < edges.count; e++) if (edges.strong[e]) strongIdx[ns++] = e;
  spanningForest(n, edges, strongIdx, store, forestLeaf);
  return store;
}

/**
 * Flags the edges of the maximum spanning forest of `idx` (ascending edge indices) in the order
 * "heaviest first, equal weights by index": what Kruskal's pass over that order keeps. That
 * order is total, so the forest is unique, and it is found without sorting every edge (filter
 * Kruskal): the heavier half first, then of the lighter half only the edges whose ends are not
 * yet joined (inside a dense campaign, almost none), and so on; parts of at most `leaf` edges
 * are sorted (byWeightDescending) and passed over as Kruskal does.
 */
function spanningForest(n: number, edges: SelectableEdges, idx: Uint32Array, store: Uint8Array, leaf: number): void {
  const forest = new UnionFind(n);
  const { a, b, weight } = edges;
  // x comes before y in the order
  const before = (x: number, y: number) => weight[x]! > weight[y]! || (weight[x] === weight[y] && x < y);
  const solve = (part: Uint32Array): void => {
    if (part.length === 0) return;
    if (part.length > Math.max(leaf, 1)) {
      // pivot: the middle of an evenly spread sample, in the order
      const sample = Array.from({ length: 31 }, (_, i) => part[Math.floor(((i + 0.5) * part.length) / 31)]!);
      sample.sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
      const pivot = sample[15]!;
      const heavy = new Uint32Array(part.length);
      const light = new Uint32Array(part.length);
      let h = 0;
      let l = 0;
      for (let i = 0; i < part.length; i++) {
        const e = part[i]!;
        if (before(e, pivot)) heavy[h++] = e;
        else light[l++] = e;
      }
      if (h > 0 && l > 0) {
        solve(heavy.subarray(0, h));
        // the lighter edges whose ends the heavier ones have not joined yet (order kept)
        let k = 0;
        for (let i = 0; i < l; i++) {
          const e = light[i]!;
          if (forest.find(a[e]!) !== forest.find(b[e]!)) light[k++] = e;
        }
        solve(light.subarray(0, k));
        return;
      }
    }
    for (const e of byWeightDescending(part, weight)) if (forest.union(a[e]!, b[e]!)) store[e] = 1;
  };
  solve(idx);
}

/** Up to this many entries byWeightDescending sorts by 8-bit digits (eight passes over 256
 * counters), beyond by 16-bit ones (four passes over 65,536): four passes over 65,536 counters
 * for a part of a few thousand edges cost more than the part itself, above all in code run once
 * per analysis (not yet optimised). */
const BYTE_DIGITS_UP_TO = 65536;

/**
 * `idx` (ascending) ordered by weight, heaviest first, equal weights in index order: the order of
 * sort((x, y) => weight[y] - weight[x] || x - y) for weights that are numbers, by a stable radix
 * sort on the weights' bits, not a comparator called n log n times (the strong edges of a large
 * case are millions).
 */
export function byWeightDescending(idx: Uint32Array, weight: Float64Array): Uint32Array {
  const n = idx.length;
  // per entry, its weight as 64 bits whose unsigned order is the descending numeric order
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < n; i++) {
    f[0] = weight[idx[i]!]! + 0; // -0 as 0: a comparator finds them equal
    const neg = u[1]! >>> 31;
    // ascending key: negative numbers all bits flipped, others the sign bit set; then inverted
    lo[i] = neg ? u[0]! : ~u[0]! >>> 0;
    hi[i] = neg ? u[1]! : ~(u[1]! | 0x80000000) >>> 0;
  }
  let ord = new Uint32Array(n);
  for (let i = 0; i < n; i++) ord[i] = i;
  let next = new Uint32Array(n);
  const bits = n <= BYTE_DIGITS_UP_TO ? 8 : 16;
  const digits = 1 << bits;
  const mask = digits - 1;
  const perWord = 32 / bits;
  const count = new Uint32Array(digits + 1);
  for (let pass = 0; pass < 2 * perWord; pass++) {
    const word = pass < perWord ? lo : hi;
    const shift = (pass % perWord) * bits;
    count.fill(0);
    for (let i = 0; i < n; i++) count[((word[i]! >>> shift) & mask) + 1]! += 1;
    if (count[((word[0]! >>> shift) & mask) + 1] === n) continue; // one digit for all: order kept
    for (let d = 0; d < digits; d++) count[d + 1]! += count[d]!;
    for (let i = 0; i < n; i++) {
      const p = ord[i]!;
      next[count[(word[p]! >>> shift) & mask]!++] = p;
    }
    [ord, next] = [next, ord];
  }
  for (let i = 0; i < n; i++) next[i] = idx[ord[i]!]!;
  return next;
}

/** The k-th smallest value (0-based) of `xs`, which is reordered (Hoare's selection, O(n)). */
export function kthSmallest(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return xs[k]!;
  }
  return xs[k]!;
}

