// Engine, worker thread (workers/linkage-project). Projects rows of a projection (project.ts
// projectRows) over the input the analysis thread shares: chunks claimed beside that thread, into
// their ranges of the shared edge columns (project-async.ts), or else rows [from, to) into its
// own buffer (posted, buffers transferred, not copied); then sets `flag` to 1 (2: failed) for the
// waiting thread.
import { type MessagePort, workerData } from 'node:worker_threads';
import { EdgeBuffer, projectRows, type ProjectionInput } from './project';
import { bufferResult, projectChunks, type WorkerResult, type WorkerTask } from './project-async';

const d = workerData as { input: ProjectionInput; task: WorkerTask; port: MessagePort; flag: SharedArrayBuffer };
const flag = new Int32Array(d.flag);
try {
  const { from, to, chunks } = d.task;
  if (chunks) {
    projectChunks(d.input, chunks);
    const r: WorkerResult = { n: 0, m: 0, projected: 0, arrays: false };
    d.port.postMessage(r);
  } else {
    const buf = new EdgeBuffer(d.input.nsig);
    const r = bufferResult(buf, projectRows(d.input, from, to, buf));
    const msg: WorkerResult = { ...r, arrays: true };
    d.port.postMessage(msg, [r.a, r.b, r.w, r.h, r.st, r.sigStart, r.sigK, r.sigW].map((x) => x.buffer as ArrayBuffer));
  }
  Atomics.store(flag, 0, 1);
} catch {
  Atomics.store(flag, 0, 2);
}
Atomics.notify(flag, 0);
