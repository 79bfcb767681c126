// Packed per-account value sets (account_value_sets): what is written reads back exactly, with
// missing timestamps and examples as null.
import { expect, it } from 'vitest';
import { decodeValueSet, PackedValueSet } from '../../../electron/engine/linkage/value-sets';

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
