// Renderer, Web Worker. Runs the fcose force-directed layout on a headless cytoscape copy of the
// view, off the UI thread, and posts back the positions.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose as cytoscape.Ext);

interface LayoutRequest {
  nodes: Array<{ id: string; x: number; y: number; px: number; locked: boolean }>;
  edges: Array<{ id: string; source: string; target: string; weight: number }>;
}

self.onmessage = (m: MessageEvent<LayoutRequest>) => {
  const { nodes, edges } = m.data;
  const cy = cytoscape({ headless: true, styleEnabled: true });
  cy.add(nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id }, position: { x: n.x, y: n.y }, locked: n.locked })));
  cy.add(edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target, weight: e.weight } })));
  const px = new Map(nodes.map((n) => [n.id, n.px]));
  cy.nodes().forEach((n) => {
    const s = px.get(n.id()) ?? 12;
    n.style({ width: s, height: s });
  });
  cy.layout({
    name: 'fcose',
    quality: nodes.length > 800 ? 'draft' : 'default',
    randomize: false,
    animate: false,
    nodeSeparation: 60,
    idealEdgeLength: 60,
    nodeRepulsion: 6000,
    packComponents: true,
  } as cytoscape.LayoutOptions).run();
  const out: Record<string, { x: number; y: number }> = {};
  cy.nodes().forEach((n) => {
    out[n.id()] = n.position();
  });
  (self as unknown as Worker).postMessage(out);
};
