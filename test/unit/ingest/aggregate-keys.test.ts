// The import writer's template key from a hash's 32-bit halves is the BigInt one (aggregates/kinds.ts).
import { describe, expect, it } from 'vitest';
import { templateKey, templateKeyOfHalves } from '../../../electron/engine/linkage/aggregates/kinds';
import { seededRandom } from '../../../electron/engine/seeded-random';

describe('templateKeyOfHalves', () => {
  it('equals templateKey on edge and random signed 64-bit values', () => {
    const r = seededRandom(7);
    const values: bigint[] = [0n, 1n, -1n, 4095n, 4096n, -4096n, -4097n, (1n << 63n) - 1n, -(1n << 63n), 1n << 32n, -(1n << 32n)];
    for (let i = 0; i < 2000; i++) {
      const hi = BigInt(Math.floor(r() * 2 ** 32)) << 32n;
      values.push(BigInt.asIntN(64, hi | BigInt(Math.floor(r() * 2 ** 32))));
    }
    const a = new BigInt64Array(values);
    const halves = new Int32Array(a.buffer);
    values.forEach((v, i) => expect(templateKeyOfHalves(halves[2 * i + 1]!, halves[2 * i]!)).toBe(templateKey(v, null)));
  });
});
