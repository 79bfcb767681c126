// Renderer. The nodes of the big cluster overview, drawn on the edge layer's canvas instead of as
// cytoscape elements. Why: cytoscape styles, measures and caches a texture for every node on its
// first frame; for the 2,000-cluster overview that was about a second in software before anything
// showed (profiled: style 0.6 s, textures 0.3 s, adding 0.2 s). Here a node is a position, a radius
// and a colour in flat arrays and a frame is one filled path per colour. The overview needs little
// of cytoscape's node machinery (click to pick a cluster, double-click to open it, focus from the
// list, labels); anything more (a layout, the path tool adding accounts) moves the nodes into
// cytoscape first (GraphController.materialise). The pure part (packing, hit test, which labels
// fit) has no DOM so the unit tests run it in node.

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

export interface LabelCandidate {
  /** on-screen centre and radius (px) */
  x: number;
  y: number;
  r: number;
  label: string;
  size: number;
  id: string;
}

/** Where a label sits against its node: below it (the first choice), above, right or left. */
export type LabelPlace = 'below' | 'above' | 'right' | 'left';
const PLACES: readonly LabelPlace[] = ['below', 'above', 'right', 'left'];

/** A label shown: its candidate's index and its place. */
export interface LabelChoice {
  i: number;
  place: LabelPlace;
}

/** A label's box on screen at `place` (x1, y1, x2, y2): `w` wide and `h` high, clear of the disc. */
export function labelBox(c: Pick<LabelCandidate, 'x' | 'y' | 'r'>, w: number, h: number, place: LabelPlace): [number, number, number, number] {
  switch (place) {
    case 'below':
      return [c.x - w / 2, c.y + c.r + 2, c.x + w / 2, c.y + c.r + 2 + h];
    case 'above':
      return [c.x - w / 2, c.y - c.r - 2 - h, c.x + w / 2, c.y - c.r - 2];
    case 'right':
      return [c.x + c.r + 3, c.y - h / 2, c.x + c.r + 3 + w, c.y + h / 2];
    case 'left':
      return [c.x - c.r - 3 - w, c.y - h / 2, c.x - c.r - 3, c.y + h / 2];
  }
}

/** A box on screen: x1, y1, x2, y2 (px). */
export type ScreenBox = readonly [number, number, number, number];

/** What labels keep clear of besides one another: panels over the graph (`blocked`, never
 * covered) and the view's edges (`view`: a place inside it is preferred, as one clear of nodes). */
export interface LabelSurroundings {
  blocked?: readonly ScreenBox[];
  view?: { width: number; height: number };
}

/**
 * Which labels to show, and where: strongest first (size, then id), each below its node, or where
 * that would cover a label already placed, above it, to its right or to its left (a mid-sized
 * cluster beside a big one kept its label hidden while there was room above it). No two overlap
 * (their boxes reserved in a coarse grid), nor cover a blocked box (the legend over the graph);
 * of the free places, the first that covers no other node and lies inside the view is taken, else
 * the first free one (a dense view keeps its labels). `font` is the label's on-screen font size in px.
 */
export function chooseLabels(cands: readonly LabelCandidate[], font: number, around: LabelSurroundings = {}): LabelChoice[] {
  const { blocked = [], view } = around;
  const inView = (b: ScreenBox) => !view || (b[0] >= 0 && b[1] >= 0 && b[2] <= view.width && b[3] <= view.height);
  const order = cands.map((_, i) => i).sort((a, b) => cands[b]!.size - cands[a]!.size || (cands[a]!.id < cands[b]!.id ? -1 : cands[a]!.id > cands[b]!.id ? 1 : 0));
  const taken: ScreenBox[] = [];
  const cell = 64;
  const grid = new Map<string, number[]>();
  const chosen: LabelChoice[] = [];
  const cellsOf = (box: readonly number[]): string[] => {
    const keys: string[] = [];
    for (let gx = Math.floor(box[0]! / cell); gx <= Math.floor(box[2]! / cell); gx++) for (let gy = Math.floor(box[1]! / cell); gy <= Math.floor(box[3]! / cell); gy++) keys.push(`${gx}:${gy}`);
    return keys;
  };
  const reserve = (box: ScreenBox, keys: readonly string[]) => {
    taken.push(box);
    for (const k of keys) (grid.get(k) ?? grid.set(k, []).get(k)!).push(taken.length - 1);
  };
  for (const b of blocked) reserve(b, cellsOf(b));
  const clashes = (box: readonly number[], keys: readonly string[]) =>
    keys.some((k) =>
      (grid.get(k) ?? []).some((t) => {
        const o = taken[t]!;
        return box[0]! < o[2] && box[2]! > o[0] && box[1]! < o[3] && box[3]! > o[1];
      }),
    );
  // the nodes' discs, by the same cells (not those zoomed in past a screen's size: no label could
  // keep clear of them, and their cells would number in the thousands)
  const discs = new Map<string, number[]>();
  cands.forEach((c, i) => {
    if (c.r > 1024) return;
    for (const k of cellsOf([c.x - c.r, c.y - c.r, c.x + c.r, c.y + c.r])) (discs.get(k) ?? discs.set(k, []).get(k)!).push(i);
  });
  const coversNode = (box: readonly number[], keys: readonly string[], self: number) =>
    keys.some((k) =>
      (discs.get(k) ?? []).some((j) => {
        if (j === self) return false;
        const d = cands[j]!;
        const nx = Math.max(box[0]!, Math.min(d.x, box[2]!));
        const ny = Math.max(box[1]!, Math.min(d.y, box[3]!));
        return (nx - d.x) ** 2 + (ny - d.y) ** 2 < d.r * d.r;
      }),
    );
  for (const i of order) {
    const c = cands[i]!;
    const w = c.label.length * font * 0.6 + 6;
    let pick: { place: LabelPlace; box: [number, number, number, number]; keys: string[] } | null = null;
    for (const place of PLACES) {
      const box = labelBox(c, w, font * 1.3, place);
      const keys = cellsOf(box);
      if (clashes(box, keys)) continue;
      const clear = inView(box) && !coversNode(box, keys, i);
      if (clear || !pick) pick = { place, box, keys };
      if (clear) break;
    }
    if (!pick) continue;
    reserve(pick.box, pick.keys);
    chosen.push({ i, place: pick.place });
  }
  return chosen;
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
