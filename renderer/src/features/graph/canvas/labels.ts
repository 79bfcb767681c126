// Renderer. Which nodes show their label once the view settles: the ones on screen whose labels
// fit without covering one another, strongest first (cluster size, account degree), each below
// its node or, where that is taken, above, right or left of it. Labels are the costliest thing
// cytoscape draws in software, so only these few carry the 'lbl' class (and 'lbl-above',
// 'lbl-right' or 'lbl-left' for their place); the rest show theirs when selected, found or
// highlighted (cy-style.ts).
import type cytoscape from 'cytoscape';
import type { LayerCanvas } from './layer-canvas';
import { LABEL_CANDIDATES_MAX, layerLabels } from './layer-state';
import { chooseLabels, type ScreenBox } from './label-placement';

/**
 * Labels the nodes on screen (cytoscape's, or the node layer's when the overview is drawn there).
 * Nothing while labels would be too small to read (cytoscape hides them below
 * min-zoomed-font-size anyway) or too many nodes are on screen.
 */
export function labelVisible(cy: cytoscape.Core, layers: LayerCanvas): void {
  const zoom = cy.zoom();
  const font = 10 * zoom;
  const ext = cy.extent();
  const around = { blocked: overlays(cy), view: { width: cy.width(), height: cy.height() } };
  const nl = layers.nodeLayer;
  if (nl) {
    nl.labels = layerLabels(nl.packed, ext, zoom, cy.pan(), LABEL_CANDIDATES_MAX, around);
    layers.schedule();
    return;
  }
  const inside = (x: number, y: number) => x >= ext.x1 && x <= ext.x2 && y >= ext.y1 && y <= ext.y2;
  const nodes = cy.nodes();
  let chosen: { node: cytoscape.NodeSingular; place: string }[] = [];
  if (font >= 8 && nodes.length > 0) {
    const inView = nodes.filter((n) => {
      const p = n.position();
      return inside(p.x, p.y);
    });
    if (inView.length <= LABEL_CANDIDATES_MAX) {
      const list = inView.toArray() as cytoscape.NodeSingular[];
      const cands = list.map((n) => {
        const p = n.renderedPosition();
        return { x: p.x, y: p.y, r: (Number(n.data('px')) / 2) * zoom, label: String(n.data('label')), size: Number(n.data('size')), id: n.id() };
      });
      chosen = chooseLabels(cands, font, around).map((l) => ({ node: list[l.i]!, place: l.place }));
    }
  }
  cy.batch(() => {
    cy.$('node.lbl').removeClass('lbl lbl-above lbl-right lbl-left');
    for (const c of chosen) c.node.addClass(c.place === 'below' ? 'lbl' : `lbl lbl-${c.place}`);
  });
}

/** The panels drawn over the graph (the legend), as boxes in the graph's screen coordinates: no
 * label is placed under them. */
function overlays(cy: cytoscape.Core): ScreenBox[] {
  const container = cy.container();
  if (!container) return [];
  const c = container.getBoundingClientRect();
  const out: ScreenBox[] = [];
  for (const el of container.closest('.gw-centre')?.querySelectorAll('.gw-legend') ?? []) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) out.push([r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top]);
  }
  return out;
}
