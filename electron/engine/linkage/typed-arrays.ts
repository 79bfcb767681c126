// Engine (any thread). Growing the typed-array columns that linkage keeps its tables in.

/** A copy of `x` with room for `size` (>= its length) elements, the new ones zero. */
export function grown<T extends Int32Array | Float64Array | Uint8Array | Float32Array>(x: T, size: number): T {
  const y = new (x.constructor as new (n: number) => T)(size);
  y.set(x as never);
  return y;
}

/** A typed array of n elements over a SharedArrayBuffer (a worker thread can read it) or a plain one. */
export function alloc<T extends Int32Array | Float64Array | Uint8Array | Float32Array>(ctor: new (b: ArrayBuffer | SharedArrayBuffer) => T, bytes: number, n: number, shared: boolean): T {
  return new ctor(shared ? new SharedArrayBuffer(n * bytes) : new ArrayBuffer(n * bytes));
}
