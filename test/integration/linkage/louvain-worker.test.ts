// Community-detection tries split over two threads (dist/workers/linkage-louvain.cjs, present
// after the build that CI runs first; without it every try runs in this thread) pick exactly the
// partition of the one-thread search.
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { bestPartition } from '../../../electron/engine/linkage/communities';
import { twoThreadTries } from '../../../electron/engine/linkage/communities-async';
import { distPath } from '../../../electron/engine/paths';
import { seededRandom } from '../../../electron/engine/seeded-random';

it('two threads and one give the same partition (planted groups with noise)', () => {
  const r = seededRandom(5);
  const n = 3000;
  const groups = 30;
  const edges: { u: number; v: number; w: number }[] = [];
  const seen = new Set<number>();
  for (let k = 0; k < n * 8; k++) {
    const u = Math.floor(r() * n);
    const v = r() < 0.9 ? ((u % groups) + groups * Math.floor(r() * (n / groups))) % n : Math.floor(r() * n);
    if (u === v || seen.has(Math.min(u, v) * n + Math.max(u, v))) continue;
    seen.add(Math.min(u, v) * n + Math.max(u, v));
    edges.push({ u: Math.min(u, v), v: Math.max(u, v), w: 1 + Math.round(r() * 20) / 10 });
  }
  for (const tries of [3, 4]) {
    const one = bestPartition(n, edges, { seed: 42, tries });
    const two = bestPartition(n, edges, { seed: 42, tries, runner: twoThreadTries(0) });
    expect(two.seed).toBe(one.seed);
    expect(two.modularity).toBe(one.modularity);
    expect(Array.from(two.community)).toEqual(Array.from(one.community));
    expect(new Set(one.community).size).toBeGreaterThan(10);
  }
  if (!existsSync(distPath('workers', 'linkage-louvain.cjs'))) console.warn('built worker missing: compared the in-thread path only');
});
