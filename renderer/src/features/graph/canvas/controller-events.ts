// Renderer. Turns what happens on the graph canvas into the workbench's events: taps and double
// taps on cytoscape's nodes and edges, and on the layer canvas beneath (which has no elements to
// tap, so a background tap is hit-tested against the layer's nodes and edges); selection changes,
// one per frame; and the redraws and relabelling a moving or resized view needs.
import type cytoscape from 'cytoscape';
import type { LayerCanvas } from './layer-canvas';
import { hitNode } from './node-layer';

export interface ControllerEvents {
  onNode(id: string, kind: string, additive: boolean): void;
  onEdge(source: string, target: string): void;
  onBackground(): void;
  onOpen(id: string, kind: string): void;
  onSelection(ids: string[]): void;
}

/** Node-layer click tolerance (screen px) around a disc. */
const NODE_HIT_PX = 2;

/** How long the view must stay still (ms) before the nodes on screen are relabelled. */
const LABEL_SETTLE_MS = 180;

/** A click with shift, ctrl or cmd adds to the selection rather than replacing it. */
function isAdditive(e: cytoscape.EventObject): boolean {
  const oe = e.originalEvent as MouseEvent | undefined;
  return !!(oe && (oe.shiftKey || oe.ctrlKey || oe.metaKey));
}

export function wireEvents(cy: cytoscape.Core, layers: LayerCanvas, events: ControllerEvents, relabel: () => void): void {
  cy.on('viewport', () => layers.onViewport());
  cy.on('position', 'node', () => layers.schedule());
  cy.on('resize', () => layers.schedule());

  cy.on('tap', 'node', (e) => events.onNode(e.target.id() as string, e.target.data('kind') as string, isAdditive(e)));
  cy.on('dbltap', 'node', (e) => events.onOpen(e.target.id() as string, e.target.data('kind') as string));
  cy.on('dbltap', (e) => {
    const nl = layers.nodeLayer;
    if (e.target !== cy || !nl) return;
    const i = hitNode(nl.packed, e.position.x, e.position.y, NODE_HIT_PX / cy.zoom());
    if (i >= 0) events.onOpen(nl.packed.ids[i]!, 'cluster');
  });
  cy.on('tap', 'edge', (e) => events.onEdge(e.target.source().id() as string, e.target.target().id() as string));
  cy.on('tap', (e) => {
    if (e.target !== cy) return;
    const nl = layers.nodeLayer;
    if (nl) {
      const i = hitNode(nl.packed, e.position.x, e.position.y, NODE_HIT_PX / cy.zoom());
      // cytoscape unselects everything on a background tap; the layer does the same
      nl.selected = i;
      layers.schedule();
      if (i >= 0) {
        events.onNode(nl.packed.ids[i]!, 'cluster', isAdditive(e));
        return;
      }
    }
    // a click on empty canvas may be a click on an edge of the layer ("why linked")
    const hit = layers.layer ? layers.edgeAt(e.position.x, e.position.y) : -1;
    if (hit >= 0 && layers.layer) {
      const edge = layers.layer.edges[hit]!;
      cy.$('edge.picked').remove();
      // marked, not selected: cytoscape unselects everything after a tap on its background
      layers.promote([hit], 'picked');
      events.onEdge(edge.source, edge.target);
      return;
    }
    cy.$('edge.picked').remove();
    events.onBackground();
  });

  // a box selection selects nodes one by one: the workbench hears of it once, on the next frame
  let pending = 0;
  const emitSelection = () => {
    if (pending) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      events.onSelection(cy.$('node:selected').map((n) => n.id()));
    });
  };
  cy.on('select unselect', 'node', emitSelection);
  // after the view stops moving, label what fits on screen
  let settle = 0;
  cy.on('viewport', () => {
    clearTimeout(settle);
    settle = window.setTimeout(relabel, LABEL_SETTLE_MS);
  });
}
