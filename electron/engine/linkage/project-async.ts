// Engine, job worker. Projection on two threads: the rows are independent, so they are cut into
// chunks of about equal estimated work that this thread and a worker thread
// (workers/linkage-project) claim one at a time from a shared counter, over the same input on
// shared memory. Claiming balances the threads whatever the estimate misses: a fixed half by
// estimate left the worker 32 s of rows against 12 s here at the reported scale (campaign
// accounts' hub intersections cost more than rowWork says). Each chunk writes into its own range
// of one set of shared edge columns reserved for the chunks' upper bounds; the ranges are then
// moved together in place, so the edges end up contiguous and in order with no concatenation (a
// copy of every edge, the peak of the analysis's memory at the reported scale).
// analyze() stays synchronous: this thread waits on a shared flag. Without the built worker, for
// small inputs, or when the worker fails or stalls, every row is projected here: the edges are
// the same either way (tested).
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { builtWorker } from '../paths';
import { columnEdges, EdgeBuffer, MAX_RESERVED_BYTES, edgeBounds, ForwardWriter, projectAllRows, projectRows, reserveEdgeColumns, rowScratch, rowWork, type EdgeColumns, type Edges, type ProjectionInput, type RowSplitter } from './project';

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

/** What the worker is given besides the input: either chunks to claim (`chunks`), or rows
 * [from, to) projected into its own buffer, posted back (when no shared columns were reserved). */
export interface WorkerTask {
  from: number;
  to: number;
  chunks: SharedChunks | null;
}

/** Chunks of rows two threads claim one at a time, each written into its own range of `cols`. */
export interface SharedChunks {
  cols: EdgeColumns;
  /** chunk c is rows [rowStart[c], rowStart[c + 1]) */
  rowStart: Int32Array;
  /** its range of edges and of signal entries starts at edgeStart[c], sigStart[c] */
  edgeStart: Float64Array;
  sigStart: Float64Array;
  /** shared: [0] the next chunk to claim */
  next: Int32Array;
  /** shared, per chunk once done: edges written, signal entries written, pairs projected */
  edges: Int32Array;
  sigs: Int32Array;
  projected: Float64Array;
}

/** Chunks per projection: enough that the last one claimed is a small part of the whole. */
const CHUNKS = 64;

/** Claims and projects chunks until none is left (on both threads). */
export function projectChunks(input: ProjectionInput, ch: SharedChunks): void {
  const k = ch.rowStart.length - 1;
  const scratch = rowScratch(input);
  for (;;) {
    const c = Atomics.add(ch.next, 0, 1);
    if (c >= k) return;
    const w = new ForwardWriter(ch.cols, ch.edgeStart[c]!, ch.sigStart[c]!);
    ch.projected[c] = projectRows(input, ch.rowStart[c]!, ch.rowStart[c + 1]!, w, scratch);
    ch.edges[c] = w.e - ch.edgeStart[c]!;
    ch.sigs[c] = w.s - ch.sigStart[c]!;
  }
}

/** Rows cut into `k` chunks of about equal estimated work, with the edge and signal ranges of
 * their bounds, on shared memory. */
export function chunkRows(input: ProjectionInput, work: Float64Array, total: number, k: number, reserveLimit: number): SharedChunks | null {
  const n = input.accounts;
  const rows: number[] = [0];
  let acc = 0;
  for (let a = 0; a < n; a++) {
    acc += work[a]!;
    if (acc >= (total * rows.length) / k && rows.length < k && a + 1 < n) rows.push(a + 1);
  }
  rows.push(n);
  const m = rows.length - 1;
  const sab = <T>(make: new (b: SharedArrayBuffer) => T, bytes: number): T => new make(new SharedArrayBuffer(bytes));
  const rowStart = sab(Int32Array, 4 * (m + 1));
  rowStart.set(rows);
  const edgeStart = sab(Float64Array, 8 * (m + 1));
  const sigStart = sab(Float64Array, 8 * (m + 1));
  for (let c = 0; c < m; c++) {
    const b = edgeBounds(input, rows[c]!, rows[c + 1]!);
    // one edge more than the bound: a full range's closing signal offset must not land on the
    // next range's opening one, which the other thread may have written
    edgeStart[c + 1] = edgeStart[c]! + b.edges + 1;
    sigStart[c + 1] = sigStart[c]! + b.sigs;
  }
  const cols = reserveEdgeColumns(edgeStart[m]!, sigStart[m]!, true, reserveLimit);
  if (!cols) return null;
  return { cols, rowStart, edgeStart, sigStart, next: sab(Int32Array, 4), edges: sab(Int32Array, 4 * m), sigs: sab(Int32Array, 4 * m), projected: sab(Float64Array, 8 * m) };
}

/** The chunks' ranges moved together in place, in chunk order: one run of columns. */
export function joinChunks(ch: SharedChunks): Edges {
  const { cols } = ch;
  let e = 0;
  let s = 0;
  let projected = 0;
  for (let c = 0; c < ch.edges.length; c++) {
    const e0 = ch.edgeStart[c]!;
    const s0 = ch.sigStart[c]!;
    const ne = ch.edges[c]!;
    const ns = ch.sigs[c]!;
    projected += ch.projected[c]!;
    if (e0 !== e) {
      cols.a.copyWithin(e, e0, e0 + ne);
      cols.b.copyWithin(e, e0, e0 + ne);
      cols.w.copyWithin(e, e0, e0 + ne);
      cols.h.copyWithin(e, e0, e0 + ne);
      cols.st.copyWithin(e, e0, e0 + ne);
    }
    // each range's signal offsets, rebased where its entries now start (ascending: the reads
    // stay at or ahead of the writes)
    for (let i = 0; i <= ne; i++) cols.sigStart[e + i] = cols.sigStart[e0 + i]! - s0 + s;
    if (s0 !== s) {
      cols.sigK.copyWithin(s, s0, s0 + ns);
      cols.sigW.copyWithin(s, s0, s0 + ns);
    }
    e += ne;
    s += ns;
  }
  return columnEdges(cols, 0, e, 0, s, projected);
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
    const chunks = chunkRows(input, work, total, CHUNKS, reserveLimit);
    // without reserved columns: the first half by estimate there, the rest here, each into a
    // buffer of its own, concatenated
    let split = 0;
    if (!chunks) for (let acc = 0; split < n && acc + work[split]! <= total / 2; split++) acc += work[split]!;
    const task: WorkerTask = { from: 0, to: split, chunks };
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
    let mine: RowsResult | null = null;
    if (chunks) projectChunks(input, chunks);
    else {
      const buf = new EdgeBuffer(input.nsig);
      mine = bufferResult(buf, projectRows(input, split, n, buf));
    }
    // the worker ends its last chunk about when this thread ends its own; a worker that never
    // reports (failed to load, killed) costs this wait, then its rows are projected here
    const deadline = Date.now() + Math.max(30_000, 4 * (Date.now() - t0));
    while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) Atomics.wait(flag, 0, 0, 1000);
    const got = Atomics.load(flag, 0) === 1 ? receiveMessageOnPort(port1) : undefined;
    void worker.terminate();
    port1.close();
    const r = got?.message as WorkerResult | undefined;
    if (chunks) {
      // the worker failed or stalled (it may still write into the shared columns): every row
      // again here, into columns of their own
      return r ? joinChunks(chunks) : projectAllRows(input);
    }
    const theirs = r && r.arrays ? r : rowsOnThisThread(input, 0, split);
    return concatEdges(theirs, mine!);
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
