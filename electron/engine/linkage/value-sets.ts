// Engine. The packed per-account value sets of account_value_sets (migration 6) and the packed
// holders of value_holders (migration 7): encoding for the analysis that writes them, decoding for
// the readers (through linkage/holdings.ts). Set layout (fixed by migration 6): n first_ts,
// n last_ts (float64), n value ids, n counts, n examples (int32); holders: per block of 256 values,
// 257 offsets then the holders (accounts.id) (int32);
// all little-endian (every platform Electron ships on), each part aligned for its typed view.

export interface ValueSetEntry {
  valueId: number;
  count: number;
  firstTs: number | null;
  lastTs: number | null;
  example: number | null;
}

/**
 * A set of n entries being filled; `bytes()` hands it to SQLite. Over memory of its own, or over
 * the start of `buf` (at least 28 * n bytes): a writer of many sets reuses one buffer (SQLite
 * copies a bound blob), where a buffer per set had V8 collect every few hundred milliseconds at
 * the reported scale (700 MB of short-lived buffers, a hundred thousand sets).
 */
export class PackedValueSet {
  readonly first: Float64Array;
  readonly last: Float64Array;
  readonly ids: Int32Array;
  readonly counts: Int32Array;
  readonly examples: Int32Array;
  private readonly buf: ArrayBuffer;

  constructor(
    readonly n: number,
    buf?: ArrayBuffer,
  ) {
    if (buf && buf.byteLength < 28 * n) throw new Error('packed value set: buffer too small');
    this.buf = buf ?? new ArrayBuffer(28 * n);
    this.first = new Float64Array(this.buf, 0, n);
    this.last = new Float64Array(this.buf, 8 * n, n);
    this.ids = new Int32Array(this.buf, 16 * n, n);
    this.counts = new Int32Array(this.buf, 20 * n, n);
    this.examples = new Int32Array(this.buf, 24 * n, n);
  }

  /** The set's bytes: a view, valid until the buffer is reused. */
  bytes(): Buffer {
    return Buffer.from(this.buf, 0, 28 * this.n);
  }
}

/** The entries of one packed set (as read back from SQLite). */
export function decodeValueSet(data: Uint8Array, n: number): ValueSetEntry[] {
  const x = valueSetViews(data, n);
  const out: ValueSetEntry[] = [];
  for (let i = 0; i < n; i++) {
    const ex = x.examples[i]!;
    out.push({ valueId: x.ids[i]!, count: x.counts[i]!, example: ex >= 0 ? ex : null, firstTs: nullIfNaN(x.first[i]!), lastTs: nullIfNaN(x.last[i]!) });
  }
  return out;
}

const nullIfNaN = (v: number) => (Number.isNaN(v) ? null : v);

/** Typed views over one packed set (on the blob itself when aligned, else on an aligned copy). */
export interface ValueSetViews {
  n: number;
  first: Float64Array;
  last: Float64Array;
  ids: Int32Array;
  counts: Int32Array;
  examples: Int32Array;
}

export function valueSetViews(data: Uint8Array, n: number): ValueSetViews {
  if (data.byteLength < 28 * n) throw new Error('account value set: blob shorter than its count');
  // views on the blob itself when it is 8-byte aligned (SQLite's blobs arrive in buffers of their
  // own); else on an aligned copy
  let buf = data.buffer as ArrayBuffer;
  let at = data.byteOffset;
  if (at % 8 !== 0) {
    buf = new ArrayBuffer(28 * n);
    new Uint8Array(buf).set(data.subarray(0, 28 * n));
    at = 0;
  }
  return {
    n,
    first: new Float64Array(buf, at, n),
    last: new Float64Array(buf, at + 8 * n, n),
    ids: new Int32Array(buf, at + 16 * n, n),
    counts: new Int32Array(buf, at + 20 * n, n),
    examples: new Int32Array(buf, at + 24 * n, n),
  };
}

/** Consecutive link_values ids per value_holders row (migration 7). */
export const HOLDER_BLOCK = 256;

/** The block of value_holders holding a value's holders, and the value's place in it. */
export const holderBlockOf = (valueId: number) => ({ block: Math.floor((valueId - 1) / HOLDER_BLOCK), slot: (valueId - 1) % HOLDER_BLOCK });

/**
 * Packs the holders of one block's values: `holders` is every holder of the block, value after
 * value, `ends[i]` the end of value i's (the offsets after a leading 0).
 */
export function packHolderBlock(ends: Int32Array, holders: Int32Array, m: number): Buffer {
  const out = new Int32Array(HOLDER_BLOCK + 1 + m);
  out.set(ends.subarray(0, HOLDER_BLOCK), 1);
  out.set(holders.subarray(0, m), HOLDER_BLOCK + 1);
  return Buffer.from(out.buffer);
}

/** The holders (accounts.id) of the value in `slot` of one packed block. */
export function holdersInBlock(data: Uint8Array, slot: number): Int32Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const head = 4 * (HOLDER_BLOCK + 1);
  if (data.byteLength < head) throw new Error('value holders: block shorter than its offsets');
  const from = view.getInt32(4 * slot, true);
  const to = view.getInt32(4 * (slot + 1), true);
  if (from < 0 || to < from || head + 4 * to > data.byteLength) throw new Error('value holders: offsets out of the block');
  const out = new Int32Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = view.getInt32(head + 4 * i, true);
  return out;
}
