// Renderer. The layouts the investigator can switch between: the engine's (positions that came with
// the view), concentric by score, grid, and force-directed (fcose), which runs in a Web Worker so
// the UI never freezes on it. Pinned (locked) nodes keep their place.
import type cytoscape from 'cytoscape';

export type LayoutName = 'engine' | 'fcose' | 'concentric' | 'grid';

/** Largest view fcose runs on; beyond it the engine's layout stays (fcose is quadratic-ish). */
export const FCOSE_MAX_NODES = 1500;

/** Moves cytoscape's nodes to the named layout (the caller fits the view afterwards). */
export async function applyLayout(cy: cytoscape.Core, name: LayoutName, enginePositions: Map<string, { x: number; y: number }>): Promise<void> {
  const nodes = cy.nodes().filter((n: cytoscape.NodeSingular) => !n.locked());
  if (name === 'engine') {
    cy.batch(() =>
      nodes.forEach((n) => {
        const p = enginePositions.get(n.id());
        if (p) n.position(p);
      }),
    );
  } else if (name === 'concentric') {
    cy.layout({ name: 'concentric', eles: cy.elements(), concentric: (n: cytoscape.NodeSingular) => Number(n.data('score')) * 10 + Math.log2(1 + Number(n.data('size'))), levelWidth: () => 1, minNodeSpacing: 6, animate: false, fit: false } as cytoscape.LayoutOptions).run();
  } else if (name === 'grid') {
    cy.layout({ name: 'grid', eles: cy.elements(), avoidOverlap: true, animate: false, fit: false, sort: (a: cytoscape.NodeSingular, b: cytoscape.NodeSingular) => Number(b.data('score')) - Number(a.data('score')) } as cytoscape.LayoutOptions).run();
  } else {
    // imported on first use: a separate chunk the first screen does not load
    const { runFcoseInWorker } = await import('./fcose-client');
    const pos = await runFcoseInWorker(cy);
    cy.batch(() =>
      nodes.forEach((n) => {
        const p = pos.get(n.id());
        if (p) n.position(p);
      }),
    );
  }
}
