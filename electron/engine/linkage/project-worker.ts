// Engine, worker thread (workers/linkage-project). Projects rows of a projection (project.ts)
// over the input the analysis thread shares: with shared edge columns, the row ranges it claims
// from the front (project-async.ts RowClaims), written forwards from their start (posting where
// its edges end); else rows [from, to) into its own buffer (posted, buffers transferred, not
// copied). Then sets `flag` to 1 (2: failed) for the waiting thread.
import { type MessagePort, workerData } from 'node:worker_threads';
import { EdgeBuffer, ForwardWriter } from './edge-sinks';
import { projectClaimedRows, projectRows, type ProjectionInput } from './project';
import { bufferResult, RowClaims, type WorkerResult, type WorkerTask } from './project-async';

const d = workerData as { input: ProjectionInput; task: WorkerTask; port: MessagePort; flag: SharedArrayBuffer };
const flag = new Int32Array(d.flag);
try {
  const { from, to, cols, claims, chunk } = d.task;
  if (cols && claims) {
    const w = new ForwardWriter(cols, 0, 0);
    const projected = projectClaimedRows(d.input, new RowClaims(claims, chunk).front, w);
    const r: WorkerResult = { n: w.e, m: w.s, projected, arrays: false };
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
