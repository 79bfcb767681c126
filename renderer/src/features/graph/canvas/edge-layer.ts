// Renderer. The edges of big views, drawn on a canvas of our own beneath cytoscape's node layer
// instead of as cytoscape elements. Why: at 5,000 nodes and 20,000 edges about 70% of the first
// frame was cytoscape computing the style of every edge element and drawing it one by one; here an
// edge is four numbers in flat arrays and a frame is one stroked path per colour and width bucket.
// Cytoscape keeps the nodes (and the few edges an investigator acts on: a path, a neighbourhood),
// this layer follows its pan and zoom and is hidden while the view moves (like cytoscape's own
// hideEdgesOnViewport). Edge clicks are resolved here by a nearest-segment scan.
// The pure part (packing, buckets, hit test) has no DOM so the unit tests run it in node.

export interface LayerEdgeInput {
  id: string;
  source: string;
  target: string;
  weight: number;
  color: string;
}

/** Edges packed once per view: endpoints as node indexes, one colour/width bucket per edge. */
export interface PackedEdges {
  /** node ids, index = position in the x/y arrays filled at draw time */
  nodeIds: string[];
  src: Int32Array;
  dst: Int32Array;
  /** model-space line width (cytoscape's data(w): 0.8 + 3.2 * weight / max weight) */
  width: Float32Array;
  bucket: Int32Array;
  /** bucket -> [colour, width] */
  buckets: Array<{ color: string; width: number }>;
  /** bucket -> its edge indexes (a frame walks each bucket's own list) */
  members: Int32Array[];
  ids: string[];
  byId: Map<string, number>;
}

/** Width levels: strokes of one path share a width, so widths are rounded to this many steps. */
const WIDTH_LEVELS = 6;

export function edgeWidth(weight: number, maxW: number): number {
  return maxW > 0 ? 0.8 + 3.2 * (weight / maxW) : 1;
}

export function packEdges(nodeIds: readonly string[], edges: readonly LayerEdgeInput[]): PackedEdges {
  const index = new Map<string, number>();
  nodeIds.forEach((id, i) => index.set(id, i));
  let maxW = 0;
  for (const e of edges) maxW = Math.max(maxW, e.weight);
  const n = edges.length;
  const src = new Int32Array(n);
  const dst = new Int32Array(n);
  const width = new Float32Array(n);
  const bucket = new Int32Array(n);
  const buckets: PackedEdges['buckets'] = [];
  const bucketKey = new Map<string, number>();
  const ids: string[] = new Array<string>(n);
  const byId = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const e = edges[i]!;
    src[i] = index.get(e.source) ?? -1;
    dst[i] = index.get(e.target) ?? -1;
    const w = edgeWidth(e.weight, maxW);
    width[i] = w;
    const level = Math.min(WIDTH_LEVELS - 1, Math.floor(((w - 0.8) / 3.2) * WIDTH_LEVELS));
    const key = `${e.color}|${level}`;
    let b = bucketKey.get(key);
    if (b === undefined) {
      b = buckets.length;
      bucketKey.set(key, b);
      buckets.push({ color: e.color, width: 0.8 + (3.2 * (level + 0.5)) / WIDTH_LEVELS });
    }
    bucket[i] = b;
    ids[i] = e.id;
    byId.set(e.id, i);
  }
  const counts = new Int32Array(buckets.length);
  for (let i = 0; i < n; i++) {
    const b = bucket[i]!;
    counts[b] = counts[b]! + 1;
  }
  const members = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(buckets.length);
  for (let i = 0; i < n; i++) {
    const b = bucket[i]!;
    const k = fill[b]!;
    members[b]![k] = i;
    fill[b] = k + 1;
  }
  return { nodeIds: [...nodeIds], src, dst, width, bucket, buckets, members, ids, byId };
}

/** Squared distance from (px, py) to the segment (ax, ay)-(bx, by). */
export function segmentDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const qx = ax + t * dx - px;
  const qy = ay + t * dy - py;
  return qx * qx + qy * qy;
}

/**
 * The edge nearest to a model-space point within `tolerance` (model units), or -1. Edges whose
 * endpoint is not shown (x is NaN: hidden, removed, collapsed into a group) are skipped.
 */
export function hitEdge(p: PackedEdges, xs: Float64Array, ys: Float64Array, px: number, py: number, tolerance: number): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < p.src.length; i++) {
    const a = p.src[i]!;
    const b = p.dst[i]!;
    if (a < 0 || b < 0) continue;
    const ax = xs[a]!;
    const bx = xs[b]!;
    if (Number.isNaN(ax) || Number.isNaN(bx)) continue;
    const ay = ys[a]!;
    const by = ys[b]!;
    const tol = tolerance + p.width[i]! / 2;
    // cheap reject on the bounding box before the exact distance
    if (px < Math.min(ax, bx) - tol || px > Math.max(ax, bx) + tol || py < Math.min(ay, by) - tol || py > Math.max(ay, by) + tol) continue;
    const d = segmentDist2(px, py, ax, ay, bx, by);
    if (d <= tol * tol && d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Edge indexes touching any of the given node indexes. */
export function incidentEdges(p: PackedEdges, nodes: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.src.length; i++) if (nodes.has(p.src[i]!) || nodes.has(p.dst[i]!)) out.push(i);
  return out;
}

export interface LayerView {
  zoom: number;
  panX: number;
  panY: number;
  width: number;
  height: number;
}

/**
 * Draws the edges: one path per bucket, in model space under the viewport's transform, edges
 * off screen culled. `dimmed(i)` draws an edge at the dimmed opacity (highlight and isolate).
 */
export function drawEdges(
  ctx: CanvasRenderingContext2D,
  p: PackedEdges,
  xs: Float64Array,
  ys: Float64Array,
  v: LayerView,
  opacity: number,
  dimmed: ((i: number) => boolean) | null,
  dimOpacity: number,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, v.width, v.height);
  ctx.setTransform(v.zoom, 0, 0, v.zoom, v.panX, v.panY);
  ctx.lineCap = 'butt';
  // the visible model rectangle, for culling
  const x1 = -v.panX / v.zoom;
  const y1 = -v.panY / v.zoom;
  const x2 = (v.width - v.panX) / v.zoom;
  const y2 = (v.height - v.panY) / v.zoom;
  const passes: Array<[boolean, number]> = dimmed ? [[true, dimOpacity], [false, opacity]] : [[false, opacity]];
  for (const [dimPass, alpha] of passes) {
    ctx.globalAlpha = alpha;
    for (let b = 0; b < p.buckets.length; b++) {
      const bk = p.buckets[b]!;
      ctx.beginPath();
      let any = false;
      for (const i of p.members[b]!) {
        if (dimmed && dimmed(i) !== dimPass) continue;
        const s = p.src[i]!;
        const t = p.dst[i]!;
        if (s < 0 || t < 0) continue;
        const ax = xs[s]!;
        const bx = xs[t]!;
        if (Number.isNaN(ax) || Number.isNaN(bx)) continue;
        const ay = ys[s]!;
        const by = ys[t]!;
        if ((ax < x1 && bx < x1) || (ax > x2 && bx > x2) || (ay < y1 && by < y1) || (ay > y2 && by > y2)) continue;
        ctx.moveTo(ax, ay);
        ctx.lineTo(bx, by);
        any = true;
      }
      if (!any) continue;
      ctx.strokeStyle = bk.color;
      ctx.lineWidth = bk.width;
      ctx.stroke();
    }
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
}
