// Engine, job worker. The seeded tries of community detection on two threads: they are independent
// (each its own seed), so on a large component one runs on a worker thread
// (workers/linkage-louvain) while this thread runs the others, over the same graph on shared
// memory; the best is then picked in seed order exactly as in one thread. analyze() stays
// synchronous (sync-worker.ts). Small graphs, a missing build or a failed worker: every try runs
// here, with the same result (tested).
import { builtWorker } from '../paths';
import { runTries, type TryInput, type TryRunner } from './communities';
import { startSyncWorker } from './sync-worker';

/** Strong edges below which every try runs in this thread. */
export const WORKER_MIN_EDGES = 200_000;

/** x on shared memory: itself when it is there already (the graph's arcs and the components'
 * edges are made there), else a copy; an array given twice (the CSR and the adjacency share
 * theirs) is copied once. */
function sharer(): <T extends Int32Array | Float64Array>(x: T) => T {
  const copies = new Map<Int32Array | Float64Array, Int32Array | Float64Array>();
  return <T extends Int32Array | Float64Array>(x: T): T => {
    if (x.buffer instanceof SharedArrayBuffer) return x;
    let y = copies.get(x) as T | undefined;
    if (!y) {
      y = new (x.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(x.byteLength));
      y.set(x as never);
      copies.set(x, y);
    }
    return y;
  };
}

export function twoThreadTries(minEdges = WORKER_MIN_EDGES): TryRunner {
  return (input0, seeds) => {
    const file = seeds.length >= 2 && input0.edges.count >= minEdges ? builtWorker('linkage-louvain') : null;
    if (!file) return runTries(input0, seeds);
    const { g, edges, adj } = input0;
    const shared = sharer();
    const input: TryInput = {
      n: input0.n,
      resolution: input0.resolution,
      g: { n: g.n, start: shared(g.start), adj: shared(g.adj), w: shared(g.w), self: shared(g.self) },
      edges: { u: shared(edges.u), v: shared(edges.v), w: shared(edges.w), count: edges.count },
      adj: { start: shared(adj.start), adj: shared(adj.adj), aw: shared(adj.aw), deg: shared(adj.deg), m2: adj.m2 },
    };
    // the worker takes every other seed from the second on: one of three, two of five
    const theirs = seeds.filter((_, t) => t % 2 === 1);
    const mine = seeds.filter((_, t) => t % 2 === 0);
    const worker = startSyncWorker(file, { input, seeds: theirs });
    if (!worker) return runTries(input0, seeds);
    const t0 = Date.now();
    const local = runTries(input, mine);
    const answer = worker.answer<ReturnType<TryRunner>>(Math.max(60_000, 4 * (Date.now() - t0)));
    const remote = answer ?? runTries(input, theirs);
    return seeds.map((_, t) => (t % 2 === 0 ? local[t / 2]! : remote[(t - 1) / 2]!));
  };
}
