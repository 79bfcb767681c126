// Engine, job worker. The community detection inside large components (clustering.ts
// splitComponent) on a worker thread (workers/linkage-split), while this thread waits. Not for
// more parallelism (the tries already use two threads): for a small heap. This thread holds the
// analysis's values and their texts (about 280 MB of JS objects at the reported scale), and every
// full garbage collection marks all of them; community detection allocates graph-sized arrays
// level after level, which made V8 collect about every second, half of the clustering phase. A
// worker's heap holds nearly nothing. analyze() stays synchronous: a shared flag, then
// receiveMessageOnPort. Small components, a missing build or a failed worker: split here, with
// the same result (tested).
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { AnalysisParameters } from '../../shared/contract/analysis';
import { builtWorker } from '../paths';
import { splitInThisThread, type ComponentSplitter } from './clustering';
import type { FlatEdges } from './modularity';

/** Strong edges in large components below which they are split in this thread. */
export const SPLIT_WORKER_MIN_EDGES = 200_000;

/** What the worker is given. */
export interface SplitTask {
  components: FlatEdges[];
  sizes: number[];
  p: AnalysisParameters;
}

export function splitOnWorker(minEdges = SPLIT_WORKER_MIN_EDGES): ComponentSplitter {
  return (components, sizes, p) => {
    let edges = 0;
    for (const c of components) edges += c.count;
    const file = edges >= minEdges ? builtWorker('linkage-split') : null;
    if (!file) return splitInThisThread(components, sizes, p);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    // the edges are copied, not transferred: if the worker fails they are split here
    const task: SplitTask = { components, sizes, p };
    let worker: Worker;
    try {
      worker = new Worker(file, { workerData: { task, port: port2, flag: flag.buffer }, transferList: [port2] });
    } catch {
      port1.close();
      return splitInThisThread(components, sizes, p);
    }
    worker.unref();
    // generous: the tries alone take seconds per million edges on a loaded machine
    const deadline = Date.now() + Math.max(120_000, edges / 10);
    while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) Atomics.wait(flag, 0, 0, 1000);
    const got = Atomics.load(flag, 0) === 1 ? receiveMessageOnPort(port1) : undefined;
    void worker.terminate();
    port1.close();
    return got ? (got.message as Int32Array[]) : splitInThisThread(components, sizes, p);
  };
}
