// The stored links selected on a worker thread (dist/workers/linkage-select.cjs, present after the
// build that CI runs first) are exactly those selected in this thread: analyze() selects them there
// at the reported scale while it scores the clusters. Edges not on shared memory, or fewer than
// the threshold, are selected here, the same.
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { selectForTask, type SelectionTask } from '../../../electron/engine/linkage/edge-selection';
import { startStoredEdgeSelection } from '../../../electron/engine/linkage/edge-selection-async';
import { distPath } from '../../../electron/engine/paths';
import { seededRandom } from '../../../electron/engine/seeded-random';
import { randomEdges } from '../../unit/linkage/random-edges';

/** m random edges among n accounts (randomEdges: many ties), on shared memory with `shared`,
 * the accounts with a strong edge kept, five links each and the near-strong ones from 1.25. */
function task(seed: number, n: number, m: number, shared: boolean): SelectionTask {
  const edges = randomEdges(seededRandom(seed), n, m, shared);
  const kept = new Uint8Array(n);
  for (let e = 0; e < m; e++) if (edges.strong[e]) kept[edges.a[e]!] = kept[edges.b[e]!] = 1;
  return { n, edges, kept, perAccount: 5, alsoFrom: 1.25 };
}

it('selects the stored links on a worker exactly as in this thread', () => {
  const built = existsSync(distPath('workers', 'linkage-select.cjs'));
  const t = task(7, 3000, 60_000, true);
  const here = selectForTask(t);
  const started = startStoredEdgeSelection(t, 0);
  expect(started.onWorker).toBe(built);
  const there = started.result();
  expect(there).toHaveLength(t.edges.count);
  expect(Buffer.from(there).equals(Buffer.from(here))).toBe(true);
  // a real selection: some of the edges, not all, and every strong edge's ends keep links
  const stored = here.reduce((s, x) => s + x, 0);
  expect(stored).toBeGreaterThan(t.n);
  expect(stored).toBeLessThan(t.edges.count);
  if (!built) console.warn('built worker missing: compared the in-thread path only');
});

it('selects here, the same, below the threshold or when the edges are not on shared memory', () => {
  const shared = task(8, 500, 5000, true);
  const small = startStoredEdgeSelection(shared);
  expect(small.onWorker).toBe(false);
  expect(Buffer.from(small.result()).equals(Buffer.from(selectForTask(shared)))).toBe(true);
  const unshared = task(8, 500, 5000, false);
  const local = startStoredEdgeSelection(unshared, 0);
  expect(local.onWorker).toBe(false);
  expect(Buffer.from(local.result()).equals(Buffer.from(selectForTask(shared)))).toBe(true);
});
