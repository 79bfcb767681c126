// Engine. Clusters: connected components over strong edges (deterministic), then inside large
// components seeded community detection; two communities stay apart only when the link between
// them is weak relative to the smaller one's volume (a campaign split by Louvain's arbitrary
// cuts is glued back; two groups joined by a few bridges are not).
import type { AnalysisParameters } from '../../shared/contract/analysis';
import { bestPartition } from './communities';
import { components } from './components';
import type { WEdge } from './modularity';
import { edgeSignals, type Edges } from './project';
import { CORROBORATION, corroboratingFamilies, SIGNAL_NAMES } from './signals';
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

/** Groups of dense account indices (two or more accounts each), deterministic order. */
export function clusterAccounts(n: number, edges: Edges, p: AnalysisParameters): { groups: number[][]; louvainSplits: number; weakSoftDemoted: number } {
  const weakSoftDemoted = requireCorroboration(edges, p);
  const comp = components(n, edges.a, edges.b, (e) => edges.strong[e] === 1, edges.count);
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = comp[i]!;
    const list = members.get(c);
    if (list) list.push(i);
    else members.set(c, [i]);
  }
  const big = new Map<number, WEdge[]>();
  for (const [c, list] of members) if (list.length >= p.louvainMinComponent) big.set(c, []);
  for (let e = 0; e < edges.count; e++) {
    if (!edges.strong[e]) continue;
    const list = big.get(comp[edges.a[e]!]!);
    if (list) list.push({ u: edges.a[e]!, v: edges.b[e]!, w: edges.weight[e]! });
  }
  const groups: number[][] = [];
  let louvainSplits = 0;
  for (const [c, list] of members) {
    if (list.length < 2) continue;
    const es = big.get(c);
    if (!es) {
      groups.push(list);
      continue;
    }
    const local = new Map<number, number>();
    list.forEach((a, i) => local.set(a, i));
    const le = es.map((e) => ({ u: local.get(e.u)!, v: local.get(e.v)!, w: e.w }));
    const part = bestPartition(list.length, le, { seed: p.louvainSeed, tries: 3, resolution: p.louvainResolution });
    const parts = mergeStronglyJoined(list.length, le, part.community, p.splitMaxConductance, p.splitMaxGroupConductance, p.splitMaxBridgeShare);
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
 * Glues communities back together. Pairwise: two communities joined by at least `maxConductance`
 * of the smaller one's volume are one. As a whole: a group that sends at least
 * `maxGroupConductance` of its link weight outside itself (its conductance) is not a group of its
 * own; it joins the neighbour it is most strongly linked to, until every group keeps most of its
 * links inside. A campaign whose accounts are split by Louvain into many card groups, each linked
 * a little to each of the others, is one campaign; a crew with no links out stays apart. The same
 * holds for a group most of whose accounts (`maxBridgeShare`) link into other groups, however
 * light those links are next to its dense inside: at the reported scale Louvain cut a 14,000
 * account hydra into 17 groups that each kept 90% of their weight inside, yet 61-77% of their
 * accounts linked across (no other group there above 38%).
 */
export function mergeStronglyJoined(n: number, edges: readonly WEdge[], community: Int32Array, maxConductance: number, maxGroupConductance = 1, maxBridgeShare = 1): Int32Array {
  const vol = new Map<number, number>();
  const cut = new Map<string, number>();
  for (const { u, v, w } of edges) {
    const cu = community[u]!;
    const cv = community[v]!;
    vol.set(cu, (vol.get(cu) ?? 0) + w);
    vol.set(cv, (vol.get(cv) ?? 0) + w);
    if (cu !== cv) {
      const k = cu < cv ? `${cu}:${cv}` : `${cv}:${cu}`;
      cut.set(k, (cut.get(k) ?? 0) + w);
    }
  }
  const ids = [...new Set(community)].sort((a, b) => a - b);
  const pos = new Map(ids.map((c, i) => [c, i]));
  const uf = new UnionFind(ids.length);
  const pairs: [number, number, number][] = [];
  for (const [k, w] of cut) {
    const [x, y] = k.split(':').map(Number) as [number, number];
    pairs.push([pos.get(x)!, pos.get(y)!, w]);
    const smaller = Math.min(vol.get(x) ?? 0, vol.get(y) ?? 0);
    if (smaller === 0 || w / smaller >= maxConductance) uf.union(pos.get(x)!, pos.get(y)!);
  }
  const volOf = ids.map((c) => vol.get(c) ?? 0);
  const sizeOf = new Int32Array(ids.length);
  const idx = new Int32Array(n); // account -> its community's position in ids
  for (let i = 0; i < n; i++) {
    idx[i] = pos.get(community[i]!)!;
    sizeOf[idx[i]!]! += 1;
  }
  // the round in which an account was last seen linking to another group
  const bridged = new Int32Array(n).fill(-1);
  // whole-group rules, repeated until stable (each round merges at least two groups or stops)
  for (let round = 0; round < ids.length && (maxGroupConductance < 1 || maxBridgeShare < 1); round++) {
    const gVol = new Map<number, number>();
    const gExt = new Map<number, number>();
    const gSize = new Map<number, number>();
    const gBridging = new Map<number, number>();
    const between = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) {
      const g = uf.find(i);
      gVol.set(g, (gVol.get(g) ?? 0) + volOf[i]!);
      gSize.set(g, (gSize.get(g) ?? 0) + sizeOf[i]!);
    }
    if (maxBridgeShare < 1) {
      for (const { u, v } of edges) {
        const gu = uf.find(idx[u]!);
        const gv = uf.find(idx[v]!);
        if (gu === gv) continue;
        for (const [x, g] of [[u, gu], [v, gv]] as const) {
          if (bridged[x] === round) continue;
          bridged[x] = round;
          gBridging.set(g, (gBridging.get(g) ?? 0) + 1);
        }
      }
    }
    for (const [x, y, w] of pairs) {
      const gx = uf.find(x);
      const gy = uf.find(y);
      if (gx === gy) continue;
      gExt.set(gx, (gExt.get(gx) ?? 0) + w);
      gExt.set(gy, (gExt.get(gy) ?? 0) + w);
      const k = gx < gy ? `${gx}:${gy}` : `${gy}:${gx}`;
      between.set(k, (between.get(k) ?? 0) + w);
    }
    const best = new Map<number, [number, number]>();
    for (const [k, w] of between) {
      const [x, y] = k.split(':').map(Number) as [number, number];
      for (const [g, o] of [[x, y], [y, x]] as const) {
        const b = best.get(g);
        if (!b || w > b[1] || (w === b[1] && o < b[0])) best.set(g, [o, w]);
      }
    }
    let merged = false;
    for (const [g, v] of [...gVol].sort((a, b) => a[0] - b[0])) {
      const b = best.get(g);
      if (!b || v <= 0) continue;
      const leaky = (gExt.get(g) ?? 0) / v >= maxGroupConductance;
      const bridgedByMost = (gBridging.get(g) ?? 0) / (gSize.get(g) ?? 1) >= maxBridgeShare;
      if (!leaky && !bridgedByMost) continue;
      if (uf.union(g, b[0])) merged = true;
    }
    if (!merged) break;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = uf.find(pos.get(community[i]!)!);
  return out;
}
