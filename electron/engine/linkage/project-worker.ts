// Engine, worker thread (workers/linkage-project). Projects rows [from, to) of a projection
// (project.ts projectRows) over the input the analysis thread shares: into the shared edge
// columns it is given, backwards from their boundary (posting how much it wrote), or else into
// its own buffer (posted, buffers transferred, not copied); then sets `flag` to 1 (2: failed)
// for the waiting thread.
import { type MessagePort, workerData } from 'node:worker_threads';
import { BackwardWriter, EdgeBuffer } from './edge-sinks';
import { projectRows, type ProjectionInput } from './project';
import { bufferResult, type WorkerResult, type WorkerTask } from './project-async';

const d = workerData as { input: ProjectionInput; task: WorkerTask; port: MessagePort; flag: SharedArrayBuffer };
const flag = new Int32Array(d.flag);
try {
  const { from, to, cols, e1, s1 } = d.task;
  if (cols) {
    const w = new BackwardWriter(cols, e1, s1, d.input.nsig);
    const projected = projectRows(d.input, from, to, w);
    const r: WorkerResult = { n: e1 - w.e, m: s1 - w.s, projected, arrays: false };
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
