// Renderer. A PNG of the whole graph (screenshots, the evidence packet). With an edge layer the
// picture is composed by hand: the layer's edges, cytoscape's nodes over them, the theme's
// background behind both, since cytoscape's own png() knows nothing of the layer.
import type cytoscape from 'cytoscape';
import { drawEdges } from './edge-layer';
import { DIM_OPACITY, EDGE_OPACITY, type LayerCanvas } from './layer-canvas';

/** A data: URL of the PNG; the caller moves a node layer into cytoscape first. */
export function viewPng(cy: cytoscape.Core, layers: LayerCanvas): string {
  const bg = getComputedStyle(document.documentElement).getPropertyValue('--panel').trim() || '#fff';
  const l = layers.layer;
  const r = (cy as unknown as { renderer(): unknown }).renderer() as { bufferCanvasImage?: (o: { full: boolean; scale: number }) => HTMLCanvasElement };
  if (!l || typeof r.bufferCanvasImage !== 'function') return cy.png({ full: true, scale: 1, bg });
  // cytoscape's full image spans the elements' bounding box at zoom 1, pixel ratio 1
  const nodes = r.bufferCanvasImage({ full: true, scale: 1 });
  const bb = (cy as unknown as { mutableElements(): cytoscape.CollectionReturnValue }).mutableElements().boundingBox();
  const out = document.createElement('canvas');
  out.width = nodes.width;
  out.height = nodes.height;
  const ctx = out.getContext('2d');
  if (!ctx) return cy.png({ full: true, scale: 1, bg });
  layers.positions(l);
  drawEdges(ctx, l.packed, l.xs, l.ys, { zoom: 1, panX: -bb.x1, panY: -bb.y1, width: out.width, height: out.height }, EDGE_OPACITY, l.dim ? () => true : null, DIM_OPACITY);
  ctx.drawImage(nodes, 0, 0);
  ctx.globalCompositeOperation = 'destination-over';
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, out.width, out.height);
  return out.toDataURL('image/png');
}
