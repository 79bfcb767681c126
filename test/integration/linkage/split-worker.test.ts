// Large components split on a worker thread (dist/workers/linkage-split.cjs, present after the
// build that CI runs first; without it they are split in this thread) get exactly the parts of
// the in-thread split, component by component, and the clusters built on them are the same.
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { resolveParameters } from '../../../electron/engine/linkage/analyze';
import { splitInThisThread } from '../../../electron/engine/linkage/clustering';
import { splitOnWorker } from '../../../electron/engine/linkage/component-splits-async';
import type { FlatEdges } from '../../../electron/engine/linkage/modularity';
import { distPath } from '../../../electron/engine/paths';
import { seededRandom } from '../../../electron/engine/seeded-random';

/** A component of n nodes in planted groups of `size`, a few links across, weights 1..3. */
function component(seed: number, n: number, size: number): FlatEdges {
  const r = seededRandom(seed);
  const u: number[] = [];
  const v: number[] = [];
  const w: number[] = [];
  for (let k = 0; k < n * 6; k++) {
    const a = Math.floor(r() * n);
    const b = r() < 0.93 ? Math.floor(a / size) * size + Math.floor(r() * size) : Math.floor(r() * n);
    if (a === b || b >= n) continue;
    u.push(Math.min(a, b));
    v.push(Math.max(a, b));
    w.push(1 + Math.round(r() * 20) / 10);
  }
  return { u: Int32Array.from(u), v: Int32Array.from(v), w: Float64Array.from(w), count: u.length };
}

it('splits large components on a worker exactly as in this thread', () => {
  const p = resolveParameters({});
  const sizes = [2400, 900, 40];
  const make = () => [component(1, 2400, 60), component(2, 900, 300), component(3, 40, 8)];
  const here = splitInThisThread(make(), sizes, p);
  const given = make();
  let calls = 0;
  const told: [number, boolean][] = [];
  const edges = given.reduce((s, c) => s + c.count, 0);
  const built = existsSync(distPath('workers', 'linkage-split.cjs'));
  const there = splitOnWorker({
    minEdges: 0,
    meanwhile: (e, onWorker) => {
      calls++;
      told.push([e, onWorker]);
    },
  })(given, sizes, p);
  expect(calls).toBe(1); // the other work of this thread, exactly once
  // told how many edges are split, and whether on the worker (analyze writes the links meanwhile then)
  expect(told).toEqual([[edges, built]]);
  expect(there).toHaveLength(3);
  there.forEach((parts, i) => expect(Array.from(parts)).toEqual(Array.from(here[i]!)));
  // the planted groups come out as several parts
  expect(new Set(here[0]).size).toBeGreaterThan(3);
  // above the threshold's edge count nothing leaves this thread, with the same parts
  const below = splitOnWorker({ minEdges: Number.MAX_SAFE_INTEGER, meanwhile: () => calls++ })(make(), sizes, p);
  expect(calls).toBe(2);
  below.forEach((parts, i) => expect(Array.from(parts)).toEqual(Array.from(here[i]!)));
  if (!built) console.warn('built worker missing: compared the in-thread path only');
});
