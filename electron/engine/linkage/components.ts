// Engine. Connected components: undirected (union-find) for clusters, and weak/strong counts of
// a directed graph (iterative Tarjan, no recursion limits) for verification against references.
import { UnionFind } from './union-find';

/** Component id (smallest member) of each node, over the given undirected edges. */
export function components(n: number, a: ArrayLike<number>, b: ArrayLike<number>, keep: (e: number) => boolean, edges: number): Int32Array {
  const uf = new UnionFind(n);
  for (let e = 0; e < edges; e++) if (keep(e)) uf.union(a[e]!, b[e]!);
  return uf.labels();
}

export function componentCounts(n: number, arcs: readonly [number, number][]): { weak: number; strong: number; largestWeak: number; largestStrong: number } {
  const uf = new UnionFind(n);
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const [u, v] of arcs) {
    uf.union(u, v);
    out[u]!.push(v);
  }
  const weakSize = new Map<number, number>();
  for (let i = 0; i < n; i++) weakSize.set(uf.find(i), (weakSize.get(uf.find(i)) ?? 0) + 1);
  // Tarjan, iterative
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let next = 0;
  let strong = 0;
  let largestStrong = 0;
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1) continue;
    const work: [number, number][] = [[s, 0]];
    index[s] = low[s] = next++;
    stack.push(s);
    onStack[s] = 1;
    while (work.length) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      const succ = out[v]!;
      if (i < succ.length) {
        top[1] = i + 1;
        const w = succ[i]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
      } else {
        work.pop();
        if (work.length) {
          const u = work[work.length - 1]![0];
          low[u] = Math.min(low[u]!, low[v]!);
        }
        if (low[v] === index[v]) {
          let size = 0;
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = 0;
            size++;
          } while (w !== v);
          strong++;
          largestStrong = Math.max(largestStrong, size);
        }
      }
    }
  }
  return { weak: weakSize.size, strong, largestWeak: Math.max(...weakSize.values()), largestStrong };
}
