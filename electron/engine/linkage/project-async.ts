// Engine, job worker. Projection on two threads: the rows are independent, so the first rows
// (about half the estimated work) are projected on a worker thread (workers/linkage-project)
// while this thread projects the rest, over the same input on shared memory. Both write into one
// set of shared edge columns reserved for an upper bound of the edges: the worker backwards from
// the boundary, this thread forwards from it, so the edges end up contiguous and in order with no
// concatenation (a copy of every edge, the peak of the analysis's memory at the reported scale).
// analyze() stays synchronous: this thread waits on a shared flag and takes the worker's counts
// with receiveMessageOnPort. Without the built worker, for small inputs, or when the worker fails
// or stalls, every row is projected here: the edges are the same either way (tested).
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { builtWorker } from '../paths';
import { columnEdges, EdgeBuffer, ForwardWriter, MAX_RESERVED_BYTES, reserveEdgeColumns, type EdgeColumns } from './edge-sinks';
import { edgeBounds, projectAllRows, projectRows, rowWork, type Edges, type ProjectionInput, type RowSplitter } from './project';

/** Estimated work (rowWork) below which one thread projects everything: the input is built in
 * this thread either way, and at 1 million exchanges (about 12 million) a second thread cost more
 * CPU than it saved wall time on the shared 2-core machine. */
export const WORKER_MIN_WORK = 50_000_000;

/** What the worker posts back: its EdgeBuffer's arrays, trimmed. */
export interface RowsResult extends EdgeColumns {
  n: number;
  m: number;
  projected: number;
}

/** What the worker posts back: with shared columns, how much it wrote; else its EdgeBuffer's
 * arrays, trimmed. */
export type WorkerResult = { n: number; m: number; projected: number; arrays: false } | (RowsResult & { arrays: true });

/** What the worker is given besides the input: rows [from, to), and the shared columns it fills
 * backwards from (e1, s1) (none: into its own buffer, posted back). */
export interface WorkerTask {
  from: number;
  to: number;
  cols: EdgeColumns | null;
  e1: number;
  s1: number;
}

/** `reserveLimit`: bytes of shared columns reserved at most (past it, each thread grows its own
 * buffer and the two are concatenated). */
export function twoThreadRows(minWork = WORKER_MIN_WORK, reserveLimit = MAX_RESERVED_BYTES): RowSplitter {
  return (input) => {
    const n = input.accounts;
    const work = rowWork(input);
    let total = 0;
    for (let a = 0; a < n; a++) total += work[a]!;
    const file = total >= minWork ? builtWorker('linkage-project') : null;
    if (!file) return projectAllRows(input);
    let split = 0;
    for (let acc = 0; split < n && acc + work[split]! <= total / 2; split++) acc += work[split]!;
    const theirBound = edgeBounds(input, 0, split);
    const myBound = edgeBounds(input, split, n);
    const cols = reserveEdgeColumns(theirBound.edges + myBound.edges, theirBound.sigs + myBound.sigs, true, reserveLimit);
    const task: WorkerTask = { from: 0, to: split, cols, e1: theirBound.edges, s1: theirBound.sigs };
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    let worker: Worker;
    try {
      worker = new Worker(file, { workerData: { input, task, port: port2, flag: flag.buffer }, transferList: [port2] });
    } catch {
      port1.close();
      return projectAllRows(input);
    }
    worker.unref();
    const t0 = Date.now();
    let mine: RowsResult;
    let fw: ForwardWriter | null = null;
    let myProjected: number;
    if (cols) {
      fw = new ForwardWriter(cols, theirBound.edges, theirBound.sigs);
      myProjected = projectRows(input, split, n, fw);
      mine = { a: cols.a, b: cols.b, w: cols.w, h: cols.h, st: cols.st, sigStart: cols.sigStart, sigK: cols.sigK, sigW: cols.sigW, n: 0, m: 0, projected: myProjected };
    } else {
      const buf = new EdgeBuffer(input.nsig);
      myProjected = projectRows(input, split, n, buf);
      mine = bufferResult(buf, myProjected);
    }
    // the worker has about as much to do as this thread had; a worker that never reports
    // (failed to load, killed) costs this wait, then its rows are projected here
    const deadline = Date.now() + Math.max(30_000, 4 * (Date.now() - t0));
    while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) Atomics.wait(flag, 0, 0, 1000);
    const got = Atomics.load(flag, 0) === 1 ? receiveMessageOnPort(port1) : undefined;
    void worker.terminate();
    port1.close();
    const r = got?.message as WorkerResult | undefined;
    if (cols && fw && r && !r.arrays) {
      // the worker's edges end where this thread's begin: one run of columns, no copy
      return columnEdges(cols, theirBound.edges - r.n, fw.e, theirBound.sigs - r.m, fw.s, r.projected + myProjected);
    }
    if (cols && fw) {
      // the worker failed or stalled (it may still write into the shared columns): its rows
      // again here, into a buffer of their own, and this thread's edges copied out
      mine = {
        ...mine,
        a: cols.a.slice(theirBound.edges, fw.e),
        b: cols.b.slice(theirBound.edges, fw.e),
        w: cols.w.slice(theirBound.edges, fw.e),
        h: cols.h.slice(theirBound.edges, fw.e),
        st: cols.st.slice(theirBound.edges, fw.e),
        sigStart: cols.sigStart.slice(theirBound.edges, fw.e + 1).map((x) => x - theirBound.sigs),
        sigK: cols.sigK.slice(theirBound.sigs, fw.s),
        sigW: cols.sigW.slice(theirBound.sigs, fw.s),
        n: fw.e - theirBound.edges,
        m: fw.s - theirBound.sigs,
      };
    }
    const theirs = r && r.arrays ? r : rowsOnThisThread(input, 0, split);
    return concatEdges(theirs, mine);
  };
}

function rowsOnThisThread(input: ProjectionInput, from: number, to: number): RowsResult {
  const buf = new EdgeBuffer(input.nsig);
  const projected = projectRows(input, from, to, buf);
  return bufferResult(buf, projected);
}

/** The buffer's edge arrays as views (no copy: the worker transfers the buffers whole). */
export function bufferResult(x: EdgeBuffer, projected: number): RowsResult {
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
    projected,
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
