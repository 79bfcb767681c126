// Engine, job worker. The stored links' selection (edge-selection.ts selectStoredEdges) on a
// worker thread (workers/linkage-select) while this thread scores the clusters. At the reported
// scale the links are written after the clustering (its tries take both cores), and the
// selection over ten million candidate edges took about 2 s of the persist phase with the other
// core idle, after 1.4 s of scoring with the other core idle too. The edges' columns are on
// shared memory there (the projection's two threads wrote them), so nothing large is copied.
// analyze() stays synchronous (sync-worker.ts). Small or unshared edges, a missing build or a
// failed worker: selected here when asked for, the same (tested).
import { builtWorker } from '../paths';
import { selectForTask, type SelectableEdges, type SelectionTask } from './edge-selection';
import { startSyncWorker } from './sync-worker';

/** Edges from which the worker is used (its start costs a few tens of milliseconds). */
export const SELECT_WORKER_MIN_EDGES = 500_000;

const onSharedMemory = (e: SelectableEdges) => [e.a, e.b, e.weight, e.strong].every((x) => x.buffer instanceof SharedArrayBuffer);

/** Starts the selection (`onWorker`: on the worker); `result()` waits for it (or selects here). */
export function startStoredEdgeSelection(t: SelectionTask, minEdges = SELECT_WORKER_MIN_EDGES): { onWorker: boolean; result(): Uint8Array } {
  const local = () => selectForTask(t);
  const file = t.edges.count >= minEdges && onSharedMemory(t.edges) ? builtWorker('linkage-select') : null;
  // only the columns the selection reads (the signal columns stay here)
  const edges: SelectableEdges = { a: t.edges.a, b: t.edges.b, weight: t.edges.weight, strong: t.edges.strong, count: t.edges.count };
  const worker = file ? startSyncWorker(file, { task: { ...t, edges } }) : null;
  if (!worker) return { onWorker: false, result: local };
  const t0 = Date.now();
  return {
    onWorker: true,
    // generous: seconds at the reported scale, on a loaded machine
    result: () => worker.answer<Uint8Array>(Math.max(120_000, 4 * (Date.now() - t0))) ?? local(),
  };
}
