// Renderer. Where the graph canvas looks: fitting the view to nodes, zooming about the centre,
// and focusing one node (a search hit, a cluster picked in the list). Works on cytoscape's nodes
// or, for a big overview, on the node layer's; the arithmetic is in viewport-math.ts.
import type cytoscape from 'cytoscape';
import type { LayerCanvas } from './layer-canvas';
import { nodeBounds } from './node-layer';
import { centrePan, fitViewport, type Bounds } from './viewport-math';

/** How long the focus animation runs (ms): long enough to follow, short enough not to wait on. */
const FOCUS_MS = 250;

/** Focusing never leaves the view zoomed out below this (the node must be readable). */
const FOCUS_MIN_ZOOM = 1.2;

/** Node centres and sizes, with room below for a label (cytoscape's bounding boxes cost far more). */
function cyNodeBounds(nodes: cytoscape.NodeCollection): Bounds | null {
  if (nodes.empty()) return null;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  nodes.forEach((n) => {
    const p = n.position();
    const r = (Number(n.data('px')) || 12) / 2;
    x1 = Math.min(x1, p.x - r);
    y1 = Math.min(y1, p.y - r);
    x2 = Math.max(x2, p.x + r);
    y2 = Math.max(y2, p.y + r + 14);
  });
  return { x1, y1, x2, y2 };
}

/**
 * Fits the view to node positions (the given nodes; without them, the node layer's or all of
 * cytoscape's). cy.fit() measures every element's bounding box (labels, edges): seconds for
 * 25,000 elements in software; node centres and sizes are enough here.
 */
export function fitNow(cy: cytoscape.Core, layers: LayerCanvas, nodes?: cytoscape.NodeCollection, padding = 30): void {
  const b = !nodes && layers.nodeLayer ? nodeBounds(layers.nodeLayer.packed) : cyNodeBounds(nodes ?? cy.nodes());
  if (!b) return;
  cy.viewport(fitViewport(b, cy.width(), cy.height(), padding, cy.minZoom(), cy.maxZoom()));
}

export function zoomBy(cy: cytoscape.Core, factor: number): void {
  const c = cy.container();
  const w = c?.clientWidth ?? 0;
  const h = c?.clientHeight ?? 0;
  cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: w / 2, y: h / 2 } });
}

/** Centres the view on a node, marks it found and selects it; false when it is not in the view. */
export function focus(cy: cytoscape.Core, layers: LayerCanvas, id: string): boolean {
  const nl = layers.nodeLayer;
  if (nl) {
    const i = nl.packed.index.get(id);
    if (i === undefined) return false;
    nl.found = i;
    nl.selected = i;
    const zoom = Math.max(cy.zoom(), FOCUS_MIN_ZOOM);
    cy.animate({ zoom, pan: centrePan(nl.packed.xs[i]!, nl.packed.ys[i]!, zoom, cy.width(), cy.height()) }, { duration: FOCUS_MS });
    layers.schedule();
    return true;
  }
  const n = cy.getElementById(id);
  if (n.empty()) return false;
  cy.$('.found').removeClass('found');
  n.addClass('found');
  cy.$(':selected').unselect();
  n.select();
  cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), FOCUS_MIN_ZOOM) }, { duration: FOCUS_MS });
  return true;
}
