// Template keys as collect's first read takes them: keys probed in batches (seeKeys) give the
// same keys, order of first appearance, per-observation key indices and (account, key) pair
// counts as probing them one by one (see).
import { describe, expect, it } from 'vitest';
import { TemplateKeys } from '../../../electron/engine/linkage/template-pairs';
import { templateSignatures } from '../../../electron/engine/linkage/derived-values';
import { templateSignature } from '../../../electron/engine/linkage/aggregates/kinds';

describe('template keys', () => {
  it('batched probes equal one-by-one probes (rows longer than a batch, repeats within and across accounts, rehashes)', () => {
    let x = 3;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    // per account: one row of keys (only keys: a keys-only read), some repeated, some shared
    const accounts: Float64Array[] = [];
    for (let a = 0; a < 300; a++) {
      const n = 1 + (rnd() % 200);
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) keys[i] = rnd() % 3 === 0 ? (rnd() % 50) * 4097 : rnd() * 1024 + (rnd() % 1024) - 2 ** 40;
      accounts.push(keys);
    }
    const batched = new TemplateKeys(() => {}, 0, 0, (each) => accounts.forEach((keys, a) => each(a, [keys.length * 16 + 10], keys)));
    batched.readKeys();
    const single = new TemplateKeys(() => {});
    accounts.forEach((keys, a) => keys.forEach((k) => single.see(a, k)));
    expect(batched.nKeys).toBeGreaterThan(1000);
    expect(batched.nKeys).toBe(single.nKeys);
    expect(Array.from(batched.keys.subarray(0, batched.nKeys))).toEqual(Array.from(single.keys.subarray(0, single.nKeys)));
    expect(batched.raw).toBe(single.raw);
    expect(Array.from(batched.rawKey.subarray(0, batched.raw))).toEqual(Array.from(single.rawKey.subarray(0, single.raw)));
    expect(batched.pairs).toBe(single.pairs);
    expect(batched.pairs).toBeLessThan(batched.raw);
    // pairs per key: every pair counted once, under its key
    let sum = 0;
    for (let k = 0; k < batched.nKeys; k++) sum += batched.pairsOf[k]!;
    expect(sum).toBe(single.pairs);
    const holders = new Map<number, Set<number>>();
    accounts.forEach((keys, a) => keys.forEach((k) => (holders.get(k) ?? holders.set(k, new Set()).get(k)!).add(a)));
    for (let k = 0; k < batched.nKeys; k++) expect(batched.pairsOf[k]).toBe(holders.get(batched.keys[k]!)!.size);
    // the look-up index is let go after the read (nothing looks keys up later), the keys trimmed
    expect(batched.keys.length).toBe(batched.nKeys);
    expect(() => batched.find(accounts[0]![0]!)).toThrow(/dropped/);
    expect(() => batched.keyIndex(1)).toThrow(/dropped/);
    expect(single.find(accounts[0]![0]!)).toBe(0);
  });

  it('templateSignatures gives templateSignature of every key (negative, zero, the extremes)', () => {
    let x = 5;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const keys = [0, -1, 1, 2 ** 51 - 1, -(2 ** 51), 4095, -4096, 1048575, 1048576, -1048577];
    for (let i = 0; i < 2000; i++) keys.push((rnd() | 0) * 1048576 + (rnd() >>> 12));
    const { hi, lo } = templateSignatures({ nKeys: keys.length, keys: Float64Array.from(keys) });
    keys.forEach((k, i) => expect([hi[i], lo[i]]).toEqual(templateSignature(k)));
  });
});
