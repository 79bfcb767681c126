// Engine. A deterministic layout for the report's graph picture: Fruchterman-Reingold with a
// seeded random start, so the same cluster always gets the same picture.
import { seededRandom } from '../seeded-random';

export interface LayoutEdge {
  a: string;
  b: string;
  weight: number;
}

export type Positions = Map<string, { x: number; y: number }>;

export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Positions in the unit square [0,1]^2 for every node (sorted input gives identical output). */
export function forceLayout(nodes: readonly string[], edges: readonly LayoutEdge[], seed: number, iterations = 150): Positions {
  const ids = [...nodes].sort();
  const n = ids.length;
  const pos: Positions = new Map();
  if (n === 0) return pos;
  if (n === 1) return new Map([[ids[0]!, { x: 0.5, y: 0.5 }]]);
  const rnd = seededRandom(seed);
  const index = new Map(ids.map((id, i) => [id, i]));
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = rnd();
    ys[i] = rnd();
  }
  const es = edges
    .map((e) => [index.get(e.a), index.get(e.b), e.weight] as const)
    .filter((e): e is readonly [number, number, number] => e[0] !== undefined && e[1] !== undefined && e[0] !== e[1]);
  const maxW = Math.max(1e-9, ...es.map((e) => e[2]));
  const k = Math.sqrt(1 / n);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temp = 0.1;
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = xs[i]! - xs[j]!;
        let ddy = ys[i]! - ys[j]!;
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 1e-12) {
          ddx = 1e-3 * (i - j);
          ddy = 1e-3;
          d2 = ddx * ddx + ddy * ddy;
        }
        const f = (k * k) / d2;
        dx[i]! += ddx * f;
        dy[i]! += ddy * f;
        dx[j]! -= ddx * f;
        dy[j]! -= ddy * f;
      }
    }
    for (const [i, j, w] of es) {
      const ddx = xs[i]! - xs[j]!;
      const ddy = ys[i]! - ys[j]!;
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 1e-6;
      const f = (d / k) * (0.5 + w / maxW);
      dx[i]! -= ddx * f;
      dy[i]! -= ddy * f;
      dx[j]! += ddx * f;
      dy[j]! += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      // weak pull to the centre keeps separate components on the page
      dx[i]! += (0.5 - xs[i]!) * k * 2;
      dy[i]! += (0.5 - ys[i]!) * k * 2;
      const len = Math.sqrt(dx[i]! * dx[i]! + dy[i]! * dy[i]!) || 1e-9;
      const step = Math.min(len, temp);
      xs[i]! += (dx[i]! / len) * step;
      ys[i]! += (dy[i]! / len) * step;
    }
    temp *= 0.97;
  }
  // normalise into the unit square
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xs[i]!);
    maxX = Math.max(maxX, xs[i]!);
    minY = Math.min(minY, ys[i]!);
    maxY = Math.max(maxY, ys[i]!);
  }
  const sx = maxX - minX || 1;
  const sy = maxY - minY || 1;
  for (let i = 0; i < n; i++) {
    // rounding keeps the SVG text identical across platforms' last-bit float differences
    pos.set(ids[i]!, { x: Math.round(((xs[i]! - minX) / sx) * 1e4) / 1e4, y: Math.round(((ys[i]! - minY) / sy) * 1e4) / 1e4 });
  }
  return pos;
}
