// Renderer. Creates the graph's cytoscape instance with settings chosen for software rendering
// (2D canvas, edges hidden and a texture while the view moves, pixel ratio 1, no motion blur);
// cytoscape's WebGL renderer on a real GPU.
import cytoscape from 'cytoscape';
import { buildStyle } from './cy-style';
import type { RenderMode } from './render-mode';
import { coalesceFirstStyling } from './style-triggers';

export function createCy(container: HTMLElement, mode: RenderMode): cytoscape.Core {
  const opts: cytoscape.CytoscapeOptions & { renderer?: unknown } = {
    container,
    style: buildStyle(),
    layout: { name: 'preset' },
    minZoom: 0.02,
    maxZoom: 6,
    boxSelectionEnabled: true,
    selectionType: 'additive',
    hideEdgesOnViewport: true,
    textureOnViewport: true,
    motionBlur: false,
    pixelRatio: 1,
  };
  if (mode.webgl) opts.renderer = { name: 'canvas', webgl: true };
  const cy = cytoscape(opts);
  coalesceFirstStyling(cy);
  // The canvas renderer builds its layer textures (whole-graph bitmaps reused while panning)
  // synchronously on its very first frame only, and lazily, between frames, ever after: make
  // the first view lazy too, so it is drawn directly and the textures follow in idle frames.
  // (Profiled: about a third of the overview's first frame at 2,000 nodes.)
  const layers = (cy as unknown as { renderer(): { data?: { lyrTxrCache?: { firstGet?: boolean } } } | undefined }).renderer()?.data?.lyrTxrCache;
  if (layers && layers.firstGet === true) layers.firstGet = false;
  return cy;
}
