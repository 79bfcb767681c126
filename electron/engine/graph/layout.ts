// Engine (pure). Positions for big views, computed once in the engine so the UI thread never runs a
// layout over thousands of nodes. Deterministic (same input, same picture) and roughly linear:
//   1. communities by weighted label propagation (stable node order, no randomness);
//   2. communities placed on a sunflower spiral, biggest in the middle, each a disc sized by its
//      node count, nodes seeded inside it by strength (hubs at the centre);
//   3. a short force refinement: springs on intra-community edges, collision-range repulsion
//      through a uniform grid (only nearby pairs), a pull to the community centre.
// Good enough to read structure at 5,000 nodes in well under a second; the UI offers fcose for
// small views on top of it.

export interface LayoutInput {
  n: number;
  /** endpoint indexes and weight, one entry per edge */
  edges: ReadonlyArray<readonly [number, number, number]>;
  /** node radius in layout units; default 10 */
  radius?: (i: number) => number;
  iterations?: number;
}

export interface LayoutResult {
  x: Float64Array;
  y: Float64Array;
  community: Int32Array;
}

const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/** Adjacency in compressed rows: the neighbours of i are nbr[off[i]..off[i+1]), with weights wt. */
interface Csr {
  off: Int32Array;
  nbr: Int32Array;
  wt: Float64Array;
}

/** Weighted label propagation in index order; ties broken by the smaller label. */
export function labelPropagation(n: number, adj: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, rounds = 12): Int32Array {
  const off = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) off[i + 1] = off[i]! + adj[i]!.length;
  const nbr = new Int32Array(off[n]!);
  const wt = new Float64Array(off[n]!);
  for (let i = 0; i < n; i++) {
    let k = off[i]!;
    for (const [j, w] of adj[i]!) {
      nbr[k] = j;
      wt[k] = w;
      k++;
    }
  }
  return propagate(n, { off, nbr, wt }, rounds);
}

/**
 * The label propagation itself on typed arrays (a Map per node cost most of the layout's time
 * and garbage at 20,000 edges): each node takes the label its neighbours carry with the most
 * weight, the smaller label on a tie; sums in neighbour order, so results match the Map version.
 */
function propagate(n: number, g: Csr, rounds: number): Int32Array {
  const label = new Int32Array(n);
  for (let i = 0; i < n; i++) label[i] = i;
  const acc = new Float64Array(n);
  const seen = new Uint8Array(n);
  let maxDeg = 0;
  for (let i = 0; i < n; i++) maxDeg = Math.max(maxDeg, g.off[i + 1]! - g.off[i]!);
  const touched = new Int32Array(maxDeg);
  for (let r = 0; r < rounds; r++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const s = g.off[i]!;
      const e = g.off[i + 1]!;
      if (s === e) continue;
      let t = 0;
      for (let k = s; k < e; k++) {
        const l = label[g.nbr[k]!]!;
        if (seen[l] === 0) {
          seen[l] = 1;
          acc[l] = 0;
          touched[t++] = l;
        }
        acc[l] = acc[l]! + g.wt[k]!;
      }
      let best = label[i]!;
      let bestW = seen[best] === 1 ? acc[best]! : -1;
      for (let q = 0; q < t; q++) {
        const l = touched[q]!;
        const w = acc[l]!;
        if (w > bestW || (w === bestW && l < best)) {
          best = l;
          bestW = w;
        }
        seen[l] = 0;
      }
      if (best !== label[i]) {
        label[i] = best;
        changed++;
      }
    }
    if (changed === 0) break;
  }
  return label;
}

export function layoutGraph(input: LayoutInput): LayoutResult {
  const { n, edges } = input;
  const radius = input.radius ?? (() => 10);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n === 0) return { x, y, community: new Int32Array(0) };

  // adjacency in compressed rows, neighbours in edge order (both directions)
  const strength = new Float64Array(n);
  const off = new Int32Array(n + 1);
  for (const [a, b] of edges) {
    if (a === b) continue;
    off[a + 1] = off[a + 1]! + 1;
    off[b + 1] = off[b + 1]! + 1;
  }
  for (let i = 0; i < n; i++) off[i + 1] = off[i + 1]! + off[i]!;
  const nbr = new Int32Array(off[n]!);
  const wt = new Float64Array(off[n]!);
  const fill = off.slice(0, n);
  for (const [a, b, w] of edges) {
    if (a === b) continue;
    const ka = fill[a]!;
    nbr[ka] = b;
    wt[ka] = w;
    fill[a] = ka + 1;
    const kb = fill[b]!;
    nbr[kb] = a;
    wt[kb] = w;
    fill[b] = kb + 1;
    strength[a] = strength[a]! + w;
    strength[b] = strength[b]! + w;
  }
  const community = propagate(n, { off, nbr, wt }, 12);

  // group members by community, biggest community first, members by strength
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(community[i]!);
    if (g) g.push(i);
    else groups.set(community[i]!, [i]);
  }
  const ordered = [...groups.values()].sort((p, q) => q.length - p.length || p[0]! - q[0]!);
  const r = new Float64Array(n);
  let maxR = 0;
  for (let i = 0; i < n; i++) {
    r[i] = radius(i);
    maxR = Math.max(maxR, r[i]!);
  }
  const gap = maxR * 0.8;

  // community discs on a sunflower spiral by cumulative area
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  let area = 0;
  ordered.forEach((members, k) => {
    members.sort((p, q) => strength[q]! - strength[p]! || p - q);
    let memberArea = 0;
    for (const m of members) memberArea += (2 * r[m]! + gap) ** 2;
    const discR = Math.sqrt(memberArea / Math.PI);
    const centreDist = k === 0 ? 0 : Math.sqrt(area / Math.PI) + discR;
    area += Math.PI * (discR * 1.35) ** 2;
    const ccx = centreDist * Math.cos(k * GOLDEN);
    const ccy = centreDist * Math.sin(k * GOLDEN);
    // nodes inside the disc on their own sunflower, strongest at the centre
    let inner = 0;
    members.forEach((m, idx) => {
      inner += (2 * r[m]! + gap) ** 2;
      const d = idx === 0 ? 0 : Math.sqrt(inner / Math.PI);
      x[m] = ccx + d * Math.cos(idx * GOLDEN);
      y[m] = ccy + d * Math.sin(idx * GOLDEN);
      cx[m] = ccx;
      cy[m] = ccy;
    });
  });

  refine(input, x, y, r, cx, cy, community, gap);
  return { x, y, community };
}

function refine(
  input: LayoutInput,
  x: Float64Array,
  y: Float64Array,
  r: Float64Array,
  cx: Float64Array,
  cy: Float64Array,
  community: Int32Array,
  gap: number,
): void {
  const { n, edges } = input;
  const iterations = input.iterations ?? (n > 3000 ? 30 : 60);
  let maxR = 0;
  for (let i = 0; i < n; i++) maxR = Math.max(maxR, r[i]!);
  const cell = 2 * maxR + gap;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let maxW = 0;
  for (const e of edges) maxW = Math.max(maxW, e[2]);
  let temp = cell * 2;
  // uniform grid as a hashed counting sort (no per-iteration allocation): cell -> slot in a
  // table of about 2n buckets; collisions only add pairs that the distance test then skips
  const buckets = Math.max(64, 2 * n);
  const head = new Int32Array(buckets + 1);
  const order = new Int32Array(n);
  const slot = new Int32Array(n);
  const hash = (gx: number, gy: number) => ((((gx * 73856093) ^ (gy * 19349663)) % buckets) + buckets) % buckets;

  /** Pushes apart every pair closer than their radii plus the gap (uniform grid, nearby pairs only). */
  const repel = () => {
    head.fill(0);
    for (let i = 0; i < n; i++) {
      const h = hash(Math.floor(x[i]! / cell), Math.floor(y[i]! / cell));
      slot[i] = h;
      head[h + 1] = head[h + 1]! + 1;
    }
    for (let h = 0; h < buckets; h++) head[h + 1] = head[h + 1]! + head[h]!;
    const fill = head.slice(0, buckets);
    for (let i = 0; i < n; i++) {
      const h = slot[i]!;
      order[fill[h]!] = i;
      fill[h] = fill[h]! + 1;
    }
    let overlaps = 0;
    for (let i = 0; i < n; i++) {
      const gx = Math.floor(x[i]! / cell);
      const gy = Math.floor(y[i]! / cell);
      for (let ox = -1; ox <= 1; ox++)
        for (let oy = -1; oy <= 1; oy++) {
          const h = hash(gx + ox, gy + oy);
          for (let k = head[h]!, end = head[h + 1]!; k < end; k++) {
            const j = order[k]!;
            if (j <= i) continue;
            let ddx = x[i]! - x[j]!;
            let ddy = y[i]! - y[j]!;
            const want = r[i]! + r[j]! + gap;
            if (ddx >= want || ddx <= -want || ddy >= want || ddy <= -want) continue;
            let d = Math.sqrt(ddx * ddx + ddy * ddy);
            if (d >= want) continue;
            if (d < 1e-6) {
              // coincident: separate along a deterministic direction
              ddx = Math.cos(i + j);
              ddy = Math.sin(i + j);
              d = 1e-3;
            }
            overlaps++;
            const push = ((want - d) / d) * 0.5;
            dx[i] = dx[i]! + ddx * push;
            dy[i] = dy[i]! + ddy * push;
            dx[j] = dx[j]! - ddx * push;
            dy[j] = dy[j]! - ddy * push;
          }
        }
    }
    return overlaps;
  };

  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    // repulsion only within collision range (plus the gap), through neighbouring grid cells
    repel();
    // springs: intra-community edges pull endpoints together (inter-community edges would knot
    // the communities into one ball)
    for (const [a, b, w] of edges) {
      if (a === b || community[a] !== community[b]) continue;
      const ddx = x[b]! - x[a]!;
      const ddy = y[b]! - y[a]!;
      const d = Math.sqrt(ddx * ddx + ddy * ddy);
      const rest = r[a]! + r[b]! + gap * 2;
      if (d <= rest) continue;
      const f = ((d - rest) / d) * 0.06 * (0.5 + 0.5 * (maxW > 0 ? w / maxW : 1));
      dx[a] = dx[a]! + ddx * f;
      dy[a] = dy[a]! + ddy * f;
      dx[b] = dx[b]! - (ddx * f);
      dy[b] = dy[b]! - (ddy * f);
    }
    let moved = 0;
    for (let i = 0; i < n; i++) {
      dx[i] = dx[i]! + (cx[i]! - x[i]!) * 0.01;
      dy[i] = dy[i]! + (cy[i]! - y[i]!) * 0.01;
      const d = Math.sqrt(dx[i]! * dx[i]! + dy[i]! * dy[i]!);
      const s = d > temp ? temp / d : 1;
      x[i] = x[i]! + dx[i]! * s;
      y[i] = y[i]! + dy[i]! * s;
      moved = Math.max(moved, d * s);
    }
    if (moved < cell * 0.02) break; // settled
    temp = Math.max(temp * 0.9, cell * 0.1);
  }
  // the springs of a dense community (a campaign where everyone shares everything) beat the
  // collision push and leave discs stacked: finish with collision-only steps until nothing overlaps
  for (let it = 0; it < 25; it++) {
    dx.fill(0);
    dy.fill(0);
    if (repel() === 0) break;
    for (let i = 0; i < n; i++) {
      x[i] = x[i]! + dx[i]!;
      y[i] = y[i]! + dy[i]!;
    }
  }
}
