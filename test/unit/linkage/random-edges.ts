// Test helper: random stored-edge inputs (edge-selection.ts), for the unit tests and the worker's.
import type { SelectableEdges } from '../../../electron/engine/linkage/edge-selection';
import { alloc } from '../../../electron/engine/linkage/typed-arrays';

/** m distinct edges among n accounts in (a, b) order, few distinct weights (many ties), strong
 * ones among the heavier; on shared memory with `shared` (as the projection leaves them). */
export function randomEdges(r: () => number, n: number, m: number, shared = false): SelectableEdges {
  const pairs = new Set<number>();
  while (pairs.size < m) {
    const x = Math.floor(r() * n);
    const y = Math.floor(r() * n);
    if (x !== y) pairs.add(Math.min(x, y) * n + Math.max(x, y));
  }
  const sorted = [...pairs].sort((p, q) => p - q);
  const e: SelectableEdges = { a: alloc(Int32Array, 4, m, shared), b: alloc(Int32Array, 4, m, shared), weight: alloc(Float64Array, 8, m, shared), strong: alloc(Uint8Array, 1, m, shared), count: m };
  sorted.forEach((p, i) => {
    e.a[i] = Math.floor(p / n);
    e.b[i] = p % n;
    // few distinct weights: many ties
    e.weight[i] = Math.floor(r() * 6) / 4;
    e.strong[i] = e.weight[i]! >= 1 && r() < 0.6 ? 1 : 0;
  });
  return e;
}
