// Engine, worker thread (workers/linkage-split). Splits the large components it is given
// (clustering.ts splitComponent, see component-splits-async.ts), posts their parts on `port`
// (arrays transferred), then sets `flag` to 1 (2: failed) for the waiting thread.
import { type MessagePort, workerData } from 'node:worker_threads';
import { splitInThisThread } from './clustering';
import type { SplitTask } from './component-splits-async';

const d = workerData as { task: SplitTask; port: MessagePort; flag: SharedArrayBuffer };
const flag = new Int32Array(d.flag);
try {
  const { components, sizes, p } = d.task;
  const parts = splitInThisThread(components, sizes, p);
  d.port.postMessage(
    parts,
    parts.map((x) => x.buffer as ArrayBuffer),
  );
  Atomics.store(flag, 0, 1);
} catch {
  Atomics.store(flag, 0, 2);
}
Atomics.notify(flag, 0);
