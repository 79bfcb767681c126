// Engine. Where a projection's rows put their edges (project.ts projectRows): columns reserved
// for an upper bound and filled forwards, or backwards by the second thread (project-async.ts),
// so no edge is copied; or a buffer that grows when the bound cannot be reserved.
import type { Edges } from './project';
import { alloc, grown } from './typed-arrays';

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

/**
 * Writes rows (visited in descending order) backwards into reserved columns, ending at edge e1
 * and signal entry s1: the edges end up in (a, b) order in [e, e1), right before those a
 * ForwardWriter from (e1, s1) writes, so two threads fill one set of columns without a copy.
 */
export class BackwardWriter implements EdgeSink {
  readonly reverse = true;
  e: number;
  s: number;
  private row: EdgeBuffer;
  constructor(readonly c: EdgeColumns, e1: number, s1: number, nsig: number) {
    this.e = e1;
    this.s = s1;
    c.sigStart[e1] = s1;
    this.row = new EdgeBuffer(nsig, 1 << 10);
  }
  push(a: number, b: number, w: number, h: number, ps: Float32Array, base: number, strong: number, sigs: number): void {
    this.row.push(a, b, w, h, ps, base, strong, sigs);
  }
  endRow(): void {
    const r = this.row;
    const k = r.n;
    if (k === 0) return;
    const c = this.c;
    const e = (this.e -= k);
    const s = (this.s -= r.m);
    c.a.set(r.a.subarray(0, k), e);
    c.b.set(r.b.subarray(0, k), e);
    c.w.set(r.w.subarray(0, k), e);
    c.h.set(r.h.subarray(0, k), e);
    c.st.set(r.st.subarray(0, k), e);
    for (let i = 0; i < k; i++) c.sigStart[e + i] = s + r.sigStart[i]!;
    c.sigK.set(r.sigK.subarray(0, r.m), s);
    c.sigW.set(r.sigW.subarray(0, r.m), s);
    r.n = 0;
    r.m = 0;
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
