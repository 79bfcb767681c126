// Renderer. Emphasis on part of the graph: a highlighted path (its nodes and links, everything else
// dimmed) and the selection's neighbourhood. On a big view the links concerned live on the edge
// layer, so they are promoted to cytoscape elements first (the layer itself is dimmed as a whole).
// Callers move a node layer into cytoscape first (GraphController.materialise).
import type cytoscape from 'cytoscape';
import { fitNow } from './camera';
import { incidentEdges } from './edge-layer';
import type { LayerCanvas } from './layer-canvas';

/** Padding (screen px) around a highlighted path when the view is fitted to it. */
const HIGHLIGHT_PADDING = 120;

/** Dims everything but the given nodes and the links between the given pairs, then fits to them. */
export function highlight(cy: cytoscape.Core, layers: LayerCanvas, nodeIds: string[], edgePairs: Array<[string, string]>): void {
  cy.batch(() => {
    clearHighlight(cy, layers);
    const keep = cy.collection();
    for (const id of nodeIds) keep.merge(cy.getElementById(id));
    for (const [a, b] of edgePairs) {
      if (layers.layer) layers.promote(layers.edgesBetween(a, b), 'path');
      keep.merge(cy.getElementById(a).edgesWith(cy.getElementById(b)));
    }
    if (keep.empty()) return;
    if (layers.layer) layers.layer.dim = true;
    cy.elements().difference(keep).addClass('dim');
    keep.addClass('hl');
  });
  layers.schedule();
  const hl = cy.$('node.hl');
  if (hl.nonempty()) fitNow(cy, layers, hl, HIGHLIGHT_PADDING);
}

/** Undoes a highlight or isolate; a clicked ('picked') layer edge stays an element. */
export function clearHighlight(cy: cytoscape.Core, layers: LayerCanvas): void {
  cy.$('.dim, .hl').removeClass('dim hl');
  if (layers.layer) {
    cy.$('edge.promoted').not('.picked').remove();
    layers.layer.dim = false;
    layers.schedule();
  }
}

/** Dims everything but the selection and its direct links (the "neighbourhood" focus). */
export function isolateSelection(cy: cytoscape.Core, layers: LayerCanvas): void {
  const sel = cy.$('node:selected');
  if (sel.empty()) return;
  cy.batch(() => {
    clearHighlight(cy, layers);
    // on the edge layer, the selection's links become elements so the neighbourhood is found
    if (layers.layer) {
      layers.promote(incidentEdges(layers.layer.packed, layers.indexes(sel.map((n) => n.id()))), 'near');
      layers.layer.dim = true;
    }
    const keep = sel.closedNeighborhood();
    cy.elements().difference(keep).addClass('dim');
  });
  layers.schedule();
}
