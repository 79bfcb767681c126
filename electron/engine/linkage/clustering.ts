// Engine. Clusters: connected components over strong edges (deterministic), then inside large
// components seeded community detection; two communities stay apart only when the link between
// them is weak relative to the smaller one's volume (a campaign split by Louvain's arbitrary
// cuts is glued back; two groups joined by a few bridges are not).
import type { AnalysisParameters } from '../../shared/contract/analysis';
import { bestPartition } from './communities';
import { twoThreadTries } from './communities-async';
import { components } from './components';
import { flatEdges, type EdgeList, type FlatEdges } from './modularity';
import { edgeSignals, type Edges } from './project';
import { CORROBORATION, corroboratingFamilies, SIGNAL_NAMES } from './signals';
import { alloc } from './typed-arrays';
import { UnionFind } from './union-find';

/**
 * Soft-only strong edges must rest on `softMinFamilies` families that each carry substantial
 * evidence (`softFamilyMinWeight`), see corroboratingFamilies. Edges that reached the weight
 * threshold only by piling up weak fragments (a template family plus a common client plus an
 * email pattern; a template plus a /24 seen at sign-up and in use) are demoted in place, before
 * clustering, so the clusters and the stored strong flags agree. Returns how many were demoted.
 */
export function requireCorroboration(edges: Edges, p: AnalysisParameters): number {
  const nsig = SIGNAL_NAMES.length;
  const scratch = new Float64Array(CORROBORATION.capShare.length);
  const dense = new Float32Array(nsig);
  let demoted = 0;
  for (let e = 0; e < edges.count; e++) {
    if (!edges.strong[e] || edges.hard[e]) continue;
    edgeSignals(edges, e, dense);
    const bits = corroboratingFamilies(dense, 0, p.softFamilyCap, p.softFamilyMinWeight, scratch);
    let k = 0;
    for (let f = bits; f; f &= f - 1) k++;
    if (k < p.softMinFamilies) {
      edges.strong[e] = 0;
      demoted++;
    }
  }
  return demoted;
}

/**
 * The part of every node of each large component (see splitComponent), in the order given; the
 * components' arrays may be let go as each is done (`components[i]` replaced). In this thread, or
 * on a worker (component-splits-async.ts).
 */
export type ComponentSplitter = (components: FlatEdges[], sizes: number[], p: AnalysisParameters) => Int32Array[];

const NO_EDGES: FlatEdges = { u: new Int32Array(0), v: new Int32Array(0), w: new Float64Array(0), count: 0 };

/** One large component (`n` nodes, its strong edges in local indices): seeded community detection, refined, glued back. */
export function splitComponent(n: number, le: FlatEdges, p: AnalysisParameters): Int32Array {
  const part = bestPartition(n, le, { seed: p.louvainSeed, tries: 3, resolution: p.louvainResolution, runner: twoThreadTries() });
  const community = p.louvainRefine ? refineCommunities(n, le, part.community, p.louvainMinComponent, p.louvainSeed, p.louvainResolution) : part.community;
  return mergeStronglyJoined(n, le, community, p.splitMaxConductance, p.splitMaxGroupConductance, p.splitMaxBridgeShare, p.splitMinBridgeAccounts);
}

export const splitInThisThread: ComponentSplitter = (components, sizes, p) =>
  components.map((le, i) => {
    const parts = splitComponent(sizes[i]!, le, p);
    components[i] = NO_EDGES; // done: let it go
    return parts;
  });

/** Groups of dense account indices (two or more accounts each), deterministic order. */
export function clusterAccounts(n: number, edges: Edges, p: AnalysisParameters, split: ComponentSplitter = splitInThisThread): { groups: number[][]; louvainSplits: number; weakSoftDemoted: number } {
  const weakSoftDemoted = requireCorroboration(edges, p);
  const comp = components(n, edges.a, edges.b, (e) => edges.strong[e] === 1, edges.count);
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = comp[i]!;
    const list = members.get(c);
    if (list) list.push(i);
    else members.set(c, [i]);
  }
  // large components: their strong edges as flat arrays in component-local indices (edge order)
  const local = new Int32Array(n);
  const bigSlot = new Int32Array(n).fill(-1); // component id -> slot in `big`
  const big: FlatEdges[] = [];
  const bigSize: number[] = [];
  for (const [c, list] of members) {
    if (list.length < p.louvainMinComponent) continue;
    bigSlot[c] = big.length;
    big.push({ u: new Int32Array(0), v: new Int32Array(0), w: new Float64Array(0), count: 0 });
    bigSize.push(list.length);
    list.forEach((a, i) => (local[a] = i));
  }
  if (big.length > 0) {
    for (let e = 0; e < edges.count; e++) if (edges.strong[e]) {
      const s = bigSlot[comp[edges.a[e]!]!]!;
      if (s >= 0) big[s]!.count++;
    }
    // on shared memory: the clustering's worker (component-splits-async.ts) and its tries'
    // worker read them as they are, where each made a copy
    for (const f of big) {
      f.u = alloc(Int32Array, 4, f.count, true);
      f.v = alloc(Int32Array, 4, f.count, true);
      f.w = alloc(Float64Array, 8, f.count, true);
      f.count = 0;
    }
    for (let e = 0; e < edges.count; e++) {
      if (!edges.strong[e]) continue;
      const s = bigSlot[comp[edges.a[e]!]!]!;
      if (s < 0) continue;
      const f = big[s]!;
      f.u[f.count] = local[edges.a[e]!]!;
      f.v[f.count] = local[edges.b[e]!]!;
      f.w[f.count++] = edges.weight[e]!;
    }
  }
  const partsOf = big.length > 0 ? split(big, bigSize, p) : [];
  const groups: number[][] = [];
  let louvainSplits = 0;
  for (const [c, list] of members) {
    if (list.length < 2) continue;
    const s = bigSlot[c]!;
    if (s < 0) {
      groups.push(list);
      continue;
    }
    const parts = partsOf[s]!;
    const byPart = new Map<number, number[]>();
    list.forEach((a, i) => {
      const k = parts[i]!;
      const g = byPart.get(k);
      if (g) g.push(a);
      else byPart.set(k, [a]);
    });
    if (byPart.size > 1) louvainSplits += byPart.size - 1;
    for (const g of byPart.values()) if (g.length >= 2) groups.push(g);
  }
  return { groups, louvainSplits, weakSoftDemoted };
}

/**
 * Community detection again inside each community of at least `minSize` accounts, on its own
 * links: modularity cannot see a small group hanging off a large one by a link or two when the
 * whole component is its scale (its resolution limit: at 28.8M exchanges a sparse group of 232
 * benign accounts sat in one community with 111 campaign accounts, joined by two shared e-mails).
 * Inside the community the two are clearly apart. The pieces are glued back by
 * mergeStronglyJoined like any others. Returns community labels (new ids, any int32).
 */
export function refineCommunities(n: number, edgeList: EdgeList, community: Int32Array, minSize: number, seed: number, resolution: number): Int32Array {
  const { u: eu, v: ev, w: ew, count } = flatEdges(edgeList);
  // members of each community, and each node's index inside its community
  const ids = new Map<number, number>();
  const size: number[] = [];
  const local = new Int32Array(n);
  const of = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let c = ids.get(community[i]!);
    if (c === undefined) {
      c = size.length;
      ids.set(community[i]!, c);
      size.push(0);
    }
    of[i] = c;
    local[i] = size[c]!++;
  }
  const inner = new Int32Array(size.length);
  for (let e = 0; e < count; e++) if (of[eu[e]!] === of[ev[e]!]) inner[of[eu[e]!]!]! += 1;
  const sub: (FlatEdges | null)[] = size.map((s, c) => (s >= minSize && inner[c]! > 0 ? { u: new Int32Array(inner[c]!), v: new Int32Array(inner[c]!), w: new Float64Array(inner[c]!), count: 0 } : null));
  for (let e = 0; e < count; e++) {
    const c = of[eu[e]!]!;
    const f = sub[c];
    if (!f || of[ev[e]!] !== c) continue;
    f.u[f.count] = local[eu[e]!]!;
    f.v[f.count] = local[ev[e]!]!;
    f.w[f.count++] = ew[e]!;
  }
  const piece: (Int32Array | null)[] = sub.map((f, c) => (f ? bestPartition(size[c]!, f, { seed, tries: 1, resolution }).community : null));
  // new label: community * n + piece (pieces are < community size <= n)
  const out = new Int32Array(n);
  const label = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = of[i]!;
    const key = c * n + (piece[c] ? piece[c]![local[i]!]! : 0);
    let l = label.get(key);
    if (l === undefined) label.set(key, (l = label.size));
    out[i] = l;
  }
  return out;
}

/**
 * Glues communities back together. Pairwise: two communities joined by at least `maxConductance`
 * of the smaller one's volume are one. As a whole: a group that sends at least
 * `maxGroupConductance` of its link weight outside itself (its conductance) is not a group of its
 * own; it joins the neighbour it is most strongly linked to, until every group keeps most of its
 * links inside. A campaign whose accounts are split by Louvain into many card groups, each linked
 * a little to each of the others, is one campaign; a crew with no links out stays apart. The same
 * holds for a group most of whose accounts (`maxBridgeShare`) link into other groups, however
 * light those links are next to its dense inside: at the reported scale Louvain cut a 14,000
 * account hydra into 17 groups that each kept 90% of their weight inside, yet 61-77% of their
 * accounts linked across (no other group there above 38%). Such a group joins only a neighbour
 * that `minBridgeAccounts` of its accounts link to: at the same scale a sparse benign group, cut
 * into leaky pieces, was carried piece by piece into a campaign across a single e-mail link.
 */
export function mergeStronglyJoined(n: number, edgeList: EdgeList, community: Int32Array, maxConductance: number, maxGroupConductance = 1, maxBridgeShare = 1, minBridgeAccounts = 1): Int32Array {
  const { u: eu, v: ev, w: ew, count } = flatEdges(edgeList);
  // communities by position in their sorted ids (any int32 labels)
  const ids = [...new Set(community)].sort((a, b) => a - b);
  const K = ids.length;
  const pos = new Map(ids.map((c, i) => [c, i]));
  const idx = new Int32Array(n); // account -> its community's position in ids
  const sizeOf = new Int32Array(K);
  for (let i = 0; i < n; i++) {
    idx[i] = pos.get(community[i]!)!;
    sizeOf[idx[i]!]! += 1;
  }
  const volOf = new Float64Array(K);
  // weight between two communities, keyed x * K + y (x < y), in order of first appearance
  const cut = new Map<number, number>();
  // the edges between communities (only they can bridge groups), in edge order
  const crossList: number[] = [];
  for (let e = 0; e < count; e++) {
    const cu = idx[eu[e]!]!;
    const cv = idx[ev[e]!]!;
    const w = ew[e]!;
    volOf[cu]! += w;
    volOf[cv]! += w;
    if (cu !== cv) {
      const k = cu < cv ? cu * K + cv : cv * K + cu;
      cut.set(k, (cut.get(k) ?? 0) + w);
      crossList.push(e);
    }
  }
  const uf = new UnionFind(K);
  const px: number[] = [];
  const py: number[] = [];
  const pw: number[] = [];
  for (const [k, w] of cut) {
    const x = Math.floor(k / K);
    const y = k - x * K;
    px.push(x);
    py.push(y);
    pw.push(w);
    const smaller = Math.min(volOf[x]!, volOf[y]!);
    if (smaller === 0 || w / smaller >= maxConductance) uf.union(x, y);
  }
  // the round in which an account was last seen linking to another group
  const bridged = new Int32Array(n).fill(-1);
  const gVol = new Float64Array(K);
  const gExt = new Float64Array(K);
  const gSize = new Float64Array(K);
  const gBridging = new Float64Array(K);
  const bestTo = new Int32Array(K);
  const bestW = new Float64Array(K);
  const bridgeTo = new Int32Array(K);
  const bridgeW = new Float64Array(K);
  // whole-group rules, repeated until stable (each round merges at least two groups or stops)
  for (let round = 0; round < K && (maxGroupConductance < 1 || maxBridgeShare < 1); round++) {
    gVol.fill(0);
    gExt.fill(0);
    gSize.fill(0);
    gBridging.fill(0);
    bestTo.fill(-1);
    bridgeTo.fill(-1);
    const roots: number[] = [];
    for (let i = 0; i < K; i++) {
      const g = uf.find(i);
      if (g === i) roots.push(g);
      gVol[g]! += volOf[i]!;
      gSize[g]! += sizeOf[i]!;
    }
    // one pass over the edges between groups: accounts bridging out of their group (the
    // leaky-group rule) and, per (group, neighbour), directed, how many of the group's accounts
    // link to the neighbour (the bridge-accounts rule)
    const linking = new Map<number, number>();
    const countBridging = maxBridgeShare < 1;
    const countLinking = minBridgeAccounts > 1;
    if (countBridging || countLinking) {
      const seen = new Set<number>();
      for (const e of crossList) {
        const u = eu[e]!;
        const v = ev[e]!;
        const gu = uf.find(idx[u]!);
        const gv = uf.find(idx[v]!);
        if (gu === gv) continue;
        if (countBridging) {
          if (bridged[u] !== round) {
            bridged[u] = round;
            gBridging[gu]! += 1;
          }
          if (bridged[v] !== round) {
            bridged[v] = round;
            gBridging[gv]! += 1;
          }
        }
        if (countLinking) {
          if (!seen.has(u * K + gv)) {
            seen.add(u * K + gv);
            linking.set(gu * K + gv, (linking.get(gu * K + gv) ?? 0) + 1);
          }
          if (!seen.has(v * K + gu)) {
            seen.add(v * K + gu);
            linking.set(gv * K + gu, (linking.get(gv * K + gu) ?? 0) + 1);
          }
        }
      }
    }
    const between = new Map<number, number>();
    for (let k = 0; k < px.length; k++) {
      const gx = uf.find(px[k]!);
      const gy = uf.find(py[k]!);
      if (gx === gy) continue;
      const w = pw[k]!;
      gExt[gx]! += w;
      gExt[gy]! += w;
      const key = gx < gy ? gx * K + gy : gy * K + gx;
      between.set(key, (between.get(key) ?? 0) + w);
    }
    // each group's most strongly linked neighbour (ties: the lowest id), and the same among the
    // neighbours that `minBridgeAccounts` of its accounts (all, in a smaller group) link to
    for (const [key, w] of between) {
      const x = Math.floor(key / K);
      const y = key - x * K;
      for (let side = 0; side < 2; side++) {
        const g = side === 0 ? x : y;
        const o = side === 0 ? y : x;
        if (bestTo[g]! < 0 || w > bestW[g]! || (w === bestW[g]! && o < bestTo[g]!)) {
          bestTo[g] = o;
          bestW[g] = w;
        }
        if (minBridgeAccounts > 1 && (linking.get(g * K + o) ?? 0) < Math.min(minBridgeAccounts, gSize[g]!)) continue;
        if (bridgeTo[g]! < 0 || w > bridgeW[g]! || (w === bridgeW[g]! && o < bridgeTo[g]!)) {
          bridgeTo[g] = o;
          bridgeW[g] = w;
        }
      }
    }
    let merged = false;
    for (const g of roots) {
      const v = gVol[g]!;
      if (bestTo[g]! < 0 || v <= 0) continue;
      const leaky = gExt[g]! / v >= maxGroupConductance;
      const bridgedByMost = gBridging[g]! / (gSize[g]! || 1) >= maxBridgeShare;
      // a leaky group joins its strongest neighbour; a group bridged by most of its accounts
      // joins the strongest one that several of them link to (one stray link, an e-mail shared
      // with one account of a campaign, never carries a whole group across)
      const to = leaky ? bestTo[g]! : bridgedByMost ? bridgeTo[g]! : -1;
      if (to >= 0 && uf.union(g, to)) merged = true;
    }
    if (!merged) break;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = uf.find(idx[i]!);
  return out;
}
