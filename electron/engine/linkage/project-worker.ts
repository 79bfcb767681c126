// Engine, worker thread (workers/linkage-project). Projects rows [from, to) of a projection
// (project.ts projectRows) over the input the analysis thread shares, posts the edges on `port`
// (buffers transferred, not copied), then sets `flag` to 1 (2: failed) for the waiting thread.
import { type MessagePort, workerData } from 'node:worker_threads';
import { projectRows, type ProjectionInput } from './project';
import { rowsResult } from './project-async';

const d = workerData as { input: ProjectionInput; from: number; to: number; port: MessagePort; flag: SharedArrayBuffer };
const flag = new Int32Array(d.flag);
try {
  const r = rowsResult(projectRows(d.input, d.from, d.to));
  d.port.postMessage(r, [r.a, r.b, r.w, r.h, r.st, r.sigStart, r.sigK, r.sigW].map((x) => x.buffer as ArrayBuffer));
  Atomics.store(flag, 0, 1);
} catch {
  Atomics.store(flag, 0, 2);
}
Atomics.notify(flag, 0);
