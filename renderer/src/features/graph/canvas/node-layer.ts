// Renderer. The nodes of the big cluster overview, drawn on the edge layer's canvas instead of as
// cytoscape elements. Why: cytoscape styles, measures and caches a texture for every node on its
// first frame; for the 2,000-cluster overview that was about a second in software before anything
// showed (profiled: style 0.6 s, textures 0.3 s, adding 0.2 s). Here a node is a position, a radius
// and a colour in flat arrays and a frame is one filled path per colour. The overview needs little
// of cytoscape's node machinery (click to pick a cluster, double-click to open it, focus from the
// list, labels); anything more (a layout, the path tool adding accounts) moves the nodes into
// cytoscape first (GraphController.materialise). The pure part (packing, hit test; which labels
// fit is label-placement.ts) has no DOM so the unit tests run it in node.
import { labelBox, type LabelChoice } from './label-placement';

export interface LayerNodeInput {
  id: string;
  label: string;
  x: number;
  y: number;
  /** diameter in model units (cytoscape's data(px)) */
  px: number;
  color: string;
  flagged: boolean;
  /** ranks labels: bigger first */
  size: number;
}

export interface PackedNodes {
  ids: string[];
  labels: string[];
  index: Map<string, number>;
  xs: Float64Array;
  ys: Float64Array;
  /** radius, model units */
  r: Float64Array;
  size: Float64Array;
  flagged: Uint8Array;
  /** colour -> its node indexes (a frame fills each colour's circles as one path) */
  byColor: Array<{ color: string; members: Int32Array }>;
  colors: string[];
}

export function packNodes(nodes: readonly LayerNodeInput[]): PackedNodes {
  const n = nodes.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const r = new Float64Array(n);
  const size = new Float64Array(n);
  const flagged = new Uint8Array(n);
  const ids = new Array<string>(n);
  const labels = new Array<string>(n);
  const colors = new Array<string>(n);
  const index = new Map<string, number>();
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const d = nodes[i]!;
    ids[i] = d.id;
    labels[i] = d.label;
    xs[i] = d.x;
    ys[i] = d.y;
    r[i] = d.px / 2;
    size[i] = d.size;
    flagged[i] = d.flagged ? 1 : 0;
    colors[i] = d.color;
    index.set(d.id, i);
    const g = groups.get(d.color);
    if (g) g.push(i);
    else groups.set(d.color, [i]);
  }
  return { ids, labels, index, xs, ys, r, size, flagged, colors, byColor: [...groups].map(([color, m]) => ({ color, members: Int32Array.from(m) })) };
}

/**
 * The node under a model-space point (within `tolerance` model units of its disc), or -1. The
 * node drawn last wins where discs overlap, as on screen.
 */
export function hitNode(p: PackedNodes, x: number, y: number, tolerance: number): number {
  let best = -1;
  for (let i = 0; i < p.ids.length; i++) {
    const dx = p.xs[i]! - x;
    const dy = p.ys[i]! - y;
    const rr = p.r[i]! + tolerance;
    if (dx * dx + dy * dy <= rr * rr) best = i;
  }
  return best;
}

/** Model-space bounds of the nodes (with room for a label under each), or null when empty. */
export function nodeBounds(p: PackedNodes): { x1: number; y1: number; x2: number; y2: number } | null {
  if (p.ids.length === 0) return null;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (let i = 0; i < p.ids.length; i++) {
    const r = p.r[i]!;
    x1 = Math.min(x1, p.xs[i]! - r);
    y1 = Math.min(y1, p.ys[i]! - r);
    x2 = Math.max(x2, p.xs[i]! + r);
    y2 = Math.max(y2, p.ys[i]! + r + 14);
  }
  return { x1, y1, x2, y2 };
}

export interface NodeTheme {
  fg: string;
  bg: string;
  accent: string;
  danger: string;
  font: string;
}

export interface NodeMarks {
  selected: number;
  found: number;
  /** the nodes whose labels fit, and where (chooseLabels) */
  labels: readonly LabelChoice[];
}

/**
 * Draws the nodes over whatever the canvas holds (the edges): discs by colour with the thin ring
 * cytoscape drew round overview nodes, flagged clusters ringed in red, the selected and found
 * ones in the accent colour, then the labels on a faint plate. Off-screen nodes are culled.
 */
export function drawNodes(ctx: CanvasRenderingContext2D, p: PackedNodes, v: { zoom: number; panX: number; panY: number; width: number; height: number }, theme: NodeTheme, marks: NodeMarks): void {
  ctx.setTransform(v.zoom, 0, 0, v.zoom, v.panX, v.panY);
  const x1 = -v.panX / v.zoom;
  const y1 = -v.panY / v.zoom;
  const x2 = (v.width - v.panX) / v.zoom;
  const y2 = (v.height - v.panY) / v.zoom;
  const visible = (i: number) => {
    const r = p.r[i]!;
    const x = p.xs[i]!;
    const y = p.ys[i]!;
    return x + r >= x1 && x - r <= x2 && y + r >= y1 && y - r <= y2;
  };
  const circle = (i: number, grow = 0) => {
    ctx.moveTo(p.xs[i]! + p.r[i]! + grow, p.ys[i]!);
    ctx.arc(p.xs[i]!, p.ys[i]!, p.r[i]! + grow, 0, Math.PI * 2);
  };
  ctx.globalAlpha = 1;
  for (const g of p.byColor) {
    ctx.beginPath();
    for (const i of g.members) if (visible(i)) circle(i);
    ctx.fillStyle = g.color;
    ctx.fill();
  }
  // rings: every node's thin background ring, then flagged ones, then the marked ones
  ctx.beginPath();
  for (let i = 0; i < p.ids.length; i++) if (visible(i) && !p.flagged[i]) circle(i);
  ctx.strokeStyle = theme.bg;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.beginPath();
  for (let i = 0; i < p.ids.length; i++) if (visible(i) && p.flagged[i]) circle(i);
  ctx.strokeStyle = theme.danger;
  ctx.lineWidth = 3;
  ctx.stroke();
  for (const [i, w] of [
    [marks.selected, 3],
    [marks.found, 4],
  ] as const) {
    if (i < 0 || i >= p.ids.length) continue;
    ctx.beginPath();
    circle(i);
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = w;
    ctx.stroke();
  }
  // labels: cytoscape's sizes (11 px, 13 when found; hidden under 8 px on screen unless found)
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  // (the selected and found ones below their node unless chooseLabels placed them)
  const shown = new Map(marks.labels.map((l) => [l.i, l.place]));
  for (const i of [marks.selected, marks.found]) if (i >= 0 && !shown.has(i)) shown.set(i, 'below');
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  for (const [i, place] of shown) {
    if (i < 0 || i >= p.ids.length) continue;
    const found = i === marks.found;
    const size = (found ? 13 : 11) * v.zoom;
    if (size < 8 && !found) continue;
    const cx = p.xs[i]! * v.zoom + v.panX;
    const cy = p.ys[i]! * v.zoom + v.panY;
    if (cx < -200 || cx > v.width + 200 || cy < -50 || cy > v.height + 50) continue;
    ctx.font = `600 ${size.toFixed(1)}px ${theme.font}`;
    const text = p.labels[i]!;
    const w = ctx.measureText(text).width;
    const h = size * 1.2;
    const [x, y] = labelBox({ x: cx, y: cy, r: p.r[i]! * v.zoom + 1 }, w, h, place);
    ctx.globalAlpha = 0.7;
    ctx.fillStyle = theme.bg;
    ctx.fillRect(x - 1, y - 1, w + 2, h + 2);
    ctx.globalAlpha = 1;
    ctx.fillStyle = theme.fg;
    ctx.fillText(text, x, y);
  }
  ctx.globalAlpha = 1;
}
