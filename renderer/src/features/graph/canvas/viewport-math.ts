// Renderer (pure: no DOM, no cytoscape instance). Viewport arithmetic of the graph canvas: the
// zoom and pan that fit a box on screen or centre a point, and the lasso's point-in-polygon test.
// Kept apart from the controller so the unit tests run it in node.

export interface Bounds {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/**
 * The viewport that shows `b` (model coordinates) centred in a w x h container with `padding`
 * screen px around it. Never zooms in past 1.5 (a lone node would fill the screen), and stays
 * within cytoscape's zoom limits.
 */
export function fitViewport(b: Bounds, w: number, h: number, padding: number, minZoom: number, maxZoom: number): Viewport {
  const { x1, y1, x2, y2 } = b;
  const zoom = Math.max(minZoom, Math.min(maxZoom, 1.5, (w - 2 * padding) / Math.max(1, x2 - x1), (h - 2 * padding) / Math.max(1, y2 - y1)));
  return { zoom, pan: { x: w / 2 - zoom * ((x1 + x2) / 2), y: h / 2 - zoom * ((y1 + y2) / 2) } };
}

/** The pan that puts model point (x, y) at the centre of a w x h container at `zoom`. */
export function centrePan(x: number, y: number, zoom: number, w: number, h: number): { x: number; y: number } {
  return { x: w / 2 - zoom * x, y: h / 2 - zoom * y };
}

/** Even-odd rule: whether (x, y) lies inside the polygon (the lasso's path, container px). */
export function insidePolygon(x: number, y: number, poly: ReadonlyArray<readonly [number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
