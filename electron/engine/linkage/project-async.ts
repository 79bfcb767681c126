// Engine, job worker. Projection on two threads: the rows are independent, so a worker thread
// (workers/linkage-project) and this thread share them over the same input on shared memory,
// claiming ranges of rows from both ends: the worker from the first row on, writing its edges
// forwards from the start of one set of shared edge columns reserved for an upper bound, this
// thread from the last row down, keeping its rows apart (edge-sinks.ts ReversedRows). When they
// are done, this thread's rows are copied right after the worker's and their memory handed back:
// the edges are contiguous and in order in the shared columns, whose pages in use are theirs.
// Why claims and not a split fixed in advance: no estimate of a row's cost held. At the reported
// scale the one used put 70% of the work on the worker, and this thread waited 14 s for it.
// Why from both ends and not one shared counter: the costliest rows (a campaign's, holding
// hundreds of proxy hubs each) lie together, and two threads reading them at once were slower
// than one (memory-bound); from both ends they meet only once.
// analyze() stays synchronous: this thread waits for the worker's counts (sync-worker.ts).
// Without the built worker, for small inputs, or when the worker fails or stalls, every row is
// projected here: the edges are the same either way (tested).
import { builtWorker } from '../paths';
import { columnEdges, EdgeBuffer, MAX_RESERVED_BYTES, reserveEdgeColumns, ReversedRows, type EdgeColumns } from './edge-sinks';
import { startSyncWorker } from './sync-worker';
import { edgeBounds, projectAllRows, projectClaimedRows, projectRows, rowWork, type Edges, type RowClaim, type RowSplitter } from './project';
import type { ProjectionInput } from './project-input';

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

/** What the worker posts back: with shared columns, where its edges and signal entries end;
 * else its EdgeBuffer's arrays, trimmed. */
export type WorkerResult = { n: number; m: number; projected: number; arrays: false } | (RowsResult & { arrays: true });

/**
 * What the worker is given besides the input. With shared columns: the claims it shares with
 * this thread (takes ranges from the front, writes forwards from the start). Without: rows
 * [from, to) into its own buffer, posted back.
 */
export interface WorkerTask {
  from: number;
  to: number;
  cols: EdgeColumns | null;
  claims: SharedArrayBuffer | null;
  chunk: number;
}

/**
 * Row ranges claimed from both ends of [0, n) by two threads: [front, back) is what is left
 * (Int32Array on shared memory: front, back, lock). A claim is a few instructions under a spin
 * lock, a few thousand times per projection.
 */
export class RowClaims {
  readonly c: Int32Array;
  constructor(
    buffer: SharedArrayBuffer,
    readonly chunk: number,
  ) {
    this.c = new Int32Array(buffer);
  }

  static create(n: number): SharedArrayBuffer {
    const c = new Int32Array(new SharedArrayBuffer(12));
    c[1] = n;
    return c.buffer as SharedArrayBuffer;
  }

  private take(fromFront: boolean, range: Int32Array): boolean {
    const c = this.c;
    while (Atomics.compareExchange(c, 2, 0, 1) !== 0);
    const f = c[0]!;
    const b = c[1]!;
    const ok = f < b;
    if (ok && fromFront) {
      range[0] = f;
      range[1] = Math.min(b, f + this.chunk);
      c[0] = range[1];
    } else if (ok) {
      range[0] = Math.max(f, b - this.chunk);
      range[1] = b;
      c[1] = range[0];
    }
    Atomics.store(c, 2, 0);
    return ok;
  }

  readonly front: RowClaim = (range) => this.take(true, range);
  readonly back: RowClaim = (range) => this.take(false, range);
}

/** Rows per claim: a few thousand claims in all, at least 16 rows each. */
export const claimRows = (n: number) => Math.max(16, Math.ceil(n / 4096));

/** Estimated work from which the worker projects while this thread does `meanwhile` (the
 * analysis writes its values): about 12 million at 1 million exchanges. */
export const WORKER_MIN_WORK_MEANWHILE = 1_000_000;

export interface TwoThreadOptions {
  /** estimated work (rowWork) from which the worker is used (default WORKER_MIN_WORK, or
   * WORKER_MIN_WORK_MEANWHILE with `meanwhile`) */
  minWork?: number;
  /** bytes of shared columns reserved at most (past it, each thread grows its own buffer over
   * half the rows by estimate, and the two are concatenated) */
  reserveLimit?: number;
  /** rows per claim */
  chunk?: number;
  /** other work for this thread, done once the worker has started and before this thread claims
   * rows: the claims balance the rest (without a worker, done before every row here) */
  meanwhile?: () => void;
}

export function twoThreadRows(o: TwoThreadOptions = {}): RowSplitter {
  const reserveLimit = o.reserveLimit ?? MAX_RESERVED_BYTES;
  const minWork = o.minWork ?? (o.meanwhile ? WORKER_MIN_WORK_MEANWHILE : WORKER_MIN_WORK);
  const meanwhile = o.meanwhile ?? (() => {});
  return (input) => {
    const n = input.accounts;
    const work = rowWork(input);
    let total = 0;
    for (let a = 0; a < n; a++) total += work[a]!;
    const file = total >= minWork ? builtWorker('linkage-project') : null;
    if (!file) {
      meanwhile();
      return projectAllRows(input);
    }
    const bound = edgeBounds(input, 0, n);
    const cols = reserveEdgeColumns(bound.edges, bound.sigs, true, reserveLimit);
    let split = 0;
    if (!cols) for (let acc = 0; split < n && acc + work[split]! <= total / 2; split++) acc += work[split]!;
    const rows = o.chunk ?? claimRows(n);
    const claims = cols ? RowClaims.create(n) : null;
    const task: WorkerTask = { from: 0, to: split, cols, claims, chunk: rows };
    const worker = startSyncWorker(file, { input, task });
    meanwhile();
    if (!worker) return projectAllRows(input);
    const t0 = Date.now();
    let back: ReversedRows | null = null;
    let mine: RowsResult | null = null;
    let myProjected: number;
    if (cols && claims) {
      back = new ReversedRows(input.nsig, bound.edges, bound.sigs);
      myProjected = projectClaimedRows(input, new RowClaims(claims, rows).back, back);
    } else {
      const buf = new EdgeBuffer(input.nsig);
      myProjected = projectRows(input, split, n, buf);
      mine = bufferResult(buf, myProjected);
    }
    // the worker finishes about when this thread does (or has as much to do as this thread had);
    // a worker that never reports (failed to load, killed) costs this wait
    const r = worker.answer<WorkerResult>(Math.max(30_000, 4 * (Date.now() - t0)));
    if (cols && back) {
      if (r && !r.arrays) {
        // this thread's rows right after the worker's: one run of edges in order
        back.copyInto(cols, r.n, r.m);
        const edges = columnEdges(cols, 0, r.n + back.n, 0, r.m + back.m, r.projected + myProjected);
        back.release();
        return edges;
      }
      back.release();
      // the worker failed or stalled: rows it claimed may be unfinished (and it may still write
      // into the shared columns), so every row again here
      return projectAllRows(input);
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
