// Renderer. Where node labels go (pure): which labels fit on screen, strongest first, each below
// its node or, where that is taken, above, right or left of it, clear of one another and of the
// panels over the graph, preferring places that cover no other node and stay inside the view.
// The node layer (node-layer.ts) and cytoscape's labels (labels.ts) both place them here.

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
