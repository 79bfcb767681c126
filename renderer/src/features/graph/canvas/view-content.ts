// Renderer. What a view puts into cytoscape and what onto the layer canvas: a new view from the
// engine (replacing everything), a neighbourhood merged into the current one, and moving a node
// layer's nodes into cytoscape when something needs them as elements. The decisions themselves
// (which view goes where, ring placement) are pure, in view-plan.ts.
import type cytoscape from 'cytoscape';
import type { GraphView } from '../../../../../electron/shared/contract';
import { edgeElement, nodeElement, toElements } from './elements';
import type { LayerCanvas } from './layer-canvas';
import { makeEdgeLayer, makeNodeLayer } from './layer-state';
import { maxWeight, planView, ringPositions, type ViewPlan } from './view-plan';

/** Elements whose bounding boxes one idle slice warms (about 10 ms of work in software). */
const WARM_SLICE = 250;

/** Replaces cytoscape's elements and the layers with a view (the layers were cleared before). */
export function placeView(cy: cytoscape.Core, layers: LayerCanvas, view: GraphView, edgeLayerMin: number): ViewPlan {
  const plan = planView(view, edgeLayerMin);
  cy.batch(() => {
    cy.elements().remove();
    if (!plan.nodesOnLayer) cy.add(plan.big ? view.nodes.map(nodeElement) : toElements(view));
  });
  if (plan.nodesOnLayer) layers.nodeLayer = makeNodeLayer(view);
  if (plan.big) layers.layer = makeEdgeLayer(view);
  return plan;
}

/**
 * Warms cytoscape's bounding-box caches while the investigator looks, so the first pan does not
 * pay for them (the texture used while moving starts from the graph's bounding box); in slices,
 * so a click meanwhile waits for one slice, not for all 5,000 nodes. Stops once `current` says a
 * newer view replaced this one.
 */
export function warmBounds(cy: cytoscape.Core, current: () => boolean): void {
  const all = cy.elements().toArray();
  let at = 0;
  const later = (f: () => void) => (typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(f, { timeout: 1500 }) : setTimeout(f, 50));
  const warm = () => {
    if (!current() || cy.destroyed()) return;
    const end = Math.min(all.length, at + WARM_SLICE);
    const slice = all.slice(at, end).filter((e) => !e.removed());
    if (slice.length > 0) cy.collection(slice as unknown as cytoscape.CollectionArgument).boundingBox();
    at = end;
    if (at < all.length) later(warm);
  };
  if (all.length > 0) later(warm);
}

/** Adds a neighbourhood around `anchor`: new nodes are placed on a ring around it. Returns how many. */
export function mergeView(cy: cytoscape.Core, layers: LayerCanvas, view: GraphView, anchor: string): number {
  const a = cy.getElementById(anchor);
  const centre = a.nonempty() ? a.position() : { x: 0, y: 0 };
  const fresh = view.nodes.filter((n) => cy.getElementById(n.id).empty());
  const ring = ringPositions(centre, fresh.length);
  fresh.forEach((n, i) => {
    n.x = ring[i]!.x;
    n.y = ring[i]!.y;
  });
  const maxW = maxWeight(view.edges);
  cy.batch(() => {
    cy.add(fresh.map(nodeElement));
    cy.add(
      view.edges
        // an edge already on the layer is not added again as an element
        .filter((e) => !layers.layer?.packed.byId.has(e.id) && cy.getElementById(e.id).empty() && cy.getElementById(e.source).nonempty() && cy.getElementById(e.target).nonempty())
        .map((e) => edgeElement(e, maxW)),
    );
  });
  layers.nodesChanged();
  return fresh.length;
}

/**
 * Moves the node layer's nodes into cytoscape (selection and found mark included); false when
 * there was no node layer. The caller relabels and redraws.
 */
export function materialiseNodes(cy: cytoscape.Core, layers: LayerCanvas): boolean {
  const nl = layers.nodeLayer;
  if (!nl) return false;
  layers.nodeLayer = null;
  cy.batch(() => {
    cy.add(nl.view.nodes.map(nodeElement));
    if (nl.selected >= 0) cy.getElementById(nl.packed.ids[nl.selected]!).select();
    if (nl.found >= 0) cy.getElementById(nl.packed.ids[nl.found]!).addClass('found');
  });
  if (layers.layer) layers.layer.refsStale = true;
  return true;
}
