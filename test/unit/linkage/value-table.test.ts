// The value table's fast paths used by collect: pairs appended without the look-up index and
// values interned without the text map must merge exactly like the indexed paths later on.
import { describe, expect, it } from 'vitest';
import { TEXT_OF_FAMILY, TEXT_OF_STRING, ValueTable } from '../../../electron/engine/linkage/value-table';

describe('ValueTable fast paths', () => {
  it('an add() on an appended (value, account) merges into the appended pair', () => {
    const t = new ValueTable(4);
    const v = t.intern('device', 'd1');
    const p = t.append(v, 2, 3, 100, 200, 7);
    t.append(t.intern('device', 'd2'), 2, 1, 50, 50, 9);
    const q = t.add(v, 2, 40, 11, 2);
    expect(q).toBe(p);
    expect(t.pairs).toBe(2);
    expect([t.count[p], t.first[p], t.last[p], t.example[p]]).toEqual([5, 40, 200, 7]);
    // a new account on the same value is a new pair
    expect(t.add(v, 3, 10, 12)).toBe(2);
  });

  it('intern() finds values added by internNew() (keyed lazily, per signal)', () => {
    const t = new ValueTable(2);
    const a = t.internNew('x_template', '123');
    const b = t.internNew('x_template', '456');
    const other = t.intern('ip', '10.0.0.1');
    expect(t.intern('x_template', '456')).toBe(b);
    expect(t.intern('x_template', '123')).toBe(a);
    expect(t.intern('x_template', '789')).toBe(3);
    expect(t.intern('ip', '10.0.0.1')).toBe(other);
    expect(t.values.map((x) => x.text)).toEqual(['123', '456', '10.0.0.1', '789']);
  });

  it('example ids are kept exactly: 32-bit while they fit, widened (earlier ones kept) when one does not', () => {
    const t = new ValueTable(3, 2);
    const v = t.intern('ip', '10.0.0.1');
    const p0 = t.append(v, 0, 1, 1, 1, 2_147_483_647);
    const p1 = t.add(v, 1, 5, -1);
    expect(t.example).toBeInstanceOf(Int32Array);
    const big = 2 ** 40 + 3;
    const p2 = t.append(t.intern('ip', '10.0.0.2'), 2, 1, 1, 1, big); // past the initial capacity too
    expect(t.example).toBeInstanceOf(Float64Array);
    expect([t.example[p0], t.example[p1], t.example[p2]]).toEqual([2_147_483_647, -1, big]);
    t.setExample(p1, 2 ** 31);
    expect(t.example[p1]).toBe(2 ** 31);
  });

  it('deferred texts: kept apart until set, counted, and never matched by text while deferred', () => {
    const t = new ValueTable(2);
    const a = t.internDeferred('ip', TEXT_OF_STRING, 17);
    const b = t.internDeferred('template', TEXT_OF_FAMILY, 2 ** 40 + 5);
    const c = t.intern('device', 'd1');
    expect([t.deferredCount, t.deferredFrom[a], t.deferredKey[a], t.deferredFrom[b], t.deferredKey[b], t.deferredFrom[c]]).toEqual([2, TEXT_OF_STRING, 17, TEXT_OF_FAMILY, 2 ** 40 + 5, 0]);
    expect(() => t.intern('ip', '')).toThrow(/deferred/);
    t.setText(a, '10.0.0.1');
    t.setText(a, '10.0.0.1');
    expect([t.deferredCount, t.deferredFrom[a], t.values[a]!.text]).toEqual([1, 0, '10.0.0.1']);
    // once filled, a later intern of the signal finds it
    expect(t.intern('ip', '10.0.0.1')).toBe(a);
    // past the first 1,024 values the source columns grow
    for (let i = 0; i < 3000; i++) t.internDeferred('asn', TEXT_OF_STRING, i);
    expect([t.deferredCount, t.deferredKey[t.values.length - 1]]).toEqual([3001, 2999]);
  });
  it('keeps the times of every pair while its columns grow (within the capacity and past it) and lets them go', () => {
    for (const capacity of [300_000, 100_000]) {
      const t = new ValueTable(10, capacity);
      const v = t.intern('ip', '10.0.0.1');
      const n = 200_000;
      for (let p = 0; p < n; p++) {
        if (p % 2 === 0) t.append(v, p % 10, 1, p, p + 1, p + 2);
        else t.add(t.intern('ip', `x${p}`), p % 10, p, p + 2);
      }
      expect(t.pairs).toBe(n);
      let bad = 0;
      for (let p = 0; p < n; p++) if (t.first[p] !== p || t.last[p] !== (p % 2 === 0 ? p + 1 : p) || t.example[p] !== p + 2) bad++;
      expect(bad).toBe(0);
      t.seal();
      t.releaseTimes();
      expect([t.first.length, t.last.length, t.example.length]).toEqual([0, 0, 0]);
      expect(t.count[n - 1]).toBe(1);
    }
  });
});
