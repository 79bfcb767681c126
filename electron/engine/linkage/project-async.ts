// Engine, job worker. Projection on two threads: the rows are independent, so the first rows
// (about half the estimated work) are projected on a worker thread (workers/linkage-project)
// while this thread projects the rest, over the same input on shared memory. analyze() stays
// synchronous: this thread waits on a shared flag and takes the worker's edges with
// receiveMessageOnPort. Without the built worker, for small inputs, or when the worker fails or
// stalls, every row is projected here: the edges are the same either way (tested).
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { builtWorker } from '../paths';
import { edgesOf, projectRows, rowWork, type Edges, type ProjectionInput, type RowSplitter } from './project';

/** Estimated work (rowWork) below which one thread projects everything: the input is built in
 * this thread either way, and at 1 million exchanges (about 12 million) a second thread cost more
 * CPU than it saved wall time on the shared 2-core machine. */
export const WORKER_MIN_WORK = 50_000_000;

/** What the worker posts back: its EdgeBuffer's arrays, trimmed. */
export interface RowsResult {
  a: Int32Array;
  b: Int32Array;
  w: Float64Array;
  h: Uint8Array;
  st: Uint8Array;
  sigStart: Int32Array;
  sigK: Uint8Array;
  sigW: Float32Array;
  n: number;
  m: number;
  projected: number;
}

export function twoThreadRows(minWork = WORKER_MIN_WORK): RowSplitter {
  return (input) => {
    const n = input.accounts;
    const work = rowWork(input);
    let total = 0;
    for (let a = 0; a < n; a++) total += work[a]!;
    const file = total >= minWork ? builtWorker('linkage-project') : null;
    if (!file) return edgesOf(projectRows(input, 0, n));
    let split = 0;
    for (let acc = 0; split < n && acc + work[split]! <= total / 2; split++) acc += work[split]!;
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    let worker: Worker;
    try {
      worker = new Worker(file, { workerData: { input, from: 0, to: split, port: port2, flag: flag.buffer }, transferList: [port2] });
    } catch {
      port1.close();
      return edgesOf(projectRows(input, 0, n));
    }
    worker.unref();
    const t0 = Date.now();
    const mine = projectRows(input, split, n);
    // the worker has about as much to do as this thread had; a worker that never reports
    // (failed to load, killed) costs this wait, then its rows are projected here
    const deadline = Date.now() + Math.max(30_000, 4 * (Date.now() - t0));
    while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) Atomics.wait(flag, 0, 0, 1000);
    const got = Atomics.load(flag, 0) === 1 ? receiveMessageOnPort(port1) : undefined;
    void worker.terminate();
    port1.close();
    const theirs = got ? (got.message as RowsResult) : rowsResult(projectRows(input, 0, split));
    const m = mine.buffer;
    return concatEdges(theirs, { a: m.a, b: m.b, w: m.w, h: m.h, st: m.st, sigStart: m.sigStart, sigK: m.sigK, sigW: m.sigW, n: m.n, m: m.m, projected: mine.projected });
  };
}

/** The rows' edge arrays as views of the buffer's (no copy: the worker transfers the buffers whole). */
export function rowsResult(r: ReturnType<typeof projectRows>): RowsResult {
  const x = r.buffer;
  return {
    a: x.a.subarray(0, x.n),
    b: x.b.subarray(0, x.n),
    w: x.w.subarray(0, x.n),
    h: x.h.subarray(0, x.n),
    st: x.st.subarray(0, x.n),
    sigStart: x.sigStart.subarray(0, x.n + 1),
    sigK: x.sigK.subarray(0, x.m),
    sigW: x.sigW.subarray(0, x.m),
    n: x.n,
    m: x.m,
    projected: r.projected,
  };
}

/** The edges of rows [0, split) then those of [split, n): still in (a, b) order. */
function concatEdges(x: RowsResult, y: RowsResult): Edges {
  const n = x.n + y.n;
  const m = x.m + y.m;
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const weight = new Float64Array(n);
  const hard = new Uint8Array(n);
  const strong = new Uint8Array(n);
  const sigStart = new Int32Array(n + 1);
  const sigK = new Uint8Array(m);
  const sigW = new Float32Array(m);
  a.set(x.a.subarray(0, x.n));
  a.set(y.a.subarray(0, y.n), x.n);
  b.set(x.b.subarray(0, x.n));
  b.set(y.b.subarray(0, y.n), x.n);
  weight.set(x.w.subarray(0, x.n));
  weight.set(y.w.subarray(0, y.n), x.n);
  hard.set(x.h.subarray(0, x.n));
  hard.set(y.h.subarray(0, y.n), x.n);
  strong.set(x.st.subarray(0, x.n));
  strong.set(y.st.subarray(0, y.n), x.n);
  sigStart.set(x.sigStart.subarray(0, x.n + 1));
  for (let e = 1; e <= y.n; e++) sigStart[x.n + e] = y.sigStart[e]! + x.m;
  sigK.set(x.sigK.subarray(0, x.m));
  sigK.set(y.sigK.subarray(0, y.m), x.m);
  sigW.set(x.sigW.subarray(0, x.m));
  sigW.set(y.sigW.subarray(0, y.m), x.m);
  return { a, b, weight, hard, sigStart, sigK, sigW, strong, count: n, projected: x.projected + y.projected };
}

export type { ProjectionInput };
