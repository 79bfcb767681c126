// Engine, worker thread (workers/linkage-split). Splits the large components it is given
// (clustering.ts splitComponent, see component-splits-async.ts) and answers with their parts
// (arrays transferred); see sync-worker.ts.
import { splitInThisThread } from './clustering';
import type { SplitTask } from './component-splits-async';
import { answerSync } from './sync-worker';

answerSync((d: { task: SplitTask }) => {
  const { components, sizes, p } = d.task;
  const parts = splitInThisThread(components, sizes, p);
  return { answer: parts, transfer: parts.map((x) => x.buffer as ArrayBuffer) };
});
