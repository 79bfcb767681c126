// The stored-edge rule computed per account (linear selection) must keep exactly the edges the
// greedy rule keeps (every candidate in global weight order, a per-account budget, a spanning
// forest of strong edges), ties included; and the template pair store must dedupe keys and merge.
import { describe, expect, it } from 'vitest';
import { byWeightDescending, kthSmallest, selectStoredEdges, type SelectableEdges } from '../../../electron/engine/linkage/edge-selection';
import { randomEdges } from './random-edges';
import { TemplatePairs } from '../../../electron/engine/linkage/template-pairs';
import { UnionFind } from '../../../electron/engine/linkage/union-find';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** The former implementation: one sort of every candidate, then the greedy pass. */
function greedy(n: number, edges: SelectableEdges, kept: Uint8Array, K: number): Uint8Array {
  const cand: number[] = [];
  for (let e = 0; e < edges.count; e++) if (edges.strong[e] || kept[edges.a[e]!] || kept[edges.b[e]!]) cand.push(e);
  cand.sort((x, y) => edges.weight[y]! - edges.weight[x]! || x - y);
  const per = new Int32Array(n);
  const forest = new UnionFind(n);
  const store = new Uint8Array(edges.count);
  for (const e of cand) {
    const a = edges.a[e]!;
    const b = edges.b[e]!;
    const spans = edges.strong[e] === 1 && forest.union(a, b);
    if (spans || per[a]! < K || per[b]! < K) {
      store[e] = 1;
      per[a]! += 1;
      per[b]! += 1;
    }
  }
  return store;
}

describe('stored edge selection', () => {
  it('matches the greedy rule on random graphs with ties, for several budgets', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const r = rng(seed);
      const n = 30 + Math.floor(r() * 50);
      const edges = randomEdges(r, n, Math.floor(n * (2 + r() * 8)));
      const kept = Uint8Array.from({ length: n }, () => (r() < 0.4 ? 1 : 0));
      for (const K of [0, 1, 3, 8]) {
        const got = selectStoredEdges(n, edges, kept, K);
        const want = greedy(n, edges, kept, K);
        expect(Array.from(got)).toEqual(Array.from(want));
      }
    }
  });

  it('finds the same forest when it splits the strong edges into small parts (filter Kruskal)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const r = rng(100 + seed);
      const n = 30 + Math.floor(r() * 300);
      const edges = randomEdges(r, n, Math.floor(n * (2 + r() * 8)));
      const kept = Uint8Array.from({ length: n }, () => (r() < 0.4 ? 1 : 0));
      for (const K of [0, 2]) {
        const want = greedy(n, edges, kept, K);
        for (const leaf of [1, 8, 64]) expect(Array.from(selectStoredEdges(n, edges, kept, K, Infinity, leaf))).toEqual(Array.from(want));
      }
    }
  });

  it('orders by weight descending, ties by index, as the comparator sort did', () => {
    const r = rng(11);
    // up to 65,536 entries by 8-bit digits, beyond by 16-bit ones (the last two)
    for (let t = 0; t < 62; t++) {
      const n = t === 0 ? 0 : t >= 60 ? 65_536 + 1 + Math.floor(r() * 20_000) : 1 + Math.floor(r() * (t < 50 ? 60 : 5000));
      const weight = Float64Array.from({ length: n * 2 }, () => {
        const x = r();
        // ties, zeros of both signs, negatives, tiny and huge values, digits that differ only low
        return x < 0.3 ? Math.floor(r() * 4) / 4 : x < 0.35 ? -0 : x < 0.4 ? -r() * 1e6 : x < 0.45 ? r() * 1e-300 : x < 0.5 ? 1 + r() * 1e-12 : r() * 1e9;
      });
      const idx = Uint32Array.from({ length: n }, (_, i) => 2 * i + (i % 2));
      const want = Uint32Array.from(idx).sort((x, y) => weight[y]! - weight[x]! || x - y);
      expect(Array.from(byWeightDescending(idx, weight)).every((x, i) => x === want[i])).toBe(true);
    }
  });

  it('kthSmallest agrees with a sort', () => {
    const r = rng(7);
    for (let t = 0; t < 50; t++) {
      const xs = Float64Array.from({ length: 1 + Math.floor(r() * 40) }, () => Math.floor(r() * 10));
      const sorted = Float64Array.from(xs).sort();
      const k = Math.floor(r() * xs.length);
      expect(kthSmallest(Float64Array.from(xs), k)).toBe(sorted[k]);
    }
  });
});

describe('template pairs', () => {
  it('keys distinct keys in first-seen order across growth, and merges later observations', () => {
    const t = new TemplatePairs();
    const keys = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? -1 : 1) * (i * 2 ** 31 + 12345));
    keys.forEach((k, i) => t.append(i % 7, k, 1, 1000 + i, 2000 + i, i));
    // the same keys again: same indices, no new ones
    keys.forEach((k, i) => expect(t.keyIndex(k)).toBe(i));
    expect(t.nKeys).toBe(keys.length);
    expect(Array.from(t.keys.subarray(0, 3))).toEqual(keys.slice(0, 3));
    t.merge(5, 2, 900, 2500, 3);
    expect([t.count[5], t.first[5], t.last[5], t.example[5]]).toEqual([3, 900, 2500, 3]);
    t.merge(5, 1, NaN, NaN, 9);
    expect([t.count[5], t.first[5], t.last[5], t.example[5]]).toEqual([4, 900, 2500, 3]);
  });
});
