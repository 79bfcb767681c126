// Renderer. Sends the current view to the fcose Web Worker and waits for its positions.
import type cytoscape from 'cytoscape';

export function runFcoseInWorker(cy: cytoscape.Core): Promise<Map<string, { x: number; y: number }>> {
  const nodes = cy.nodes().map((n) => ({ id: n.id(), x: n.position('x'), y: n.position('y'), px: Number(n.data('px')) || 12, locked: n.locked() }));
  const edges = cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id(), weight: Number(e.data('weight')) || 1 }));
  const worker = new Worker(new URL('./fcose.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (m: MessageEvent<Record<string, { x: number; y: number }>>) => {
      worker.terminate();
      resolve(new Map(Object.entries(m.data)));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'layout worker failed'));
    };
    worker.postMessage({ nodes, edges });
  });
}
