// Engine (any thread). Growing the typed-array columns that linkage keeps its tables in (and the
// import writer its string map, ingest/string-ids.ts).

/** A copy of `x` with room for `size` (>= its length) elements, the new ones zero. */
export function grown<T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Float32Array>(x: T, size: number): T {
  const y = new (x.constructor as new (n: number) => T)(size);
  y.set(x as never);
  return y;
}

/** A typed array of n elements over a SharedArrayBuffer (a worker thread can read it) or a plain one. */
export function alloc<T extends Int32Array | Float64Array | Uint8Array | Float32Array>(ctor: new (b: ArrayBuffer | SharedArrayBuffer) => T, bytes: number, n: number, shared: boolean): T {
  return new ctor(shared ? new SharedArrayBuffer(n * bytes) : new ArrayBuffer(n * bytes));
}

/** ES2024 resizable ArrayBuffers (the project's lib is ES2023): a plain buffer where the runtime lacks them. */
const ResizableArrayBuffer = ArrayBuffer as unknown as new (bytes: number, options: { maxByteLength: number }) => ArrayBuffer;

/**
 * A buffer of n bytes (growable in place up to `max`, roomFor) whose memory `releaseNow` can hand
 * back at once. V8 frees an unreferenced buffer only at a garbage collection that finds it, which
 * under load came seconds after a phase let go of hundreds of megabytes (the next phase's
 * allocations stacked on top); shrinking a resizable buffer to nothing returns its pages there
 * and then. Shrinking writes zeros over the part let go first (V8), so a buffer that should stay
 * cheap is grown as it fills, not made large and left mostly unwritten.
 */
export function releasableBuffer(n: number, max = n): ArrayBuffer {
  return new ResizableArrayBuffer(n, { maxByteLength: Math.max(n, max) });
}

/**
 * `x` with room for at least `need` elements (at most `max`, when it is a releasable buffer's):
 * grown in place when its buffer is releasable (no copy; the new pages are zero), else a copy
 * (grown), into a releasable buffer reserving `max` when `releasable`: arrays that start plain
 * and small (the collector takes them with the rest) and are handed back at once once they grew.
 * Only the pages written take memory; releaseNow frees them at once.
 */
export function roomFor<T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Float32Array>(x: T, need: number, max: number, releasable = false): T {
  if (need <= x.length) return x;
  const size = Math.max(need, Math.min(max, 2 * x.length));
  const b = x.buffer as ArrayBufferLike & { resizable?: boolean; maxByteLength?: number; resize?: (n: number) => void };
  const bytes = size * x.BYTES_PER_ELEMENT;
  if (b.resizable === true && typeof b.resize === 'function' && bytes <= b.maxByteLength!) {
    b.resize(bytes);
    return new (x.constructor as new (buf: ArrayBufferLike, at: number, n: number) => T)(b, 0, size);
  }
  if (!releasable) return grown(x, size);
  const y = new (x.constructor as new (buf: ArrayBufferLike) => T)(releasableBuffer(bytes, Math.max(size, max) * x.BYTES_PER_ELEMENT));
  y.set(x as never);
  return y;
}

/** Hands the memory of a buffer made by releasableBuffer back now (every view of it then reads as
 * empty); any other buffer is left to the garbage collector. */
export function releaseNow(b: ArrayBufferLike): void {
  const r = b as ArrayBufferLike & { resizable?: boolean; resize?: (n: number) => void };
  if (r.resizable === true && typeof r.resize === 'function') r.resize(0);
}
