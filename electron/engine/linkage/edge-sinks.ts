// Engine. Where a projection's rows put their edges (project.ts projectRows): columns reserved
// for an upper bound and filled forwards, the second thread's rows (visited backwards, from the
// last) kept apart and copied after them once (project-async.ts); or a buffer that grows when
// the bound cannot be reserved.
import type { Edges } from './project';
import { alloc, grown, releasableBuffer, releaseNow, roomFor } from './typed-arrays';

/** Where projectRows puts a row's edges (in order of b), row after row. */
export interface EdgeSink {
  /** rows are visited in descending order (the sink fills its space from the end) */
  readonly reverse: boolean;
  /** `sigs`: bits of the signals present in ps[base + signal] */
  push(a: number, b: number, w: number, h: number, ps: Float32Array, base: number, strong: number, sigs: number): void;
  endRow(): void;
}

/** Edge columns for `edges` edges and `sigs` signal entries (sigStart has edges + 1 entries). */
export interface EdgeColumns {
  a: Int32Array;
  b: Int32Array;
  w: Float64Array;
  h: Uint8Array;
  st: Uint8Array;
  sigStart: Int32Array;
  sigK: Uint8Array;
  sigW: Float32Array;
}

/** Reserved space beyond which projection grows its buffers instead (and the allocation may
 * fail earlier: then too). */
export const MAX_RESERVED_BYTES = 6 * 2 ** 30;

/**
 * Columns reserved for an upper bound of the edges: a zero-filled allocation that is never
 * written takes address space, not memory (the pages are mapped on first write), so the bound
 * costs nothing beyond the edges actually written. Null when it is too large to reserve.
 */
export function reserveEdgeColumns(edges: number, sigs: number, shared: boolean, limit = MAX_RESERVED_BYTES): EdgeColumns | null {
  if (edges * 22 + sigs * 5 > limit) return null;
  try {
    return {
      a: alloc(Int32Array, 4, edges, shared),
      b: alloc(Int32Array, 4, edges, shared),
      w: alloc(Float64Array, 8, edges, shared),
      h: alloc(Uint8Array, 1, edges, shared),
      st: alloc(Uint8Array, 1, edges, shared),
      sigStart: alloc(Int32Array, 4, edges + 1, shared),
      sigK: alloc(Uint8Array, 1, sigs, shared),
      sigW: alloc(Float32Array, 4, sigs, shared),
    };
  } catch {
    return null; // address space refused: grow as needed instead
  }
}

/** Edge e's signal entries from ps[base + signal] (signals in `sigs`) at sigK/sigW[m ..); the new end. */
function putSigs(sigK: Uint8Array, sigW: Float32Array, m: number, ps: Float32Array, base: number, sigs: number): number {
  for (let x = sigs; x !== 0; x &= x - 1) {
    const k = 31 - Math.clz32(x & -x);
    const v = ps[base + k]!;
    if (v === 0) continue;
    sigK[m] = k;
    sigW[m++] = v;
  }
  return m;
}

/** Writes edges forward into reserved columns from edge e0 and signal entry s0 (within bounds). */
export class ForwardWriter implements EdgeSink {
  readonly reverse = false;
  e: number;
  s: number;
  constructor(readonly c: EdgeColumns, e0: number, s0: number) {
    this.e = e0;
    this.s = s0;
    c.sigStart[e0] = s0;
  }
  push(a: number, b: number, w: number, h: number, ps: Float32Array, base: number, strong: number, sigs: number): void {
    const c = this.c;
    const e = this.e++;
    c.a[e] = a;
    c.b[e] = b;
    c.w[e] = w;
    c.h[e] = h;
    c.st[e] = strong;
    this.s = putSigs(c.sigK, c.sigW, this.s, ps, base, sigs);
    c.sigStart[e + 1] = this.s;
  }
  endRow(): void {}
}

/** n elements on a releasable buffer that can grow in place to `max` (typed-arrays.ts). */
function growable<T extends Int32Array | Float64Array | Uint8Array | Float32Array>(ctor: new (b: ArrayBuffer) => T, bytes: number, n: number, max: number): T {
  return new ctor(releasableBuffer(n * bytes, max * bytes));
}

/**
 * The rows of a thread that visits them in descending order (the second thread of a projection,
 * project-async.ts), kept as they come in columns of its own, then copied in ascending order
 * after another writer's edges (copyInto) and handed back at once (release). The columns grow in
 * place as rows arrive, on releasable buffers (typed-arrays.ts), up to the bounds given: written
 * backwards from the end of the shared columns and moved down at the end, these rows used to
 * leave their first place's pages resident and unused (about 200 MB at the reported scale) for
 * as long as the edges lived, and columns of their own would wait for a garbage collection.
 */
export class ReversedRows implements EdgeSink {
  readonly reverse = true;
  /** edges and signal entries held */
  n = 0;
  m = 0;
  private a: Int32Array;
  private b: Int32Array;
  private w: Float64Array;
  private h: Uint8Array;
  private st: Uint8Array;
  /** per edge: the start of its signal entries (in these columns) */
  private sig: Int32Array;
  private sigK: Uint8Array;
  private sigW: Float32Array;
  /** per row held, in the order they came: its first edge and first signal entry (rows + 1) */
  private rowEdge = new Int32Array(1 << 10);
  private rowSig = new Int32Array(1 << 10);
  private rows = 0;
  private row: EdgeBuffer;
  /** `room`: edges made room for at first (then grown in place; a signal entry room four times it) */
  constructor(
    nsig: number,
    private readonly maxEdges: number,
    private readonly maxSigs: number,
    room = 1 << 16,
  ) {
    const e = Math.min(maxEdges, room);
    const g = Math.min(maxSigs, 4 * room);
    this.a = growable(Int32Array, 4, e, maxEdges);
    this.b = growable(Int32Array, 4, e, maxEdges);
    this.w = growable(Float64Array, 8, e, maxEdges);
    this.h = growable(Uint8Array, 1, e, maxEdges);
    this.st = growable(Uint8Array, 1, e, maxEdges);
    this.sig = growable(Int32Array, 4, e, maxEdges);
    this.sigK = growable(Uint8Array, 1, g, maxSigs);
    this.sigW = growable(Float32Array, 4, g, maxSigs);
    this.row = new EdgeBuffer(nsig, 1 << 10);
  }
  push(a: number, b: number, w: number, h: number, ps: Float32Array, base: number, strong: number, sigs: number): void {
    this.row.push(a, b, w, h, ps, base, strong, sigs);
  }
  endRow(): void {
    const r = this.row;
    const k = r.n;
    if (k === 0) return;
    const e = this.n;
    const s = this.m;
    const me = this.maxEdges;
    this.a = roomFor(this.a, e + k, me);
    this.b = roomFor(this.b, e + k, me);
    this.w = roomFor(this.w, e + k, me);
    this.h = roomFor(this.h, e + k, me);
    this.st = roomFor(this.st, e + k, me);
    this.sig = roomFor(this.sig, e + k, me);
    this.sigK = roomFor(this.sigK, s + r.m, this.maxSigs);
    this.sigW = roomFor(this.sigW, s + r.m, this.maxSigs);
    this.a.set(r.a.subarray(0, k), e);
    this.b.set(r.b.subarray(0, k), e);
    this.w.set(r.w.subarray(0, k), e);
    this.h.set(r.h.subarray(0, k), e);
    this.st.set(r.st.subarray(0, k), e);
    for (let i = 0; i < k; i++) this.sig[e + i] = s + r.sigStart[i]!;
    this.sigK.set(r.sigK.subarray(0, r.m), s);
    this.sigW.set(r.sigW.subarray(0, r.m), s);
    if (this.rows + 2 > this.rowEdge.length) {
      this.rowEdge = grown(this.rowEdge, 2 * this.rowEdge.length);
      this.rowSig = grown(this.rowSig, 2 * this.rowSig.length);
    }
    this.rowEdge[this.rows] = e;
    this.rowSig[this.rows++] = s;
    this.n = e + k;
    this.m = s + r.m;
    this.rowEdge[this.rows] = this.n;
    this.rowSig[this.rows] = this.m;
    r.n = 0;
    r.m = 0;
  }
  /** Copies the rows, in ascending order, into `c` from edge e0 and signal entry s0 (sigStart
   * set for them and the end): those columns then hold n more edges and m more entries. */
  copyInto(c: EdgeColumns, e0: number, s0: number): void {
    let e = e0;
    let s = s0;
    for (let j = this.rows - 1; j >= 0; j--) {
      const f = this.rowEdge[j]!;
      const t = this.rowEdge[j + 1]!;
      const sf = this.rowSig[j]!;
      const shift = s - sf;
      c.a.set(this.a.subarray(f, t), e);
      c.b.set(this.b.subarray(f, t), e);
      c.w.set(this.w.subarray(f, t), e);
      c.h.set(this.h.subarray(f, t), e);
      c.st.set(this.st.subarray(f, t), e);
      for (let i = f; i < t; i++) c.sigStart[e + i - f] = this.sig[i]! + shift;
      const st = this.rowSig[j + 1]!;
      c.sigK.set(this.sigK.subarray(sf, st), s);
      c.sigW.set(this.sigW.subarray(sf, st), s);
      e += t - f;
      s += st - sf;
    }
    c.sigStart[e] = s;
  }
  /** Hands the columns' memory back now (nothing is held after). */
  release(): void {
    for (const x of [this.a, this.b, this.w, this.h, this.st, this.sig, this.sigK, this.sigW]) releaseNow(x.buffer);
    this.n = 0;
    this.m = 0;
    this.rows = 0;
  }
}

/** Edges [e0, e1) of reserved columns, signal entries [s0, s1), as views (sigStart rebased in place). */
export function columnEdges(c: EdgeColumns, e0: number, e1: number, s0: number, s1: number, projected: number): Edges {
  const sigStart = c.sigStart.subarray(e0, e1 + 1);
  if (s0 !== 0) for (let i = 0; i < sigStart.length; i++) sigStart[i]! -= s0;
  return {
    a: c.a.subarray(e0, e1),
    b: c.b.subarray(e0, e1),
    weight: c.w.subarray(e0, e1),
    hard: c.h.subarray(e0, e1),
    sigStart,
    sigK: c.sigK.subarray(s0, s1),
    sigW: c.sigW.subarray(s0, s1),
    strong: c.st.subarray(e0, e1),
    count: e1 - e0,
    projected,
  };
}

/** Growable edge arrays (the kept edges are not known before the rows are done). */
export class EdgeBuffer implements EdgeSink {
  readonly reverse = false;
  a: Int32Array;
  b: Int32Array;
  w: Float64Array;
  h: Uint8Array;
  st: Uint8Array;
  sigStart: Int32Array;
  sigK: Uint8Array;
  sigW: Float32Array;
  n = 0;
  m = 0;
  constructor(
    readonly nsig: number,
    size = 1 << 14,
  ) {
    this.a = new Int32Array(size);
    this.b = new Int32Array(size);
    this.w = new Float64Array(size);
    this.h = new Uint8Array(size);
    this.st = new Uint8Array(size);
    this.sigStart = new Int32Array(size + 1);
    this.sigK = new Uint8Array(size * 4);
    this.sigW = new Float32Array(size * 4);
  }
  endRow(): void {}
  /** `sigs`: bits of the signals present in ps[base + signal] */
  push(a: number, b: number, w: number, h: number, ps: Float32Array, base: number, strong: number, sigs: number): void {
    if (this.n + 1 >= this.a.length) this.grow();
    const e = this.n++;
    this.a[e] = a;
    this.b[e] = b;
    this.w[e] = w;
    this.h[e] = h;
    this.st[e] = strong;
    if (this.m + this.nsig > this.sigK.length) {
      this.sigK = grown(this.sigK, this.sigK.length * 2);
      this.sigW = grown(this.sigW, this.sigW.length * 2);
    }
    this.m = putSigs(this.sigK, this.sigW, this.m, ps, base, sigs);
    this.sigStart[e + 1] = this.m;
  }
  private grow(): void {
    const n = this.a.length * 2;
    this.a = grown(this.a, n);
    this.b = grown(this.b, n);
    this.w = grown(this.w, n);
    this.h = grown(this.h, n);
    this.st = grown(this.st, n);
    this.sigStart = grown(this.sigStart, n + 1);
  }
  edges(projected: number): Edges {
    const n = this.n;
    return {
      a: this.a.subarray(0, n),
      b: this.b.subarray(0, n),
      weight: this.w.subarray(0, n),
      hard: this.h.subarray(0, n),
      sigStart: this.sigStart.subarray(0, n + 1),
      sigK: this.sigK.subarray(0, this.m),
      sigW: this.sigW.subarray(0, this.m),
      strong: this.st.subarray(0, n),
      count: n,
      projected,
    };
  }
}
