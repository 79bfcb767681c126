// Packed per-account value sets (account_value_sets) and holder blocks (value_holders): what is
// written reads back exactly, with missing timestamps and examples as null.
import { expect, it } from 'vitest';
import { decodeValueSet, HOLDER_BLOCK, holderBlockOf, holdersInBlock, packHolderBlock, PackedValueSet, valueSetViews } from '../../../electron/engine/linkage/value-sets';

it('round-trips ids, counts, timestamps and examples, NaN and -1 as null', () => {
  for (const n of [0, 1, 3, 8]) {
    const set = new PackedValueSet(n);
    for (let i = 0; i < n; i++) {
      set.ids[i] = 1000 - i * 7;
      set.counts[i] = i + 1;
      set.first[i] = i === 1 ? NaN : 1.7e12 + i;
      set.last[i] = i === 1 ? NaN : 1.7e12 + 10 * i;
      set.examples[i] = i === 2 ? -1 : 28_000_000 + i;
    }
    // through a Buffer at an odd offset, as SQLite may hand it back
    const bytes = set.bytes();
    const shifted = Buffer.alloc(bytes.length + 1);
    bytes.copy(shifted, 1);
    const out = decodeValueSet(shifted.subarray(1), n);
    expect(out).toHaveLength(n);
    out.forEach((e, i) => {
      expect(e.valueId).toBe(1000 - i * 7);
      expect(e.count).toBe(i + 1);
      expect(e.firstTs).toBe(i === 1 ? null : 1.7e12 + i);
      expect(e.lastTs).toBe(i === 1 ? null : 1.7e12 + 10 * i);
      expect(e.example).toBe(i === 2 ? null : 28_000_000 + i);
    });
  }
  expect(() => decodeValueSet(new Uint8Array(10), 1)).toThrow();
});

it('a set over a reused buffer is the bytes of a set of its own', () => {
  const fill = (set: PackedValueSet, k: number) => {
    for (let i = 0; i < set.n; i++) {
      set.ids[i] = k * 100 + i;
      set.counts[i] = k + i;
      set.first[i] = i === 0 ? NaN : 1.7e12 + k + i;
      set.last[i] = 1.7e12 + 2 * k + i;
      set.examples[i] = i === 1 ? -1 : k * 10 + i;
    }
    return set;
  };
  const scratch = new ArrayBuffer(28 * 9);
  // a larger set first, then smaller ones over the same memory: nothing of the earlier one shows
  for (const [k, n] of [[1, 9], [2, 3], [3, 1], [4, 0], [5, 9]] as const) {
    const reused = fill(new PackedValueSet(n, scratch), k).bytes();
    expect(reused.length).toBe(28 * n);
    expect(Buffer.compare(reused, fill(new PackedValueSet(n), k).bytes())).toBe(0);
  }
  expect(() => new PackedValueSet(10, scratch)).toThrow();
});

it('reads the same entries through typed views', () => {
  const set = new PackedValueSet(2);
  set.ids.set([5, 9]);
  set.counts.set([1, 2]);
  set.first.set([NaN, 3]);
  set.last.set([NaN, 4]);
  set.examples.set([-1, 7]);
  const shifted = Buffer.alloc(57);
  set.bytes().copy(shifted, 1);
  const v = valueSetViews(shifted.subarray(1), 2);
  expect([...v.ids, ...v.counts, ...v.last, ...v.examples]).toEqual([5, 9, 1, 2, NaN, 4, -1, 7]);
  // aligned, at the start of its memory or 8 bytes in: views on the blob itself
  const inside = Buffer.alloc(64);
  set.bytes().copy(inside, 8);
  for (const blob of [set.bytes(), inside.subarray(8)]) {
    const w = valueSetViews(blob, 2);
    expect([...w.ids, ...w.counts, ...w.first, ...w.last, ...w.examples]).toEqual([5, 9, 1, 2, NaN, 3, NaN, 4, -1, 7]);
  }
  expect(() => valueSetViews(new Uint8Array(27), 1)).toThrow();
});

it('packs the holders of a block of values, empty slots included, and finds each value\'s', () => {
  // slots 0 (ids 1), 3 and the last hold accounts; the others none
  const lists = new Map<number, number[]>([
    [0, [4, 8]],
    [3, [1, 2, 3]],
    [HOLDER_BLOCK - 1, [99, 100]],
  ]);
  const ends = new Int32Array(HOLDER_BLOCK);
  const holders = new Int32Array(16);
  let m = 0;
  for (let slot = 0; slot < HOLDER_BLOCK; slot++) {
    for (const a of lists.get(slot) ?? []) holders[m++] = a;
    ends[slot] = m;
  }
  const bytes = packHolderBlock(ends, holders, m);
  const shifted = Buffer.alloc(bytes.length + 3);
  bytes.copy(shifted, 3);
  for (let slot = 0; slot < HOLDER_BLOCK; slot++) expect([...holdersInBlock(shifted.subarray(3), slot)]).toEqual(lists.get(slot) ?? []);
  expect(holderBlockOf(1)).toEqual({ block: 0, slot: 0 });
  expect(holderBlockOf(HOLDER_BLOCK + 2)).toEqual({ block: 1, slot: 1 });
  expect(() => holdersInBlock(bytes.subarray(0, 4 * HOLDER_BLOCK + 4 + 8), HOLDER_BLOCK - 1)).toThrow();
});
