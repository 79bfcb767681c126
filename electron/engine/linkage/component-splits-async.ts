// Engine, job worker. The community detection inside large components (clustering.ts
// splitComponent) on a worker thread (workers/linkage-split), while this thread does other work it
// is given (the analysis writes its values, and at a million exchanges its links). At the reported
// scale (the tries use two threads there) the worker is for a small heap: this thread holds the
// analysis's values and their texts (about 280 MB of JS objects), and every full garbage
// collection marks all of them; community detection allocates graph-sized arrays level after
// level, which made V8 collect about every second, half of the clustering phase. A worker's heap
// holds nearly nothing. analyze() stays synchronous (sync-worker.ts). Small components, a missing
// build or a failed worker: split here, with the same result (tested).
import type { AnalysisParameters } from '../../shared/contract/analysis';
import { builtWorker } from '../paths';
import { splitInThisThread, type ComponentSplitter } from './clustering';
import type { FlatEdges } from './modularity';
import { startSyncWorker } from './sync-worker';

/** Strong edges in large components below which they are split in this thread (a worker's start
 * costs a few tens of milliseconds; the other work meanwhile, hundreds at a million exchanges). */
export const SPLIT_WORKER_MIN_EDGES = 2000;

/** What the worker is given. */
export interface SplitTask {
  components: FlatEdges[];
  sizes: number[];
  p: AnalysisParameters;
}

export interface SplitOptions {
  /** strong edges in large components from which the worker is used (default SPLIT_WORKER_MIN_EDGES) */
  minEdges?: number;
  /** other work for this thread while the worker splits (without a worker, done first), given
   * the strong edges split and whether the worker splits them */
  meanwhile?: (edges: number, onWorker: boolean) => void;
}

export function splitOnWorker(o: SplitOptions = {}): ComponentSplitter {
  const minEdges = o.minEdges ?? SPLIT_WORKER_MIN_EDGES;
  const meanwhile = o.meanwhile ?? (() => {});
  return (components, sizes, p) => {
    let edges = 0;
    for (const c of components) edges += c.count;
    const file = edges >= minEdges ? builtWorker('linkage-split') : null;
    if (!file) {
      meanwhile(edges, false);
      return splitInThisThread(components, sizes, p);
    }
    // the edges are on shared memory (read, never written, by the worker), not transferred: if
    // the worker fails they are split here
    const task: SplitTask = { components, sizes, p };
    const worker = startSyncWorker(file, { task });
    meanwhile(edges, worker !== null);
    // generous: the tries alone take seconds per million edges on a loaded machine
    const parts = worker?.answer<Int32Array[]>(Math.max(120_000, edges / 10));
    return parts ?? splitInThisThread(components, sizes, p);
  };
}
