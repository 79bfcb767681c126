// Renderer. Group nodes: the investigator collapses selected nodes into one ('g'), whose links are
// the members' links to the rest merged by neighbour (weights summed), and expands it back with a
// double-click. Keeps each group's members as cytoscape JSON until then; a new view forgets them.
import type cytoscape from 'cytoscape';
import { incidentEdges } from './edge-layer';
import type { LayerCanvas } from './layer-canvas';

/** Group nodes and their links are drawn in a neutral grey: they carry no single signal. */
const GROUP_COLOR = '#7b8794';

export class NodeGroups {
  private readonly saved = new Map<string, cytoscape.ElementDefinition[]>();

  clear(): void {
    this.saved.clear();
  }

  /** Collapses the selected nodes into one group node; its edges are the members' edges, merged. */
  collapse(cy: cytoscape.Core, layers: LayerCanvas, label: string): string | null {
    const sel = cy.$('node:selected').filter((n) => n.data('kind') !== 'group');
    if (sel.length < 2) return null;
    const id = `group:${Date.now().toString(36)}`;
    const saved = sel.union(sel.connectedEdges()).jsons() as unknown as cytoscape.ElementDefinition[];
    this.saved.set(id, saved);
    const bb = sel.boundingBox();
    const outside = new Map<string, number>();
    sel.connectedEdges().forEach((e) => {
      const other = sel.contains(e.source()) ? e.target() : e.source();
      if (sel.contains(other)) return;
      outside.set(other.id(), (outside.get(other.id()) ?? 0) + (e.data('weight') as number));
    });
    // links on the edge layer count too (promoted ones were counted above as elements)
    const l = layers.layer;
    if (l) {
      const inSel = layers.indexes(sel.map((n) => n.id()));
      for (const i of incidentEdges(l.packed, inSel)) {
        const e = l.edges[i]!;
        if (cy.getElementById(e.id).nonempty()) continue;
        const other = inSel.has(l.packed.src[i]!) ? e.target : e.source;
        if (sel.contains(cy.getElementById(other)) || cy.getElementById(other).empty() || l.hidden.has(other)) continue;
        outside.set(other, (outside.get(other) ?? 0) + e.weight);
      }
    }
    cy.batch(() => {
      sel.remove();
      cy.add({
        group: 'nodes',
        data: { id, label: `${label} (${sel.length})`, kind: 'group', px: 24 + 4 * Math.sqrt(sel.length), color: GROUP_COLOR, size: sel.length },
        position: { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 },
      });
      for (const [other, w] of outside) {
        cy.add({ group: 'edges', data: { id: `${id}-${other}`, source: id, target: other, weight: w, signal: 'group', color: GROUP_COLOR, w: 2 } });
      }
    });
    layers.nodesChanged();
    return id;
  }

  /** Expands a group node back into its members (their links to nodes still shown come back too). */
  expand(cy: cytoscape.Core, layers: LayerCanvas, id: string): boolean {
    const saved = this.saved.get(id);
    if (!saved) return false;
    this.saved.delete(id);
    cy.batch(() => {
      cy.getElementById(id).remove();
      cy.add(saved.filter((d) => d.group === 'nodes'));
      cy.add(saved.filter((d) => d.group === 'edges' && cy.getElementById(String(d.data.source)).nonempty() && cy.getElementById(String(d.data.target)).nonempty()));
    });
    layers.nodesChanged();
    return true;
  }
}
