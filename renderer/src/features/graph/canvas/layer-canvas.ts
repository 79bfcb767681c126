// Renderer. The canvas beneath cytoscape's own on which big views are drawn: the edges of a big
// view (edge-layer.ts) and the nodes of a big overview (node-layer.ts). Owns that canvas, what is
// on it (layer-state.ts), when it redraws (once per frame; edges hidden while the view moves, as
// cytoscape's hideEdgesOnViewport does) and the few layer edges promoted to cytoscape elements
// when the investigator acts on them (a clicked edge, a path, a neighbourhood).
import type cytoscape from 'cytoscape';
import { cssVar } from './cy-style';
import { drawEdges, hitEdge } from './edge-layer';
import { edgeElement } from './elements';
import { edgesBetween, indexesOf, type Layer, type NodeLayer } from './layer-state';
import { drawNodes, type NodeTheme } from './node-layer';

/** cytoscape's edge opacity (cy-style.ts) and its '.dim' opacity, reproduced on the layer. */
export const EDGE_OPACITY = 0.55;
export const DIM_OPACITY = 0.55 * 0.12;

/** Pointer distance (screen px) within which a click on the edge layer picks an edge. */
const EDGE_HIT_PX = 4;

/** How long the view must stay still (ms) before the layer's edges are drawn again. */
const SETTLE_MS = 120;

/** The theme colours the node layer draws with (the stylesheet reads the same variables). */
export function readTheme(): NodeTheme {
  return {
    fg: cssVar('--fg', '#1b1f24'),
    bg: cssVar('--bg', '#f6f7f9'),
    accent: cssVar('--accent', '#2563eb'),
    danger: cssVar('--danger', '#c62828'),
    font: 'Helvetica Neue, Helvetica, sans-serif',
  };
}

export class LayerCanvas {
  readonly canvas: HTMLCanvasElement;
  /** the edges of the current view when they are drawn here (null: all in cytoscape) */
  layer: Layer | null = null;
  /** the nodes of the current overview when they are drawn here (null: all in cytoscape) */
  nodeLayer: NodeLayer | null = null;
  theme: NodeTheme = readTheme();
  /** the view is moving: the layer draws its nodes only (edges come back once it settles) */
  moving = false;
  private timer = 0;
  private frame = 0;

  constructor(
    private readonly cy: cytoscape.Core,
    container: HTMLElement,
  ) {
    // the edge layer sits beneath cytoscape's canvases (same z-index, earlier in the DOM)
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'gw-edge-layer';
    Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none', zIndex: '0' });
    this.canvas.dataset.testid = 'edge-layer';
    container.insertBefore(this.canvas, container.firstChild);
  }

  /** On every viewport change: hidden while the view moves, redrawn once it settles. */
  onViewport(): void {
    if (!this.layer && !this.nodeLayer) return;
    this.moving = true;
    // nodes on the layer follow every frame; edges alone are simply hidden until it settles
    if (this.nodeLayer) this.schedule();
    else this.canvas.style.visibility = 'hidden';
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.moving = false;
      this.draw();
    }, SETTLE_MS);
  }

  /** Redraws on the next frame (once, however often it is asked in between). */
  schedule(): void {
    if ((!this.layer && !this.nodeLayer) || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw(!this.moving);
    });
  }

  /** After nodes were added or removed: positions are read from fresh node references. */
  nodesChanged(): void {
    if (!this.layer) return;
    this.layer.refsStale = true;
    this.schedule();
  }

  /** Reads node positions from cytoscape (NaN where the node is not shown). */
  positions(l: Layer): void {
    const nl = this.nodeLayer;
    if (nl) {
      // the node layer's arrays follow the same view order as the packed edges' node ids
      l.xs.set(nl.packed.xs);
      l.ys.set(nl.packed.ys);
      return;
    }
    if (l.refsStale) {
      l.refs = l.packed.nodeIds.map((id) => {
        const n = this.cy.getElementById(id);
        return n.nonempty() ? (n as cytoscape.NodeSingular) : null;
      });
      l.refsStale = false;
    }
    for (let i = 0; i < l.refs.length; i++) {
      const n = l.refs[i];
      if (!n || n.removed() || l.hidden.has(l.packed.nodeIds[i]!)) {
        l.xs[i] = NaN;
        l.ys[i] = NaN;
        continue;
      }
      const p = n.position();
      l.xs[i] = p.x;
      l.ys[i] = p.y;
    }
  }

  /** Draws the layer now: its edges unless `edges` is false (the view is moving), then its nodes. */
  draw(edges = true): void {
    const l = this.layer;
    const nl = this.nodeLayer;
    const c = this.canvas;
    if ((!l && !nl) || this.cy.destroyed()) return;
    const w = this.cy.width();
    const h = this.cy.height();
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const pan = this.cy.pan();
    const v = { zoom: this.cy.zoom(), panX: pan.x, panY: pan.y, width: w, height: h };
    if (l && edges) {
      this.positions(l);
      drawEdges(ctx, l.packed, l.xs, l.ys, v, EDGE_OPACITY, l.dim ? () => true : null, DIM_OPACITY);
    } else {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
    }
    if (nl) drawNodes(ctx, nl.packed, v, this.theme, nl);
    c.style.visibility = 'visible';
  }

  /** Forgets the current view's layers (a new view is coming) and blanks the canvas. */
  clear(): void {
    this.layer = null;
    this.nodeLayer = null;
    clearTimeout(this.timer);
    const ctx = this.canvas.getContext('2d');
    ctx?.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Stops pending redraws before cytoscape goes away (the canvas is removed after it). */
  stop(): void {
    clearTimeout(this.timer);
    cancelAnimationFrame(this.frame);
    this.layer = null;
  }

  /** The layer edge under a point (model coordinates), -1 for none. */
  edgeAt(x: number, y: number): number {
    const l = this.layer;
    if (!l) return -1;
    this.positions(l);
    return hitEdge(l.packed, l.xs, l.ys, x, y, EDGE_HIT_PX / this.cy.zoom());
  }

  /**
   * Adds layer edges to cytoscape as elements (the few an investigator acts on: a clicked edge,
   * a path, a neighbourhood) so selection and highlight styles apply to them.
   */
  promote(indexes: number[], cls: string): cytoscape.CollectionReturnValue {
    const l = this.layer;
    let out = this.cy.collection();
    if (!l) return out;
    const defs: cytoscape.ElementDefinition[] = [];
    for (const i of indexes) {
      const e = l.edges[i]!;
      const have = this.cy.getElementById(e.id);
      if (have.nonempty()) {
        out = out.union(have.addClass(cls));
        continue;
      }
      if (this.cy.getElementById(e.source).empty() || this.cy.getElementById(e.target).empty()) continue;
      defs.push({ ...edgeElement(e, l.maxW), classes: `promoted ${cls}` });
    }
    if (defs.length > 0) out = out.union(this.cy.add(defs));
    return out;
  }

  /** Layer edge indexes between two node ids, either direction. */
  edgesBetween(a: string, b: string): number[] {
    return this.layer ? edgesBetween(this.layer.edges, a, b) : [];
  }

  /** Layer node indexes of the given node ids. */
  indexes(ids: Iterable<string>): Set<number> {
    return this.layer ? indexesOf(this.layer.packed.nodeIds, ids) : new Set<number>();
  }
}
