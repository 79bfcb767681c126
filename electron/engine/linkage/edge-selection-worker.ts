// Engine, worker thread (workers/linkage-select). Selects the stored links (edge-selection.ts
// selectStoredEdges) from edges on shared memory and answers their flags (transferred); see
// edge-selection-async.ts and sync-worker.ts.
import { selectForTask, type SelectionTask } from './edge-selection';
import { answerSync } from './sync-worker';

answerSync((d: { task: SelectionTask }) => {
  const store = selectForTask(d.task);
  return { answer: store, transfer: [store.buffer as ArrayBuffer] };
});
