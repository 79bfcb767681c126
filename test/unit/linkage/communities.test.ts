// Community detection checked against published modularity optima (Aloise et al. 2010) on the
// reference graphs in /work/shared/data/graphs; modularity is computed independently of Louvain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestPartition, partitionTry, runTries } from '../../../electron/engine/linkage/communities';
import { seededRandom } from '../../../electron/engine/seeded-random';
import { modularity, type WEdge } from '../../../electron/engine/linkage/modularity';
import { componentCounts } from '../../../electron/engine/linkage/components';

const DIR = process.env.LINKWORK_GRAPHS ?? join(__dirname, '../../fixtures/graphs');

function load(file: string): { n: number; pairs: [number, number][] } {
  const pairs: [number, number][] = [];
  let n = 0;
  for (const l of readFileSync(join(DIR, file), 'utf8').split(/\r?\n/)) {
    const [a, b] = l.split(',').map((x) => Number(x.trim()));
    if (a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b) || l.trim() === '') continue; // header
    pairs.push([a, b]);
    n = Math.max(n, a + 1, b + 1);
  }
  return { n, pairs };
}

/** Undirected simple graph: no self-loops, no duplicate edges, weight 1. */
function simple(pairs: [number, number][]): WEdge[] {
  const seen = new Set<string>();
  const out: WEdge[] = [];
  for (const [a, b] of pairs) {
    if (a === b) continue;
    const k = a < b ? `${a},${b}` : `${b},${a}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ u: a, v: b, w: 1 });
  }
  return out;
}

const OPTIMA: [string, number, number, number][] = [
  ['karate.csv', 34, 78, 0.4198],
  ['dolphins.csv', 62, 159, 0.5285],
  ['lesmis.csv', 77, 254, 0.56],
  ['football.csv', 115, 613, 0.6046],
  ['polbooks.csv', 105, 441, 0.5272],
];

describe('community detection on reference graphs', () => {
  it('computes the published two-club modularity of karate independently', () => {
    const { n, pairs } = load('karate.csv');
    const edges = simple(pairs);
    // Zachary's observed split (0-based ids of Mr Hi's faction)
    const hi = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21]);
    const community = new Int32Array(n);
    for (let i = 0; i < n; i++) community[i] = hi.has(i) ? 0 : 1;
    expect(modularity(n, edges, community)).toBeCloseTo(0.3582, 3);
  });

  for (const [file, nodes, edgeCount, qmax] of OPTIMA) {
    it(`${file}: best of 5 seeds within 0.5% of Q_max ${qmax}, never above`, () => {
      const { n, pairs } = load(file);
      const edges = simple(pairs);
      expect(n).toBe(nodes);
      expect(edges.length).toBe(edgeCount);
      const best = bestPartition(n, edges, { seed: 1, tries: 5 });
      const q = modularity(n, edges, best.community);
      expect(q).toBeCloseTo(best.modularity, 9);
      expect(q).toBeGreaterThanOrEqual(qmax * 0.995);
      expect(q).toBeLessThanOrEqual(qmax + 5e-5);
      // reproducible: same seed, same partition
      expect(bestPartition(n, edges, { seed: 1, tries: 5 }).community).toEqual(best.community);
    });
  }

  it('email-eu-core: 20 weak and 203 strong components on the directed graph', () => {
    const { pairs } = load('email-eu-core.csv');
    expect(pairs.length).toBe(25571);
    const c = componentCounts(1005, pairs);
    expect(c.weak).toBe(20);
    expect(c.strong).toBe(203);
    expect(c.largestWeak).toBe(986);
    expect(c.largestStrong).toBe(803);
  });
});

describe('tries sharing their arc memory', () => {
  it('partition exactly as tries given fresh memory each, whatever earlier levels and tries left in it', () => {
    // a planted partition with weighted, repeated and self-loop edges: several Louvain levels,
    // each aggregation smaller than the one before, so reused memory holds stale longer arcs
    const rng = seededRandom(7);
    const n = 900;
    const edges: WEdge[] = [];
    for (let e = 0; e < 12_000; e++) {
      const u = Math.floor(rng() * n);
      const inside = rng() < 0.8;
      const v = inside ? (Math.floor(u / 30) * 30 + Math.floor(rng() * 30)) % n : Math.floor(rng() * n);
      edges.push({ u, v, w: 0.25 + Math.round(rng() * 16) / 4 });
    }
    let compared = 0;
    bestPartition(n, edges, {
      tries: 5,
      runner: (input, seeds) => {
        const shared = runTries(input, seeds);
        const fresh = seeds.map((seed) => partitionTry(input, seed));
        shared.forEach((r, t) => {
          expect(r.modularity).toBe(fresh[t]!.modularity);
          expect([...r.community]).toEqual([...fresh[t]!.community]);
          compared++;
        });
        return shared;
      },
    });
    expect(compared).toBe(5);
  });
});
