// Renderer. What the investigator does to selected nodes: select by id or by lasso, unselect,
// hide and show again, pin in place. Hidden nodes are also kept out of the edge layer (their links
// are not drawn). Callers move a node layer into cytoscape first where it matters
// (GraphController.materialise); unselecting covers the node layer's own selection.
import type cytoscape from 'cytoscape';
import type { LayerCanvas } from './layer-canvas';
import { insidePolygon } from './viewport-math';

export function selectByIds(cy: cytoscape.Core, ids: string[], additive: boolean): void {
  cy.batch(() => {
    if (!additive) cy.$(':selected').unselect();
    for (const id of ids) cy.getElementById(id).select();
  });
}

/** Selects nodes whose on-screen position lies inside a polygon in container pixels (lasso). */
export function selectInPolygon(cy: cytoscape.Core, poly: Array<[number, number]>, additive: boolean): number {
  let count = 0;
  cy.batch(() => {
    if (!additive) cy.$(':selected').unselect();
    cy.nodes(':visible').forEach((n) => {
      const p = n.renderedPosition();
      if (insidePolygon(p.x, p.y, poly)) {
        n.select();
        count++;
      }
    });
  });
  return count;
}

/** Unselects every node (cytoscape's and the node layer's). */
export function unselectAll(cy: cytoscape.Core, layers: LayerCanvas): void {
  cy.$(':selected').unselect();
  if (layers.nodeLayer) {
    layers.nodeLayer.selected = -1;
    layers.schedule();
  }
}

/** Hides the selected nodes (and their links); returns how many. */
export function hideSelected(cy: cytoscape.Core, layers: LayerCanvas): number {
  const sel = cy.$('node:selected');
  sel.style('display', 'none');
  sel.unselect();
  if (layers.layer) {
    for (const id of sel.map((n) => n.id())) layers.layer.hidden.add(id);
    layers.schedule();
  }
  return sel.length;
}

export function showAll(cy: cytoscape.Core, layers: LayerCanvas): void {
  cy.nodes().style('display', 'element');
  if (layers.layer) {
    layers.layer.hidden.clear();
    layers.schedule();
  }
}

/** Pins the selection (a layout leaves it in place), or unpins it when all of it is pinned. */
export function togglePinSelected(cy: cytoscape.Core): void {
  const sel = cy.$('node:selected');
  if (sel.filter(':locked').length === sel.length) sel.unlock();
  else sel.lock();
}
